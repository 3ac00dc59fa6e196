package rec4j.gcn;

import java.util.stream.IntStream;

/**
 * Full-ranking Recall@k and NDCG@k as the LightGCN paper defines them: every item is ranked for each user except the
 * user's training items; recall = hits / |test items of the user|; NDCG with the ideal DCG over min(k, |test items|);
 * both averaged over the users with at least one test item.
 */
public final class RankingMetrics {

    public record Result(double recall, double ndcg, int users) {}

    private RankingMetrics() {}

    public static Result evaluate(float[] embeddings, int width, Interactions train, int[][] test, int k, int concurrency) {
        int users = train.users();
        int items = train.items();
        double[][] perUser = new double[users][];
        IntStream range = IntStream.range(0, users);
        (concurrency > 1 ? range.parallel() : range).forEach(u -> {
            if (test[u] == null || test[u].length == 0) {
                return;
            }
            int[] top = topK(embeddings, width, users, items, u, train.positives()[u], k);
            java.util.Set<Integer> relevant = new java.util.HashSet<>();
            for (int item : test[u]) {
                relevant.add(item);
            }
            double hits = 0, dcg = 0, idcg = 0;
            for (int r = 0; r < top.length; r++) {
                if (relevant.contains(top[r])) {
                    hits++;
                    dcg += 1 / log2(r + 2);
                }
            }
            for (int r = 0; r < Math.min(k, relevant.size()); r++) {
                idcg += 1 / log2(r + 2);
            }
            perUser[u] = new double[] {hits / relevant.size(), dcg / idcg};
        });
        double recall = 0, ndcg = 0;
        int counted = 0;
        for (double[] r : perUser) {
            if (r != null) {
                recall += r[0];
                ndcg += r[1];
                counted++;
            }
        }
        return new Result(counted == 0 ? 0 : recall / counted, counted == 0 ? 0 : ndcg / counted, counted);
    }

    /** The k best items of user u by dot product, best first, skipping {@code exclude} (sorted); ties by item index. */
    static int[] topK(float[] embeddings, int width, int users, int items, int u, int[] exclude, int k) {
        int[] best = new int[k];
        float[] bestScore = new float[k];
        int size = 0;
        int ex = 0;
        int base = u * width;
        for (int item = 0; item < items; item++) {
            while (ex < exclude.length && exclude[ex] < item) {
                ex++;
            }
            if (ex < exclude.length && exclude[ex] == item) {
                continue;
            }
            int row = (users + item) * width;
            float s = 0;
            for (int c = 0; c < width; c++) {
                s += embeddings[base + c] * embeddings[row + c];
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
        return java.util.Arrays.copyOf(best, size);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
