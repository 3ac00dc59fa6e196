package rec4j.sentiment;

import java.util.List;

/**
 * A linear softmax classifier over text vectors: class k scores {@code weights[k] . x + bias[k]}. The sentiment score
 * is {@code p(positive) - p(negative)}, in [-1, 1]; the label is {@code neutral} when the model has a neutral class and
 * it is the most probable one, or when {@code |score| < neutralMargin}; otherwise the sign of the score decides.
 *
 * @param classes       class names, a subset of {@link #POSITIVE}, {@link #NEGATIVE}, {@link #NEUTRAL}; positive and
 *                      negative always present
 * @param weights       {@code classes.size() x dimension}, row-major
 * @param bias          one per class
 * @param neutralMargin scores closer to 0 than this are labelled neutral
 */
public record SentimentClassifier(List<String> classes, int dimension, float[] weights, float[] bias,
        double neutralMargin) {

    public static final String POSITIVE = "positive";
    public static final String NEGATIVE = "negative";
    public static final String NEUTRAL = "neutral";
    public static final double DEFAULT_NEUTRAL_MARGIN = 0.2;

    /** The label and score of one text. */
    public record Prediction(String label, double score) {}

    public SentimentClassifier {
        classes = List.copyOf(classes);
        if (!classes.contains(POSITIVE) || !classes.contains(NEGATIVE)) {
            throw new IllegalStateException("a sentiment classifier needs the classes positive and negative, got " + classes);
        }
        if (weights.length != classes.size() * dimension || bias.length != classes.size()) {
            throw new IllegalStateException("weights " + weights.length + " / bias " + bias.length + " do not fit "
                    + classes.size() + " classes of dimension " + dimension);
        }
        if (!(neutralMargin >= 0 && neutralMargin < 1)) {
            throw new IllegalStateException("neutralMargin must be in [0, 1), got " + neutralMargin);
        }
    }

    /** Class probabilities of {@code x}, in the order of {@link #classes}. */
    public double[] probabilities(float[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("the classifier expects vectors of dimension " + dimension + ", got " + x.length);
        }
        int k = classes.size();
        double[] p = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double z = bias[c];
            int offset = c * dimension;
            for (int j = 0; j < dimension; j++) {
                z += weights[offset + j] * x[j];
            }
            p[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
        }
        return p;
    }

    public Prediction predict(float[] x) {
        double[] p = probabilities(x);
        double score = p[classes.indexOf(POSITIVE)] - p[classes.indexOf(NEGATIVE)];
        int neutral = classes.indexOf(NEUTRAL);
        boolean neutralWins = neutral >= 0 && argmax(p) == neutral;
        String label = neutralWins || Math.abs(score) < neutralMargin ? NEUTRAL : score > 0 ? POSITIVE : NEGATIVE;
        return new Prediction(label, score);
    }

    /** The same weights with another neutral band. */
    public SentimentClassifier withNeutralMargin(double margin) {
        return new SentimentClassifier(classes, dimension, weights, bias, margin);
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
