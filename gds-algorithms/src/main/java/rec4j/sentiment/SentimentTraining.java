package rec4j.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import rec4j.numeric.Shuffle;

/**
 * One training run of a sentiment classifier: the seeded train/test split of the labelled texts, the fit
 * ({@link SentimentTrainer#logistic}) and its accuracy on both parts, as typed records.
 */
public final class SentimentTraining {

    /** Labelled texts split in two: the held-out (test) part and the rest, each in the order of the shuffle. */
    public record Split(List<String> trainTexts, int[] trainLabels, List<String> testTexts, int[] testLabels) {}

    /**
     * A fitted classifier and how it did: the typed result of a training run (rec.sentiment.train builds its row and
     * the stored facts from it).
     *
     * @param examples      labelled examples with text, before the split
     * @param testAccuracy  null when nothing was held out
     * @param balanced      whether the classes were weighted to count equally ({@link SentimentTrainer#balancedWeights})
     * @param fromPrior     whether the penalty pulled toward a prior classifier (not toward zero)
     * @param testRecall    per class, the share of its held-out examples predicted as it (NaN: none held out), and
     *                      their mean, the balanced accuracy; null when nothing was held out
     * @param fitMillis     milliseconds spent in Newton's method
     */
    public record Outcome(SentimentClassifier classifier, int examples, int trainExamples, int testExamples,
            double trainAccuracy, Double testAccuracy, boolean balanced, SentimentMetrics.ClassRecall trainRecall,
            SentimentMetrics.ClassRecall testRecall, int iterations, boolean converged, long fitMillis,
            boolean fromPrior) {}

    /**
     * The l2 chosen by cross-validation on the training part ({@link #selectL2}).
     *
     * @param l2               the chosen penalty; infinite: the prior itself
     * @param folds            the number of folds
     * @param candidates       the penalties tried, in the order of preference on ties
     * @param balancedAccuracy per candidate, the balanced accuracy of the out-of-fold predictions of all folds together
     */
    public record Selection(double l2, int folds, double[] candidates, double[] balancedAccuracy) {
        /** The cross-validated balanced accuracy of the chosen l2. */
        public double chosenBalancedAccuracy() {
            for (int i = 0; i < candidates.length; i++) {
                if (candidates[i] == l2) {
                    return balancedAccuracy[i];
                }
            }
            throw new IllegalStateException("l2 " + l2 + " is not a candidate");
        }
    }

    /**
     * How many standard errors of the paired difference a fit must beat the prior itself by, in cross-validated balanced
     * accuracy, to replace it (about a one-sided 2.5 % test).
     */
    public static final double PRIOR_MARGIN = 2;

    /** At most this many folds (fewer when a class has fewer training examples). */
    public static final int MAX_FOLDS = 5;

    private SentimentTraining() {}

    /**
     * Chooses l2 by stratified k-fold cross-validation on the training examples: each candidate is fitted ({@code p}
     * with that l2, {@code balanced} class weights of the fold's labels, the penalty pulling toward {@code prior}) on
     * all folds but one and predicts the one left out; the candidate whose out-of-fold predictions, all folds together,
     * have the highest balanced accuracy wins. Ties go to the candidate listed first: list them from the most to the
     * least trust in the prior. The prior itself ({@code Double.POSITIVE_INFINITY}: no fit), when a candidate, is kept
     * unless the winner beat it by more than {@link #PRIOR_MARGIN} standard errors of the paired difference
     * ({@link #pairedStandardError}): a fine-tune replaces the prior only when it did clearly better on examples it was
     * not fitted on (when the two disagree on m examples, all in the fit's favour, the difference is about sqrt(m)
     * standard errors: at least 5 such examples are needed; with few examples of a class, differences of one or two of
     * them are noise). Folds: {@link #MAX_FOLDS}, or the
     * number of examples of the rarest class when that is fewer; null when that is below 2 (nothing to choose on).
     * Every class's examples are shuffled with {@code seed} and dealt to the folds in turn.
     *
     * @param candidates l2 values, each {@code > 0}; infinite only with a prior
     */
    public static Selection selectL2(float[][] x, int[] y, List<String> classes, SentimentTrainer.Parameters p,
            boolean balanced, SentimentClassifier prior, double[] candidates, long seed, BooleanSupplier stop) {
        int k = classes.size(), n = x.length;
        int[] counts = new int[k];
        for (int c : y) {
            counts[c]++;
        }
        int folds = MAX_FOLDS;
        for (int count : counts) {
            if (count > 0) {
                folds = Math.min(folds, count);
            }
        }
        if (folds < 2 || candidates.length == 0) {
            return null;
        }
        int[] fold = new int[n];
        Random random = new Random(seed);
        int dealt = 0;
        for (int c = 0; c < k; c++) {
            int[] members = new int[counts[c]];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (y[i] == c) {
                    members[m++] = i;
                }
            }
            Shuffle.shuffle(members, random);
            for (int member : members) {
                fold[member] = dealt++ % folds;
            }
        }
        double[] scores = new double[candidates.length];
        boolean[][] rightOutOfFold = new boolean[candidates.length][n];
        for (int a = 0; a < candidates.length; a++) {
            SentimentTrainer.Parameters q = new SentimentTrainer.Parameters(candidates[a], p.maxIterations(),
                    p.tolerance(), p.neutralMargin());
            int[] total = new int[k], right = new int[k];
            for (int f = 0; f < folds; f++) {
                if (stop.getAsBoolean()) {
                    throw new SentimentTrainer.StoppedException();
                }
                int size = 0;
                for (int i = 0; i < n; i++) {
                    size += fold[i] == f ? 0 : 1;
                }
                float[][] fitX = new float[size][];
                int[] fitY = new int[size];
                for (int i = 0, r = 0; i < n; i++) {
                    if (fold[i] != f) {
                        fitX[r] = x[i];
                        fitY[r++] = y[i];
                    }
                }
                double[] weights = balanced ? SentimentTrainer.balancedWeights(fitY, k) : null;
                SentimentClassifier fitted = SentimentTrainer.logistic(fitX, fitY, classes, q, weights, prior, stop)
                        .classifier();
                for (int i = 0; i < n; i++) {
                    if (fold[i] == f) {
                        total[y[i]]++;
                        rightOutOfFold[a][i] = SentimentClassifier.argmax(fitted.probabilities(x[i])) == y[i];
                        right[y[i]] += rightOutOfFold[a][i] ? 1 : 0;
                    }
                }
            }
            double sum = 0;
            int present = 0;
            for (int c = 0; c < k; c++) {
                if (total[c] > 0) {
                    sum += (double) right[c] / total[c];
                    present++;
                }
            }
            scores[a] = sum / present;
        }
        int best = 0;
        for (int a = 1; a < candidates.length; a++) {
            if (scores[a] > scores[best]) {
                best = a;
            }
        }
        // the prior itself stays unless a fit beat it by more than PRIOR_MARGIN standard errors of the paired difference
        for (int a = 0; a < candidates.length; a++) {
            if (Double.isInfinite(candidates[a]) && a != best && scores[best] - scores[a]
                    <= PRIOR_MARGIN * pairedStandardError(rightOutOfFold[best], rightOutOfFold[a], y, k)) {
                best = a;
            }
        }
        return new Selection(candidates[best], folds, candidates.clone(), scores);
    }

    /**
     * The standard error of the difference in balanced accuracy of two classifiers' predictions of the same examples:
     * per class, the variance of the per-example difference (1, 0 or -1) over its count, summed, square-rooted, over
     * the number of classes present.
     */
    static double pairedStandardError(boolean[] rightA, boolean[] rightB, int[] y, int k) {
        int[] count = new int[k];
        double[] sum = new double[k], squares = new double[k];
        for (int i = 0; i < y.length; i++) {
            int d = (rightA[i] ? 1 : 0) - (rightB[i] ? 1 : 0);
            count[y[i]]++;
            sum[y[i]] += d;
            squares[y[i]] += d * d;
        }
        double variance = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            if (count[c] > 0) {
                double mean = sum[c] / count[c];
                variance += Math.max(0, squares[c] / count[c] - mean * mean) / count[c];
                present++;
            }
        }
        return Math.sqrt(variance) / present;
    }

    /**
     * Shuffles the examples with {@code seed} ({@link Shuffle}) and holds out the first
     * {@code round(n * testFraction)} of that order.
     *
     * @param labels the class of each text
     */
    public static Split split(List<String> texts, int[] labels, double testFraction, long seed) {
        int n = texts.size();
        int[] order = Shuffle.permutation(n, new Random(seed));
        int testSize = (int) Math.round(n * testFraction);
        List<String> trainTexts = new ArrayList<>(), testTexts = new ArrayList<>();
        int[] trainLabels = new int[n - testSize], testLabels = new int[testSize];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            if (r < testSize) {
                testLabels[testTexts.size()] = labels[i];
                testTexts.add(texts.get(i));
            } else {
                trainLabels[trainTexts.size()] = labels[i];
                trainTexts.add(texts.get(i));
            }
        }
        return new Split(trainTexts, trainLabels, testTexts, testLabels);
    }

    /**
     * {@link SentimentTrainer#logistic} on the training vectors ({@code balanced}: with
     * {@link SentimentTrainer#balancedWeights} of the training labels), then accuracy and per-class recall on both parts.
     */
    public static Outcome fitAndTest(float[][] trainX, int[] trainY, float[][] testX, int[] testY, List<String> classes,
            SentimentTrainer.Parameters p, boolean balanced, BooleanSupplier stop) {
        return fitAndTest(trainX, trainY, testX, testY, classes, p, balanced, null, stop);
    }

    /** As above, the penalty pulling toward {@code prior} (null: toward zero; see {@link SentimentTrainer#logistic}). */
    public static Outcome fitAndTest(float[][] trainX, int[] trainY, float[][] testX, int[] testY, List<String> classes,
            SentimentTrainer.Parameters p, boolean balanced, SentimentClassifier prior, BooleanSupplier stop) {
        long start = System.nanoTime();
        double[] weights = balanced ? SentimentTrainer.balancedWeights(trainY, classes.size()) : null;
        SentimentTrainer.Fit fit = SentimentTrainer.logistic(trainX, trainY, classes, p, weights, prior, stop);
        long fitMillis = (System.nanoTime() - start) / 1_000_000;
        double trainAccuracy = SentimentMetrics.accuracy(fit.classifier(), trainX, trainY);
        Double testAccuracy = testX.length == 0 ? null : SentimentMetrics.accuracy(fit.classifier(), testX, testY);
        return new Outcome(fit.classifier(), trainX.length + testX.length, trainX.length, testX.length, trainAccuracy,
                testAccuracy, balanced, SentimentMetrics.classRecall(fit.classifier(), trainX, trainY),
                testX.length == 0 ? null : SentimentMetrics.classRecall(fit.classifier(), testX, testY),
                fit.iterations(), fit.converged(), fitMillis, prior != null);
    }
}
