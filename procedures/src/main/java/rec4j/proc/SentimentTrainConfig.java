package rec4j.proc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rec4j.config.ConfigMap;
import rec4j.embed.TextModels;
import rec4j.model.ModelCatalog;
import rec4j.model.SentimentCatalog;
import rec4j.sentiment.DefaultSentiment;
import rec4j.sentiment.SentimentClassifier;
import rec4j.sentiment.SentimentLabels;
import rec4j.sentiment.SentimentTrainer;
import rec4j.sentiment.SentimentTraining;

/**
 * The configuration of rec.sentiment.train, read once and checked: exactly one of nodeLabels / relationshipTypes and
 * one of labelProperty / ratingProperty are set. {@link #DOC}, its config description, renders the defaults declared
 * here.
 */
record SentimentTrainConfig(String modelName, List<String> nodeLabels, List<String> relationshipTypes,
        List<String> textProperties, String labelProperty, String ratingProperty, double positiveRating,
        double negativeRating, boolean includeNeutral, double testFraction, long randomSeed, double l2, int maxIterations,
        double neutralMargin, String textModel, int concurrency, boolean coerceNonStrings, String classWeights,
        String prior) {

    static final String PROCEDURE = "rec.sentiment.train";

    /** {@code classWeights}: every class weighs as much in the loss as any other, or every example the same. */
    static final String BALANCED = "balanced", NONE = "none";
    static final String CLASS_WEIGHTS = BALANCED;
    static final List<String> CLASS_WEIGHT_CHOICES = List.of(BALANCED, NONE);

    /**
     * {@code prior}: the L2 penalty pulls toward the built-in default model's parameters for the same text model (a
     * fit that starts from what the default model knows; it is fitted for any text model, so always available) or, with
     * 'none', toward zero.
     */
    static final String DEFAULT_PRIOR = "default";
    static final String PRIOR = DEFAULT_PRIOR;
    static final List<String> PRIOR_CHOICES = List.of(DEFAULT_PRIOR, NONE);

    /**
     * l2's default with prior 'default': l2 then says how much to trust the default model (larger: closer to it), and
     * a larger value than {@link DefaultSentiment#L2} (the default with prior 'none') is right; chosen on the skewed run
     * of SentimentBenchmark (README).
     */
    static final double PRIOR_L2 = 0.1;

    /** rec.sentiment.train's config description. */
    static final String DOC = "{modelName (required), nodeLabels or relationshipTypes (one of them "
            + "required), textProperties (required), labelProperty (values " + SentimentLabels.ALLOWED_LABELS
            + ") or ratingProperty (numbers: >= positiveRating (default 4) positive, <= negativeRating (default 2) "
            + "negative, between neutral), includeNeutral: true (false: neutral examples are left out), "
            + "testFraction: 0.2, randomSeed: 42, l2: " + PRIOR_L2 + " with prior '" + DEFAULT_PRIOR + "', "
            + DefaultSentiment.L2 + " with prior '" + NONE + "' (with a prior, how much to trust it), maxIterations: 50, "
            + "neutralMargin: 0.2, textModel: "
            + "'all-MiniLM-L6-v2', concurrency: min(4, cores), coerceNonStrings: false, classWeights: '" + CLASS_WEIGHTS
            + "' | '" + NONE + "' (" + BALANCED + ": each class weighs as much in the loss as any other, however few "
            + "examples it has; " + NONE + ": each example the same), prior: '" + PRIOR + "' | '" + NONE + "' ("
            + DEFAULT_PRIOR + ": the L2 penalty pulls toward the built-in default model's weights for the same text "
            + "model, matched by class name, 0 for a class it lacks -- a fine-tune of the default model; " + NONE
            + ": toward zero, a fit from scratch)}";

    static SentimentTrainConfig of(Map<String, Object> config) {
        String procedure = PROCEDURE;
        ConfigMap map = new ConfigMap(procedure, config);
        String modelName = ModelCatalog.requireValidName(procedure, map.requiredString("modelName"));
        List<String> labels = map.stringList("nodeLabels", null);
        List<String> types = map.stringList("relationshipTypes", null);
        List<String> textProperties = map.requiredStringList("textProperties");
        String labelProperty = map.string("labelProperty", null);
        String ratingProperty = map.string("ratingProperty", null);
        double positiveRating = map.number("positiveRating", 4.0);
        double negativeRating = map.number("negativeRating", 2.0);
        boolean includeNeutral = map.bool("includeNeutral", true);
        double testFraction = map.number("testFraction", 0.2);
        long seed = map.randomSeed();
        String prior = map.oneOf("prior", PRIOR, PRIOR_CHOICES);
        double l2 = map.number("l2", prior.equals(DEFAULT_PRIOR) ? PRIOR_L2 : DefaultSentiment.L2);
        int maxIterations = map.intInRange("maxIterations", 50, 1, 1000);
        double margin = SentimentSupport.neutralMargin(procedure,
                map.number("neutralMargin", SentimentClassifier.DEFAULT_NEUTRAL_MARGIN));
        String textModel = map.string("textModel", TextModels.DEFAULT);
        int concurrency = map.concurrency();
        boolean coerce = map.bool("coerceNonStrings", false);
        String classWeights = map.oneOf("classWeights", CLASS_WEIGHTS, CLASS_WEIGHT_CHOICES);
        map.rejectUnknown();
        if ((labels == null) == (types == null)) {
            throw new IllegalArgumentException(procedure + ": give exactly one of 'nodeLabels' and 'relationshipTypes'");
        }
        if ((labelProperty == null) == (ratingProperty == null)) {
            throw new IllegalArgumentException(procedure + ": give exactly one of 'labelProperty' and 'ratingProperty'");
        }
        if (modelName.equals(SentimentCatalog.DEFAULT)) {
            throw new IllegalArgumentException(procedure + ": 'modelName' 'default' is the built-in model; choose another name");
        }
        if (!(negativeRating < positiveRating)) {
            throw new IllegalArgumentException(procedure + ": 'negativeRating' (" + negativeRating
                    + ") must be below 'positiveRating' (" + positiveRating + ")");
        }
        // not ConfigMap.fraction / positive: their messages differ from the ones this procedure has always given
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException(procedure + ": 'testFraction' must be in [0, 1), got " + testFraction);
        }
        if (!(l2 > 0)) {
            throw new IllegalArgumentException(procedure + ": 'l2' must be > 0, got " + l2);
        }
        return new SentimentTrainConfig(modelName, labels, types, textProperties, labelProperty, ratingProperty,
                positiveRating, negativeRating, includeNeutral, testFraction, seed, l2, maxIterations, margin, textModel,
                concurrency, coerce, classWeights, prior);
    }

    /** Whether the classes are weighted to count equally in the fit. */
    boolean balanced() {
        return classWeights.equals(BALANCED);
    }

    /** Whether the fit is pulled toward the default model (not toward zero). */
    boolean fromDefault() {
        return prior.equals(DEFAULT_PRIOR);
    }

    boolean onNodes() {
        return nodeLabels != null;
    }

    /** "node" or "relationship". */
    String kind() {
        return onNodes() ? "node" : "relationship";
    }

    boolean byLabel() {
        return labelProperty != null;
    }

    /** The property that holds the label or the rating. */
    String targetProperty() {
        return byLabel() ? labelProperty : ratingProperty;
    }

    /** The key that names {@link #targetProperty}. */
    String targetKey() {
        return byLabel() ? "labelProperty" : "ratingProperty";
    }

    SentimentTrainer.Parameters parameters() {
        return new SentimentTrainer.Parameters(l2, maxIterations, 1e-7, neutralMargin);
    }

    /** The facts of a run stored with the model (flat values, the sentiment catalog's file format). */
    Map<String, Object> trainInfo(SentimentTraining.Outcome outcome) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("examples", (long) outcome.examples());
        info.put("trainExamples", (long) outcome.trainExamples());
        info.put("testExamples", (long) outcome.testExamples());
        info.put("trainAccuracy", outcome.trainAccuracy());
        info.put("testAccuracy", outcome.testAccuracy());
        info.put("iterations", (long) outcome.iterations());
        info.put("converged", outcome.converged());
        info.put("l2", l2);
        info.put("classWeights", classWeights);
        info.put("prior", prior);
        info.put("trainBalancedAccuracy", outcome.trainRecall().balancedAccuracy());
        info.put("testBalancedAccuracy", outcome.testRecall() == null ? null : outcome.testRecall().balancedAccuracy());
        if (outcome.testRecall() != null) {
            // flat values only: one key per class
            SentimentTrainResult.recallByClass(outcome.classifier(), outcome.testRecall())
                    .forEach((name, recall) -> info.put("testRecall." + name, recall));
        }
        info.put("randomSeed", randomSeed);
        info.put("source", kind() + "s " + (onNodes() ? nodeLabels : relationshipTypes) + ", text " + textProperties
                + ", " + (byLabel() ? "label '" + labelProperty + "'" : "rating '" + ratingProperty + "' (>= "
                        + positiveRating + " positive, <= " + negativeRating + " negative)"));
        return info;
    }
}
