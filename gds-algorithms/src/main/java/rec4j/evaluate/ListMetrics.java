package rec4j.evaluate;

import java.util.Arrays;

/**
 * Ranking metrics of one list: top-k selection, hits, Recall@k and NDCG@k as the LightGCN paper defines them (NDCG with
 * the ideal DCG over min(k, |relevant|)). Shared by the GCN's validation (rec4j.gcn.RankingMetrics) and
 * rec.evaluate.model ({@link OfflineEvaluation}).
 */
public final class ListMetrics {

    private ListMetrics() {}

    /**
     * The indices of the k highest scores, best first. Only {@code candidates} (sorted ascending; null: every index)
     * are ranked, minus {@code exclude} (sorted ascending) and minus indices whose score is NaN (not scorable). Ties go
     * to the lower index. Fewer than k indices come back when fewer are left.
     */
    public static int[] topK(float[] scores, int[] candidates, int[] exclude, int k) {
        int[] best = new int[k];
        float[] bestScore = new float[k];
        int size = 0;
        int ex = 0;
        int n = candidates == null ? scores.length : candidates.length;
        for (int c = 0; c < n; c++) {
            int item = candidates == null ? c : candidates[c];
            while (ex < exclude.length && exclude[ex] < item) {
                ex++;
            }
            if (ex < exclude.length && exclude[ex] == item) {
                continue;
            }
            float s = scores[item];
            if (Float.isNaN(s)) {
                continue;
            }
            if (size < k || s > bestScore[size - 1]) {
                int at = size < k ? size++ : k - 1;
                while (at > 0 && bestScore[at - 1] < s) {
                    best[at] = best[at - 1];
                    bestScore[at] = bestScore[at - 1];
                    at--;
                }
                best[at] = item;
                bestScore[at] = s;
            }
        }
        return Arrays.copyOf(best, size);
    }

    /** How many of the first k entries of {@code top} are in {@code relevant} (sorted ascending, distinct). */
    public static int hits(int[] top, int k, int[] relevant) {
        int hits = 0;
        for (int r = 0; r < Math.min(k, top.length); r++) {
            if (Arrays.binarySearch(relevant, top[r]) >= 0) {
                hits++;
            }
        }
        return hits;
    }

    /** hits@k / |relevant| (relevant sorted, distinct, non-empty). */
    public static double recall(int[] top, int k, int[] relevant) {
        return (double) hits(top, k, relevant) / relevant.length;
    }

    /** DCG@k (gain 1 per hit at rank r from 0: 1 / log2(r + 2)) over the ideal DCG of min(k, |relevant|) hits. */
    public static double ndcg(int[] top, int k, int[] relevant) {
        double dcg = 0, idcg = 0;
        for (int r = 0; r < Math.min(k, top.length); r++) {
            if (Arrays.binarySearch(relevant, top[r]) >= 0) {
                dcg += 1 / log2(r + 2);
            }
        }
        for (int r = 0; r < Math.min(k, relevant.length); r++) {
            idcg += 1 / log2(r + 2);
        }
        return dcg / idcg;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
