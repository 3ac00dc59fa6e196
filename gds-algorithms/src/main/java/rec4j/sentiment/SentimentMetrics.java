package rec4j.sentiment;

/** How a {@link SentimentClassifier} does on labelled vectors: accuracy, per-class recall and balanced accuracy. */
public final class SentimentMetrics {

    private SentimentMetrics() {}

    /**
     * Recall of each class (the share of its examples predicted as it; NaN for a class without examples), and their
     * mean over the classes with examples: the balanced accuracy.
     */
    public record ClassRecall(double[] recall, double balancedAccuracy) {}

    /** See {@link ClassRecall}. */
    public static ClassRecall classRecall(SentimentClassifier classifier, float[][] x, int[] y) {
        int k = classifier.classes().size();
        int[] total = new int[k], right = new int[k];
        for (int i = 0; i < x.length; i++) {
            total[y[i]]++;
            if (SentimentClassifier.argmax(classifier.probabilities(x[i])) == y[i]) {
                right[y[i]]++;
            }
        }
        double[] recall = new double[k];
        double sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            recall[c] = total[c] == 0 ? Double.NaN : (double) right[c] / total[c];
            if (total[c] > 0) {
                sum += recall[c];
                present++;
            }
        }
        return new ClassRecall(recall, present == 0 ? Double.NaN : sum / present);
    }

    /** The share of vectors whose most probable class is their own class. */
    public static double accuracy(SentimentClassifier classifier, float[][] x, int[] y) {
        if (x.length == 0) {
            return Double.NaN;
        }
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            if (SentimentClassifier.argmax(classifier.probabilities(x[i])) == y[i]) {
                right++;
            }
        }
        return (double) right / x.length;
    }
}
