package rec4j.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Offline top-k evaluation of recommenders on a train/test split, full ranking:
 * <ul>
 *   <li>for every user with at least one relevant item (a test item that is a candidate and not also a training item
 *       of that user) the method scores every candidate; the user's training items are excluded; NaN scores (items the
 *       method cannot score) are left out; the top max(k) are kept, ties to the lower item index;</li>
 *   <li>recall@k = hits / |relevant|, precision@k = hits / k, NDCG@k with the ideal DCG over min(k, |relevant|) (as in
 *       LightGCN), hit rate = share of users with at least one hit; all four averaged over the evaluated users;</li>
 *   <li>coverage@k = distinct items in all top-k lists / candidates;</li>
 *   <li>diversity@k = mean over users of the mean pairwise (1 - cosine) of the feature vectors in the top-k list (items
 *       without a vector are left out; lists with fewer than two such items are not counted); NaN without features;</li>
 *   <li>novelty@k = mean over users and list entries of -log2((trainCount(i) + 1) / (trainUsers + 1)), the
 *       self-information of an item's share of the users with training items (add-one smoothed).</li>
 * </ul>
 * Users with no relevant item are skipped. Results are the same at any concurrency.
 */
public final class OfflineEvaluation {

    /** Fills {@code scores[item]} for a user (NaN where the method cannot score the item). */
    public interface Scorer {
        void score(int user, float[] scores);
    }

    /**
     * Users and items are dense indices; {@code train[u]} and {@code test[u]} item indices (any order, duplicates
     * allowed); {@code candidates} the items that may be recommended; {@code features[i]} an item's vector or null
     * ({@code features} itself may be null).
     */
    public record Input(int users, int items, int[][] train, int[][] test, int[] candidates, float[][] features) {
        public Input {
            if (train.length != users || test.length != users) {
                throw new IllegalArgumentException("train and test need one row per user (" + users + ")");
            }
            if (features != null && features.length != items) {
                throw new IllegalArgumentException("features need one row per item (" + items + ")");
            }
            train = sorted(train);
            test = sorted(test);
            candidates = Arrays.stream(candidates).sorted().distinct().toArray();
            for (int[][] rows : new int[][][] {train, test, {candidates}}) {
                for (int[] row : rows) {
                    if (row.length > 0 && (row[0] < 0 || row[row.length - 1] >= items)) {
                        throw new IllegalArgumentException("item index out of [0, " + items + ")");
                    }
                }
            }
        }

        /** The user's relevant items: test items that are candidates and not training items of the user. */
        public int[] relevant(int u) {
            return Arrays.stream(test[u]).filter(i -> Arrays.binarySearch(candidates, i) >= 0
                    && Arrays.binarySearch(train[u], i) < 0).toArray();
        }

        /** Training interactions per item. */
        public int[] trainCounts() {
            int[] counts = new int[items];
            for (int[] row : train) {
                for (int i : row) {
                    counts[i]++;
                }
            }
            return counts;
        }

        private static int[][] sorted(int[][] rows) {
            int[][] out = new int[rows.length][];
            for (int u = 0; u < rows.length; u++) {
                out[u] = Arrays.stream(rows[u]).sorted().distinct().toArray();
            }
            return out;
        }
    }

    /** One method at one k. {@code diversity} is NaN when no list had two items with features. */
    public record Row(String method, int k, double recall, double precision, double ndcg, double hitRate, double coverage,
            double diversity, double novelty, int users) {}

    private OfflineEvaluation() {}

    /** One row per k (in the given order) for one method. */
    public static List<Row> evaluate(Input in, String method, Scorer scorer, int[] ks, int concurrency) {
        return evaluate(in, method, scorer, ks, concurrency, () -> false);
    }

    /**
     * As above, checking {@code terminated} every 64 users; when it says stop, a {@link java.util.concurrent.CancellationException}
     * ends the evaluation.
     */
    public static List<Row> evaluate(Input in, String method, Scorer scorer, int[] ks, int concurrency,
            java.util.function.BooleanSupplier terminated) {
        int maxK = Arrays.stream(ks).max().orElseThrow(() -> new IllegalArgumentException("no k given"));
        if (Arrays.stream(ks).min().getAsInt() < 1) {
            throw new IllegalArgumentException("every k must be >= 1, got " + Arrays.toString(ks));
        }
        int[][] relevant = new int[in.users()][];
        int[][] top = new int[in.users()][];
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, concurrency));
        try {
            pool.submit(() -> IntStream.range(0, in.users()).parallel().forEach(u -> {
                if (u % 64 == 0 && terminated.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("evaluation terminated");
                }
                int[] rel = in.relevant(u);
                if (rel.length == 0) {
                    return;
                }
                float[] scores = new float[in.items()];
                scorer.score(u, scores);
                relevant[u] = rel;
                top[u] = ListMetrics.topK(scores, in.candidates(), in.train()[u], maxK);
            })).join();
        } finally {
            pool.shutdown();
        }
        int[] counts = in.trainCounts();
        long trainUsers = Arrays.stream(in.train()).filter(r -> r.length > 0).count();
        double[] selfInformation = new double[in.items()];
        for (int i = 0; i < in.items(); i++) {
            selfInformation[i] = -log2((counts[i] + 1.0) / (trainUsers + 1.0));
        }
        float[][] unit = unitFeatures(in.features());
        List<Row> rows = new ArrayList<>();
        for (int k : ks) {
            double recall = 0, precision = 0, ndcg = 0, hit = 0, diversity = 0, novelty = 0;
            int users = 0, diverseUsers = 0;
            BitSet recommended = new BitSet(in.items());
            for (int u = 0; u < in.users(); u++) {
                if (relevant[u] == null) {
                    continue;
                }
                users++;
                int[] list = Arrays.copyOf(top[u], Math.min(k, top[u].length));
                int hits = ListMetrics.hits(list, k, relevant[u]);
                recall += (double) hits / relevant[u].length;
                precision += (double) hits / k;
                ndcg += ListMetrics.ndcg(list, k, relevant[u]);
                hit += hits > 0 ? 1 : 0;
                double info = 0;
                for (int i : list) {
                    recommended.set(i);
                    info += selfInformation[i];
                }
                novelty += list.length == 0 ? 0 : info / list.length;
                double d = diversity(list, unit);
                if (!Double.isNaN(d)) {
                    diversity += d;
                    diverseUsers++;
                }
            }
            rows.add(new Row(method, k, mean(recall, users), mean(precision, users), mean(ndcg, users), mean(hit, users),
                    in.candidates().length == 0 ? 0 : (double) recommended.cardinality() / in.candidates().length,
                    diverseUsers == 0 ? Double.NaN : diversity / diverseUsers, mean(novelty, users), users));
        }
        return rows;
    }

    /** Mean pairwise (1 - cosine) of the items of a list that have a vector; NaN with fewer than two. */
    static double diversity(int[] list, float[][] unit) {
        if (unit == null) {
            return Double.NaN;
        }
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < list.length; a++) {
            float[] x = unit[list[a]];
            if (x == null) {
                continue;
            }
            for (int b = a + 1; b < list.length; b++) {
                float[] y = unit[list[b]];
                if (y == null) {
                    continue;
                }
                double dot = 0;
                for (int c = 0; c < x.length; c++) {
                    dot += x[c] * y[c];
                }
                sum += 1 - dot;
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    private static float[][] unitFeatures(float[][] features) {
        if (features == null) {
            return null;
        }
        float[][] unit = new float[features.length][];
        int dimension = -1;
        for (int i = 0; i < features.length; i++) {
            float[] f = features[i];
            if (f == null) {
                continue;
            }
            if (dimension >= 0 && f.length != dimension) {
                throw new IllegalArgumentException("item " + i + " has a feature vector of " + f.length + " values, others "
                        + dimension);
            }
            dimension = f.length;
            double norm = 0;
            for (float v : f) {
                norm += v * v;
            }
            if (norm == 0) {
                continue; // a zero vector has no direction: left out like a missing one
            }
            unit[i] = new float[f.length];
            for (int c = 0; c < f.length; c++) {
                unit[i][c] = (float) (f[c] / Math.sqrt(norm));
            }
        }
        return unit;
    }

    private static double mean(double sum, int n) {
        return n == 0 ? 0 : sum / n;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
