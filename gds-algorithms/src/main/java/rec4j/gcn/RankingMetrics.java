package rec4j.gcn;

import java.util.Arrays;

/**
 * Full-ranking Recall@k and NDCG@k as the LightGCN paper defines them: every item is ranked for each user except the
 * user's training items; recall = hits / |test items of the user|; NDCG with the ideal DCG over min(k, |test items|);
 * both averaged over the users with at least one test item. The per-list pieces ({@link #topK(float[], int[], int[], int)},
 * {@link #hits}, {@link #recall}, {@link #ndcg}) are public for other evaluations (rec.evaluate.model).
 */
public final class RankingMetrics {

    public record Result(double recall, double ndcg, int users) {}

    private RankingMetrics() {}

    public static Result evaluate(float[] embeddings, int width, Interactions train, int[][] test, int k, int concurrency) {
        return evaluate(embeddings, width, train, test, k, concurrency, () -> false);
    }

    /**
     * As above, on {@code concurrency} threads of its own (users in blocks of 256), checking {@code terminated} before
     * each block; a termination ends the evaluation with {@link GcnTrainer.TerminatedException}.
     */
    public static Result evaluate(float[] embeddings, int width, Interactions train, int[][] test, int k, int concurrency,
            java.util.function.BooleanSupplier terminated) {
        int users = train.users();
        int items = train.items();
        double[][] perUser = new double[users][];
        int block = 256;
        int blocks = (users + block - 1) / block;
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable worker = () -> {
            for (int b; !stop.get() && (b = next.getAndIncrement()) < blocks; ) {
                if (terminated.getAsBoolean()) {
                    stop.set(true);
                    return;
                }
                for (int u = b * block; u < Math.min(users, (b + 1) * block); u++) {
                    if (test[u] == null || test[u].length == 0) {
                        continue;
                    }
                    int[] top = topK(embeddings, width, users, items, u, train.positives()[u], k);
                    int[] relevant = sortedDistinct(test[u]);
                    perUser[u] = new double[] {recall(top, k, relevant), ndcg(top, k, relevant)};
                }
            }
        };
        int threads = Math.max(1, Math.min(concurrency, blocks));
        if (threads == 1) {
            worker.run();
        } else {
            Thread[] pool = new Thread[threads - 1];
            for (int t = 0; t < pool.length; t++) {
                pool[t] = new Thread(worker, "rec4j-metrics");
                pool[t].setDaemon(true);
                pool[t].start();
            }
            try {
                worker.run();
            } finally {
                for (Thread t : pool) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        stop.set(true);
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        if (stop.get()) {
            throw new GcnTrainer.TerminatedException(-1);
        }
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
        float[] scores = new float[items];
        int base = u * width;
        for (int item = 0; item < items; item++) {
            int row = (users + item) * width;
            float s = 0;
            for (int c = 0; c < width; c++) {
                s += embeddings[base + c] * embeddings[row + c];
            }
            scores[item] = s;
        }
        return topK(scores, null, exclude, k);
    }

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

    private static int[] sortedDistinct(int[] values) {
        return Arrays.stream(values).sorted().distinct().toArray();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
