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

    private SentimentTraining() {}

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
