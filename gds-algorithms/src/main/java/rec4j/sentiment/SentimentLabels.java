package rec4j.sentiment;

import java.util.Locale;

/** Class names from the values users keep in the graph: explicit labels, or star ratings with two thresholds. */
public final class SentimentLabels {

    public static final String ALLOWED_LABELS = "'positive'/'pos', 'negative'/'neg', 'neutral' (any case), true/false, or 1/0";

    private SentimentLabels() {}

    /** The class of a label value, or null when the value is none of {@link #ALLOWED_LABELS}. */
    public static String fromLabel(Object value) {
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "positive", "pos":
                    return SentimentClassifier.POSITIVE;
                case "negative", "neg":
                    return SentimentClassifier.NEGATIVE;
                case "neutral":
                    return SentimentClassifier.NEUTRAL;
                default:
                    return null;
            }
        }
        if (value instanceof Boolean b) {
            return b ? SentimentClassifier.POSITIVE : SentimentClassifier.NEGATIVE;
        }
        if (value instanceof Number n && (n instanceof Long || n instanceof Integer || n instanceof Double || n instanceof Float)) {
            double v = n.doubleValue();
            return v == 1 ? SentimentClassifier.POSITIVE : v == 0 ? SentimentClassifier.NEGATIVE : null;
        }
        return null;
    }

    /**
     * The class of a rating: positive at or above {@code positiveRating}, negative at or below {@code negativeRating},
     * neutral between; null when the value is not a number.
     */
    public static String fromRating(Object value, double positiveRating, double negativeRating) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return null;
        }
        double v = n.doubleValue();
        return v >= positiveRating ? SentimentClassifier.POSITIVE
                : v <= negativeRating ? SentimentClassifier.NEGATIVE : SentimentClassifier.NEUTRAL;
    }
}
