package rec4j.gcn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import rec4j.numeric.Cholesky;
import rec4j.numeric.Pools;

/**
 * Cold start for items from their features alone (a text vector, optionally with other numeric item properties
 * concatenated): a linear map from features to the final item embeddings of a trained model, fitted by ridge
 * regression on the warm items (those with interactions), with an intercept. A new item's embedding lives in the
 * model's space, so it is scored against the model's user embeddings like any trained item.
 *
 * <p>Fit: with x̄ and ȳ the means of the features and embeddings over the n fitted items and X, Y their centred
 * rows, W minimises (1/n)·|X W − Y|² + l2·|W|², i.e. W = (XᵀX/n + l2·I)⁻¹ XᵀY/n (Cholesky, in doubles); an item
 * with features x then embeds as (x − x̄) W + ȳ. The result is deterministic and the same at any concurrency
 * (threads own fixed rows of XᵀX and XᵀY; each sum runs over the items in order).
 */
public final class TextTower {

    /**
     * The ridge penalty for unit-length text vectors (such as rec.embed's): the best of 3e-4, 1e-3 and 3e-3 on
     * MovieLens 100K cold items (GcnTextBenchmark). The penalty is relative to the features' scale.
     */
    public static final double DEFAULT_L2 = 1e-3;

    private TextTower() {
    }

    /**
     * What {@link #embed} needs, as plain arrays (serialisable as is).
     *
     * @param weights       featureDimension x width, row-major
     * @param featureMean   x̄, featureDimension values
     * @param embeddingMean ȳ, width values
     * @param fittedItems   how many items the map was fitted on
     * @param l2            the ridge penalty it was fitted with
     */
    public record Weights(int featureDimension, int width, float[] weights, float[] featureMean, float[] embeddingMean,
            int fittedItems, double l2) {

        public Weights {
            if (featureDimension < 1 || width < 1 || weights == null || featureMean == null || embeddingMean == null
                    || weights.length != (long) featureDimension * width || featureMean.length != featureDimension
                    || embeddingMean.length != width) {
                throw new IllegalArgumentException("text tower weights must be featureDimension x width ("
                        + featureDimension + " x " + width + ") with means of featureDimension and width values");
            }
        }

        /** The embedding, in the model's space, of an item with these features. */
        public float[] embed(float[] features) {
            if (features.length != featureDimension) {
                throw new IllegalArgumentException("expected " + featureDimension + " feature values, got "
                        + features.length);
            }
            double[] out = new double[width];
            for (int c = 0; c < width; c++) {
                out[c] = embeddingMean[c];
            }
            for (int k = 0; k < featureDimension; k++) {
                double x = (double) features[k] - featureMean[k];
                int row = k * width;
                for (int c = 0; c < width; c++) {
                    out[c] += x * weights[row + c];
                }
            }
            float[] result = new float[width];
            for (int c = 0; c < width; c++) {
                result[c] = (float) out[c];
            }
            return result;
        }
    }

    /**
     * Fits on the items of {@code graph} that have at least one interaction and a non-zero feature row, regressing onto
     * their final embeddings in {@code model}.
     *
     * @param itemFeatures items x featureDimension, row-major, item i at row i; a row of zeros means no features
     */
    public static Weights fit(GcnModel model, Interactions graph, float[] itemFeatures, int featureDimension, double l2,
            int concurrency) {
        if (graph.users() != model.users() || graph.items() != model.items()) {
            throw new IllegalArgumentException("the graph has " + graph.users() + " users and " + graph.items()
                    + " items but the model " + model.users() + " and " + model.items());
        }
        if (featureDimension < 1 || itemFeatures.length != (long) model.items() * featureDimension) {
            throw new IllegalArgumentException("item features must be items x featureDimension = " + model.items()
                    + " x " + featureDimension + " values, got " + itemFeatures.length);
        }
        boolean[] interacted = interacted(graph);
        int[] rows = java.util.stream.IntStream.range(0, model.items())
                .filter(i -> interacted[i] && !zeroRow(itemFeatures, i, featureDimension)).toArray();
        float[] targets = java.util.Arrays.copyOfRange(model.embeddings(), model.users() * model.width(),
                (model.users() + model.items()) * model.width());
        return fit(itemFeatures, featureDimension, targets, model.width(), rows, l2, concurrency);
    }

    /** Item i has at least one interaction in {@code graph}. */
    private static boolean[] interacted(Interactions graph) {
        boolean[] interacted = new boolean[graph.items()];
        for (int[] items : graph.positives()) {
            for (int i : items) {
                interacted[i] = true;
            }
        }
        return interacted;
    }

    /**
     * A model whose items without interactions are placed by their text: the trained row of an item no user
     * interacted with carries nothing but its pushes as a BPR negative, so each such item with a non-zero feature row
     * gets {@code tower.embed(features)} instead (as rec.gcn.foldIn places a new item from text alone). Items with
     * interactions, and items without features, keep their rows.
     *
     * @param itemFeatures items x featureDimension, row-major, as for {@link #fit(GcnModel, Interactions, float[], int,
     *                     double, int)}
     * @return the model (the same instance when no item was placed) and the placed items, ascending
     */
    public static Placed placeItemsWithoutInteractions(GcnModel model, Interactions graph, float[] itemFeatures,
            Weights tower) {
        int f = tower.featureDimension();
        if (graph.items() != model.items() || itemFeatures.length != (long) model.items() * f
                || tower.width() != model.width()) {
            throw new IllegalArgumentException("the graph, the item features (" + itemFeatures.length + " values) and the "
                    + "text tower (" + f + " x " + tower.width() + ") must match the model's " + model.items() + " items of "
                    + "width " + model.width());
        }
        boolean[] interacted = interacted(graph);
        int[] placed = java.util.stream.IntStream.range(0, model.items())
                .filter(i -> !interacted[i] && !zeroRow(itemFeatures, i, f)).toArray();
        if (placed.length == 0) {
            return new Placed(model, placed);
        }
        float[] embeddings = model.embeddings().clone();
        for (int i : placed) {
            float[] row = tower.embed(java.util.Arrays.copyOfRange(itemFeatures, i * f, (i + 1) * f));
            System.arraycopy(row, 0, embeddings, (model.users() + i) * model.width(), model.width());
        }
        return new Placed(new GcnModel(model.parameters(), model.users(), model.items(), model.width(), embeddings,
                model.idEmbeddings(), model.projection(), model.gate(), model.featureDimension()), placed);
    }

    /** A model after {@link #placeItemsWithoutInteractions} and the items (rows from 0) placed by their text. */
    public record Placed(GcnModel model, int[] items) {}

    /**
     * Fits the map from row r of {@code features} to row r of {@code targets}, for the rows listed in {@code rows}.
     *
     * @param features row-major, featureDimension columns
     * @param targets  row-major, width columns, as many rows as features
     */
    public static Weights fit(float[] features, int featureDimension, float[] targets, int width, int[] rows, double l2,
            int concurrency) {
        if (!(l2 > 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be a positive finite number, got " + l2);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        if (featureDimension < 1 || width < 1 || features.length % featureDimension != 0
                || targets.length != (long) features.length / featureDimension * width) {
            throw new IllegalArgumentException("features (" + features.length + " values, " + featureDimension
                    + " columns) and targets (" + targets.length + " values, " + width + " columns) need the same rows");
        }
        int count = features.length / featureDimension;
        if (rows.length < 2) {
            throw new IllegalArgumentException("the text tower needs at least 2 items with interactions and features, got "
                    + rows.length);
        }
        for (int r : rows) {
            if (r < 0 || r >= count) {
                throw new IllegalArgumentException("row " + r + " is outside 0.." + (count - 1));
            }
            for (int k = 0; k < featureDimension; k++) {
                if (!Float.isFinite(features[r * featureDimension + k])) {
                    throw new IllegalArgumentException("item row " + r + " has a non-finite feature value "
                            + features[r * featureDimension + k]);
                }
            }
        }
        int f = featureDimension;
        int n = rows.length;
        double[] xMean = columnMeans(features, f, rows);
        double[] yMean = columnMeans(targets, width, rows);
        double[] gram = new double[f * f]; // upper triangle of XᵀX
        double[] cross = new double[f * width]; // XᵀY
        int parts = Math.min(concurrency, f);
        runParts(parts, part -> accumulate(features, f, targets, width, rows, xMean, yMean, gram, cross, part, parts));
        double[] a = new double[f * f];
        for (int i = 0; i < f; i++) {
            for (int j = i; j < f; j++) {
                a[i * f + j] = gram[i * f + j] / n;
                a[j * f + i] = a[i * f + j];
            }
            a[i * f + i] += l2;
        }
        for (int k = 0; k < cross.length; k++) {
            cross[k] /= n;
        }
        try {
            Cholesky.solveInPlace(a, f, cross, width);
        } catch (Cholesky.NotPositiveDefiniteException e) {
            throw new IllegalStateException("ridge system not positive definite at column " + e.column());
        }
        float[] w = new float[f * width];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) cross[k];
        }
        return new Weights(f, width, w, toFloats(xMean), toFloats(yMean), n, l2);
    }

    /** Rows a of XᵀX (from a onwards) and XᵀY with a ≡ part (mod parts), summed over the items in order. */
    private static void accumulate(float[] features, int f, float[] targets, int width, int[] rows, double[] xMean,
            double[] yMean, double[] gram, double[] cross, int part, int parts) {
        double[] x = new double[f];
        double[] y = new double[width];
        for (int r : rows) {
            for (int k = 0; k < f; k++) {
                x[k] = features[r * f + k] - xMean[k];
            }
            for (int c = 0; c < width; c++) {
                y[c] = targets[r * width + c] - yMean[c];
            }
            for (int i = part; i < f; i += parts) {
                double xi = x[i];
                if (xi == 0) {
                    continue;
                }
                int row = i * f;
                for (int j = i; j < f; j++) {
                    gram[row + j] += xi * x[j];
                }
                int out = i * width;
                for (int c = 0; c < width; c++) {
                    cross[out + c] += xi * y[c];
                }
            }
        }
    }

    private static double[] columnMeans(float[] values, int columns, int[] rows) {
        double[] mean = new double[columns];
        for (int r : rows) {
            for (int c = 0; c < columns; c++) {
                mean[c] += values[r * columns + c];
            }
        }
        for (int c = 0; c < columns; c++) {
            mean[c] /= rows.length;
        }
        return mean;
    }

    private static boolean zeroRow(float[] values, int row, int columns) {
        for (int c = 0; c < columns; c++) {
            if (values[row * columns + c] != 0) {
                return false;
            }
        }
        return true;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = (float) values[k];
        }
        return out;
    }

    private static void runParts(int parts, java.util.function.IntConsumer body) {
        if (parts == 1) {
            body.accept(0);
            return;
        }
        ExecutorService pool = Pools.daemon(parts, "rec4j-text-tower");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int part = p;
                futures.add(pool.submit(() -> body.accept(part)));
            }
            Pools.awaitAll(futures, "text tower fit");
        } finally {
            pool.shutdownNow();
        }
    }
}
