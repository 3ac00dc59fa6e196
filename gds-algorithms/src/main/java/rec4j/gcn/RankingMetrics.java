package rec4j.gcn;

import rec4j.evaluate.ListMetrics;
import rec4j.numeric.Pools;

import java.util.Arrays;

/**
 * Full-ranking Recall@k and NDCG@k as the LightGCN paper defines them: every item is ranked for each user except the
 * user's training items; recall = hits / |test items of the user|; NDCG with the ideal DCG over min(k, |test items|);
 * both averaged over the users with at least one test item; the per-list metrics are {@link ListMetrics}.
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
        float[] itemMajor = itemMajor(embeddings, width, users, items);
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
                    int[] top = topK(embeddings, itemMajor, width, items, u, train.positives()[u], k);
                    int[] relevant = sortedDistinct(test[u]);
                    perUser[u] = new double[] {ListMetrics.recall(top, k, relevant), ListMetrics.ndcg(top, k, relevant)};
                }
            }
        };
        int threads = Math.max(1, Math.min(concurrency, blocks));
        if (threads == 1) {
            worker.run();
        } else {
            java.util.concurrent.ExecutorService pool = Pools.daemon(threads - 1, "rec4j-metrics");
            try {
                java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
                for (int t = 1; t < threads; t++) {
                    futures.add(pool.submit(worker));
                }
                worker.run();
                Pools.awaitAll(futures, "validation metrics");
            } finally {
                pool.shutdown();
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
        return topK(embeddings, itemMajor(embeddings, width, users, items), width, items, u, exclude, k);
    }

    /** The item rows of {@code embeddings} transposed: column c of every item together (c x items + item). */
    static float[] itemMajor(float[] embeddings, int width, int users, int items) {
        float[] t = new float[width * items];
        for (int item = 0; item < items; item++) {
            int row = (users + item) * width;
            for (int c = 0; c < width; c++) {
                t[c * items + item] = embeddings[row + c];
            }
        }
        return t;
    }

    /**
     * As above with the items transposed: every item's score accumulates column by column, in the same order and with
     * the same roundings as a row-wise dot product (so the same floats), but as a loop over items the JIT vectorises.
     */
    static int[] topK(float[] embeddings, float[] itemMajor, int width, int items, int u, int[] exclude, int k) {
        float[] scores = new float[items];
        int base = u * width;
        for (int c = 0; c < width; c++) {
            float a = embeddings[base + c];
            int offset = c * items;
            for (int item = 0; item < items; item++) {
                scores[item] += a * itemMajor[offset + item];
            }
        }
        return ListMetrics.topK(scores, null, exclude, k);
    }

    private static int[] sortedDistinct(int[] values) {
        return Arrays.stream(values).sorted().distinct().toArray();
    }

}
