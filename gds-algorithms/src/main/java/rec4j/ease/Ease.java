package rec4j.ease;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): the closed-form item-item model
 * <pre>
 *   G = X^T X + lambda I,   P = G^-1,   B[j][i] = -P[j][i] / P[i][i] (i != j),   B[i][i] = 0,   score(u, i) = x_u B[:, i]
 * </pre>
 * on the binary user-item matrix X. The Gram matrix is counted from the users' item lists (cost: the sum over users of
 * their item count squared, parallel over item rows, no dense X); G is factored and inverted in place by OpenBLAS
 * (LAPACK {@code spotrf} + {@code spotri}, the Cholesky route: n^3 flops in all) in one off-heap n x n float array.
 * B is returned transposed in a heap {@code float[n * n]}: {@code itemVectors[i * n + j]} = B[j][i], how much having
 * item j adds to item i's score. Row i is item i's vector over the catalog, so a user's scores are dot products of
 * these rows with the user's multi-hot row x_u, and the items similar to j are column j ({@code B[j][·]}).
 */
public final class Ease {

    /** B transposed ({@code itemVectors[i * items + j]} = B[j][i]); the fit's lambda; milliseconds per phase. */
    public record Model(int items, float[] itemVectors, double lambda, long gramMillis, long inverseMillis) {

        /** B[j][i]: what having item j adds to item i. */
        public float weight(int j, int i) {
            return itemVectors[i * items + j];
        }

        /** Adds sum over the seeds j of B[j][i] (times the seed's weight, 1 when {@code seedWeights} is null) to {@code scores[i]}. */
        public void score(int[] seedItems, float[] seedWeights, float[] scores) {
            for (int i = 0; i < items; i++) {
                int row = i * items;
                float s = 0;
                for (int k = 0; k < seedItems.length; k++) {
                    s += (seedWeights == null ? 1f : seedWeights[k]) * itemVectors[row + seedItems[k]];
                }
                scores[i] += s;
            }
        }
    }

    /** The largest catalog one float array holds: n^2 below 2^31. */
    public static final int MAX_ITEMS = 46_340;

    private Ease() {}

    /**
     * @param userItems  per user, its item indices in [0, items) (duplicates count once)
     * @param lambda     the L2 weight, > 0
     * @param terminated checked every 64 item rows of the Gram matrix and between the phases; true ends the fit
     *                   with a {@link CancellationException}
     */
    public static Model fit(int items, int[][] userItems, double lambda, int concurrency, BooleanSupplier terminated) {
        if (items < 1 || items > MAX_ITEMS) {
            throw new IllegalArgumentException("EASE needs 1 to " + MAX_ITEMS + " items, got " + items);
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("EASE needs lambda > 0, got " + lambda);
        }
        long start = System.nanoTime();
        int[][] distinct = distinctRows(userItems, items);
        int[][] usersOf = usersOfItems(items, distinct);
        INDArray g = Nd4j.create(DataType.FLOAT, items, items);
        try {
            FloatPointer p = (FloatPointer) g.data().addressPointer();
            gram(items, distinct, usersOf, (float) lambda, p, concurrency, terminated);
            long gramDone = System.nanoTime();
            check(terminated);
            int info = openblas.LAPACKE_spotrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', items, p, items);
            if (info != 0) {
                throw new IllegalStateException("EASE: the Gram matrix is not positive definite (spotrf info " + info + ")");
            }
            check(terminated);
            info = openblas.LAPACKE_spotri(openblas.LAPACK_ROW_MAJOR, (byte) 'L', items, p, items);
            if (info != 0) {
                throw new IllegalStateException("EASE: the inverse failed (spotri info " + info + ")");
            }
            check(terminated);
            float[] itemVectors = itemVectors(items, p, concurrency);
            long end = System.nanoTime();
            return new Model(items, itemVectors, lambda, (gramDone - start) / 1_000_000, (end - gramDone) / 1_000_000);
        } finally {
            g.close();
        }
    }

    /**
     * What a fit needs, by component: on the heap the weights (n^2 floats, kept as the model), the de-duplicated user
     * lists and users-of-items lists (an int per interaction each, plus array headers) and a Gram row per thread; off
     * the heap ({@code offHeapGram}, not part of {@code bytes}) one n x n float array, factored and inverted in place.
     * With lambda picked on validation (EaseFit) the Platt scaling follows a fit, beside that model but after the
     * fit's lists and rows are gone: a float per sampled pair (held-out pairs counted as all interactions). Before
     * all of it the graph is read from GDS (readFromGds, the GCN's formula), and its rows and node ids (interactions)
     * stay beside the fit.
     */
    public static rec4j.gcn.GcnMemoryEstimate.Estimate estimate(long users, long items, long interactions, int concurrency) {
        java.util.Map<String, Long> c = new java.util.LinkedHashMap<>();
        c.put("itemItemWeights", items * items * 4 + 16);
        c.put("userLists", interactions * 4 + users * 16);
        c.put("usersOfItems", interactions * 4 + items * 16);
        c.put("gramRows", concurrency * (items * 4 + 16));
        long fitting = c.get("userLists") + c.get("usersOfItems") + c.get("gramRows");
        long calibration = rec4j.evaluate.Calibration.estimate(users, items, interactions);
        c.put("calibration", calibration);
        // the graph read from GDS: its peak while reading, then its rows and node ids beside the whole fit
        long[] read = rec4j.gcn.GcnMemoryEstimate.read(users, items, interactions);
        c.put("readFromGds", read[0]);
        c.put("interactions", read[1]);
        long heap = Math.max(read[0], read[1] + c.get("itemItemWeights") + Math.max(fitting, calibration));
        c.put("offHeapGram", items * items * 4);
        return new rec4j.gcn.GcnMemoryEstimate.Estimate(heap, c);
    }

    private static void check(BooleanSupplier terminated) {
        if (terminated.getAsBoolean()) {
            throw new CancellationException("EASE fit terminated");
        }
    }

    /** Lower triangle (and diagonal) of X^T X + lambda I into the row-major n x n array at {@code p}. */
    private static void gram(int n, int[][] userItems, int[][] usersOf, float lambda, FloatPointer p, int concurrency,
            BooleanSupplier terminated) {
        run(concurrency, () -> IntStream.range(0, n).parallel().forEach(i -> {
            if (i % 64 == 0) {
                check(terminated);
            }
            float[] row = new float[i + 1];
            for (int u : usersOf[i]) {
                for (int j : userItems[u]) {
                    if (j > i) {
                        break;
                    }
                    row[j]++;
                }
            }
            row[i] += lambda;
            new FloatPointer(p).position((long) i * n).put(row, 0, i + 1);
        }));
    }

    /** B transposed from the lower triangle of P: row i = -P[i][·] / P[i][i], with 0 at i (P symmetric). */
    private static float[] itemVectors(int n, FloatPointer p, int concurrency) {
        float[] bt = new float[n * n];
        run(concurrency, () -> IntStream.range(0, n).parallel().forEach(i -> {
            float[] lower = new float[i + 1];
            new FloatPointer(p).position((long) i * n).get(lower, 0, i + 1);
            float scale = -1f / lower[i];
            int row = i * n;
            for (int j = 0; j < i; j++) {
                bt[row + j] = lower[j] * scale;      // P[i][j], j < i: row i's own lower part
            }
            for (int j = i + 1; j < n; j++) {
                bt[row + j] = p.get((long) j * n + i) * scale; // P[i][j] = P[j][i], j > i: column i below the diagonal
            }
        }));
        return bt;
    }

    private static void run(int concurrency, Runnable body) {
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, concurrency));
        try {
            pool.submit(body).join();
        } finally {
            pool.shutdown();
        }
    }

    private static int[][] distinctRows(int[][] rows, int items) {
        int[][] out = new int[rows.length][];
        for (int u = 0; u < rows.length; u++) {
            out[u] = java.util.Arrays.stream(rows[u]).distinct().sorted().toArray();
            if (out[u].length > 0 && (out[u][0] < 0 || out[u][out[u].length - 1] >= items)) {
                throw new IllegalArgumentException("item index out of [0, " + items + ") for user row " + u);
            }
        }
        return out;
    }

    private static int[][] usersOfItems(int items, int[][] distinct) {
        int[] counts = new int[items];
        for (int[] row : distinct) {
            for (int i : row) {
                counts[i]++;
            }
        }
        int[][] usersOf = new int[items][];
        for (int i = 0; i < items; i++) {
            usersOf[i] = new int[counts[i]];
        }
        int[] fill = new int[items];
        for (int u = 0; u < distinct.length; u++) {
            for (int i : distinct[u]) {
                usersOf[i][fill[i]++] = u;
            }
        }
        return usersOf;
    }
}
