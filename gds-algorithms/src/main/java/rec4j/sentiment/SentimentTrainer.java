package rec4j.sentiment;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Fits a {@link SentimentClassifier} on labelled vectors: multinomial logistic regression with an L2 penalty on all
 * parameters (toward zero, or toward a prior classifier's parameters: a MAP fit that starts from what the prior knows),
 * minimised by Newton's method with a backtracking line search (deterministic: no sampling, no learning
 * rate), or class prototypes (the normalised mean vector of each class, scaled by a temperature).
 */
public final class SentimentTrainer {

    /**
     * @param l2            penalty {@code l2/2 * |theta - theta0|^2} added to the mean cross-entropy ({@code theta0}
     *                      the prior's parameters, zero without a prior); infinite with a prior: the fit is the prior
     *                      itself (its parameters for the classes of the fit, see {@link #priorParameters})
     * @param maxIterations Newton iterations at most
     * @param tolerance     stop when the largest gradient component is below this
     * @param neutralMargin the classifier's neutral band
     */
    public record Parameters(double l2, int maxIterations, double tolerance, double neutralMargin) {
        public Parameters {
            if (!(l2 > 0) || maxIterations < 1 || !(tolerance > 0)) {
                throw new IllegalArgumentException("need l2 > 0, maxIterations >= 1, tolerance > 0; got " + l2 + ", "
                        + maxIterations + ", " + tolerance);
            }
        }
    }

    /** The fitted classifier, the Newton iterations run, whether the gradient reached the tolerance, and the final loss. */
    public record Fit(SentimentClassifier classifier, int iterations, boolean converged, double loss) {}

    /** Thrown when {@code stop} says so between iterations. */
    public static final class StoppedException extends RuntimeException {
        public StoppedException() {
            super("sentiment training was stopped");
        }
    }

    private SentimentTrainer() {}

    /**
     * @param x       the vectors, all of one dimension
     * @param y       the class of each vector, an index into {@code classes}
     * @param classes the class names (see {@link SentimentClassifier})
     */
    public static Fit logistic(float[][] x, int[] y, List<String> classes, Parameters p, BooleanSupplier stop) {
        return logistic(x, y, classes, p, null, stop);
    }

    /**
     * As above with a weight per class ({@code null}: every example counts the same): the loss is the weighted mean
     * cross-entropy {@code sum_i w[y_i] CE_i / sum_i w[y_i]}. {@link #balancedWeights} makes every class count as much
     * as any other, however few examples it has.
     */
    public static Fit logistic(float[][] x, int[] y, List<String> classes, Parameters p, double[] classWeights,
            BooleanSupplier stop) {
        return logistic(x, y, classes, p, classWeights, null, stop);
    }

    /**
     * As above with a prior ({@code null}: none, the penalty pulls toward zero): the penalty is
     * {@code l2/2 * |theta - theta0|^2} with {@code theta0} the prior's weights and bias of each of {@code classes},
     * matched by name (0 for a class the prior does not have, see {@link #priorParameters}); the fit starts at
     * {@code theta0}. Gradient and Hessian change only in the penalty term, so Newton's method stays exact. The larger
     * {@code l2}, the closer the fit stays to the prior.
     *
     * @param prior a classifier over vectors of the same dimension as {@code x}
     */
    public static Fit logistic(float[][] x, int[] y, List<String> classes, Parameters p, double[] classWeights,
            SentimentClassifier prior, BooleanSupplier stop) {
        int n = x.length, k = classes.size();
        requireShape(x, y, k);
        double[] sample = sampleWeights(y, k, classWeights);
        int d = x[0].length, m = d + 1, size = k * m;
        double[] theta0 = prior == null ? null : priorParameters(prior, classes, d);
        // columns of the augmented data (x, 1): column-major for the weighted Gram matrices
        double[][] columns = new double[m][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                columns[j][i] = x[i][j];
            }
            columns[d][i] = 1;
        }
        if (Double.isInfinite(p.l2()) && theta0 == null) {
            throw new IllegalArgumentException("an infinite l2 needs a prior (it keeps the prior's parameters)");
        }
        double[] theta = theta0 == null ? new double[size] : theta0.clone();
        double[][] prob = new double[n][k];
        boolean keepPrior = Double.isInfinite(p.l2()); // the penalty forbids any move: the prior is the minimum
        double loss = LogisticObjective.loss(columns, y, sample, theta, theta0, k, keepPrior ? 0 : p.l2(), prob);
        int iteration = 0;
        boolean converged = keepPrior;
        while (!keepPrior && iteration < p.maxIterations()) {
            if (stop.getAsBoolean()) {
                throw new StoppedException();
            }
            double[] gradient = LogisticObjective.gradient(columns, y, sample, theta, theta0, prob, k, p.l2());
            if (LogisticObjective.maxAbs(gradient) < p.tolerance()) {
                converged = true;
                break;
            }
            double[] step = LogisticObjective.solve(LogisticObjective.hessian(columns, sample, prob, k, p.l2()), gradient, size);
            double slope = LogisticObjective.dot(gradient, step);
            double t = 1;
            double[] candidate = new double[size];
            double[][] candidateProb = new double[n][k];
            double candidateLoss = Double.POSITIVE_INFINITY;
            for (int halving = 0; halving < 40; halving++, t /= 2) {
                for (int q = 0; q < size; q++) {
                    candidate[q] = theta[q] - t * step[q];
                }
                candidateLoss = LogisticObjective.loss(columns, y, sample, candidate, theta0, k, p.l2(), candidateProb);
                if (candidateLoss <= loss - 1e-4 * t * slope) {
                    break;
                }
            }
            iteration++;
            if (!(candidateLoss < loss)) { // no progress possible in floating point: at the minimum
                converged = LogisticObjective.maxAbs(gradient) < Math.sqrt(p.tolerance());
                break;
            }
            theta = candidate;
            prob = candidateProb;
            loss = candidateLoss;
        }
        return new Fit(classifier(theta, classes, d, p.neutralMargin()), iteration, converged, loss);
    }

    /** The classifier of parameters in the layout of the fit (per class its weights, then its bias). */
    static SentimentClassifier classifier(double[] theta, List<String> classes, int d, double neutralMargin) {
        int k = classes.size(), m = d + 1;
        float[] weights = new float[k * d];
        float[] bias = new float[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                weights[c * d + j] = (float) theta[c * m + j];
            }
            bias[c] = (float) theta[c * m + d];
        }
        return new SentimentClassifier(classes, d, weights, bias, neutralMargin);
    }

    /**
     * The prior's parameters in the layout of the fit: per class of {@code classes}, its {@code dimension} weights then
     * its bias, taken from the prior's class of the same name; zeros for a class the prior does not have.
     */
    public static double[] priorParameters(SentimentClassifier prior, List<String> classes, int dimension) {
        if (prior.dimension() != dimension) {
            throw new IllegalArgumentException("the prior classifier reads vectors of dimension " + prior.dimension()
                    + ", the examples have dimension " + dimension);
        }
        int m = dimension + 1;
        double[] theta0 = new double[classes.size() * m];
        for (int c = 0; c < classes.size(); c++) {
            int source = prior.classes().indexOf(classes.get(c));
            if (source < 0) {
                continue;
            }
            for (int j = 0; j < dimension; j++) {
                theta0[c * m + j] = prior.weights()[source * dimension + j];
            }
            theta0[c * m + dimension] = prior.bias()[source];
        }
        return theta0;
    }

    /** Each class's mean vector scaled to length {@code temperature}; no bias. */
    public static SentimentClassifier prototypes(float[][] x, int[] y, List<String> classes, double temperature,
            double neutralMargin) {
        int k = classes.size();
        requireShape(x, y, k);
        int d = x[0].length;
        double[] sums = new double[k * d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                sums[y[i] * d + j] += x[i][j];
            }
        }
        float[] weights = new float[k * d];
        for (int c = 0; c < k; c++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += sums[c * d + j] * sums[c * d + j];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                throw new IllegalArgumentException("class '" + classes.get(c) + "' has no examples (or only zero vectors)");
            }
            for (int j = 0; j < d; j++) {
                weights[c * d + j] = (float) (temperature * sums[c * d + j] / norm);
            }
        }
        return new SentimentClassifier(classes, d, weights, new float[k], neutralMargin);
    }

    /** Per class {@code n / (k n_c)}: each class weighs as much in the loss as any other (0 for a class without examples). */
    public static double[] balancedWeights(int[] y, int k) {
        int[] counts = new int[k];
        for (int c : y) {
            counts[c]++;
        }
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            w[c] = counts[c] == 0 ? 0 : (double) y.length / ((double) k * counts[c]);
        }
        return w;
    }

    /** Each example's share of the loss: its class weight over the sum of all examples' class weights. */
    private static double[] sampleWeights(int[] y, int k, double[] classWeights) {
        if (classWeights != null && classWeights.length != k) {
            throw new IllegalArgumentException("need one weight per class (" + k + "), got " + classWeights.length);
        }
        double[] w = new double[y.length];
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            w[i] = classWeights == null ? 1 : classWeights[y[i]];
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException("class weights must be finite and >= 0, got " + w[i]);
            }
            total += w[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("class weights give every example weight 0");
        }
        for (int i = 0; i < y.length; i++) {
            w[i] /= total;
        }
        return w;
    }

    private static void requireShape(float[][] x, int[] y, int k) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need at least one example and one class per example, got " + x.length
                    + " vectors and " + y.length + " classes");
        }
        int[] counts = new int[k];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != x[0].length) {
                throw new IllegalArgumentException("vector " + i + " has dimension " + x[i].length + ", not " + x[0].length);
            }
            if (y[i] < 0 || y[i] >= k) {
                throw new IllegalArgumentException("class " + y[i] + " of example " + i + " is not in [0, " + k + ")");
            }
            counts[y[i]]++;
        }
    }
}
