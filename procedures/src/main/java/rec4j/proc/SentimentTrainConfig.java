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
        double negativeRating, boolean includeNeutral, double testFraction, long randomSeed, Double l2, int maxIterations,
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
     * {@code l2: 'auto'} (the default): l2 is chosen by stratified cross-validation on the training part
     * ({@link SentimentTraining#selectL2}, scored by balanced accuracy) among {@link #PRIOR_L2S} with prior 'default'
     * (the first, infinity, keeps the default model's parameters as they are: the trained model is a fine-tune only when
     * that did clearly better on examples it was not fitted on) or {@link #NONE_L2S} with prior 'none'.
     */
    static final String AUTO = "auto";
    static final double[] PRIOR_L2S = {Double.POSITIVE_INFINITY, 10, 1, 0.1, 0.01}; // as written in DOC
    static final double[] NONE_L2S = {0.1, 0.01, 0.001}; // as written in DOC

    /**
     * The l2 of 'auto' when cross-validation has nothing to choose on (a class with a single training example): with
     * prior 'default' it says how much to trust the default model, {@link DefaultSentiment#L2} with prior 'none'.
     */
    static final double PRIOR_L2 = 0.1;

    /** rec.sentiment.train's config description. */
    static final String DOC = "{modelName (required), nodeLabels or relationshipTypes (one of them "
            + "required), textProperties (required), labelProperty (values " + SentimentLabels.ALLOWED_LABELS
            + ") or ratingProperty (numbers: >= positiveRating (default 4) positive, <= negativeRating (default 2) "
            + "negative, between neutral), includeNeutral: true (false: neutral examples are left out), "
            + "testFraction: 0.2, randomSeed: 42, l2: '" + AUTO + "' | a number > 0 (the L2 penalty; with a prior, how "
            + "much to trust it; " + AUTO + ": chosen by stratified " + SentimentTraining.MAX_FOLDS + "-fold "
            + "cross-validation on the training part, scored by balanced accuracy, among [Infinity, 10, 1, 0.1, 0.01] "
            + "with prior '" + DEFAULT_PRIOR + "' (Infinity: the default model's parameters kept as they are, unless the "
            + "best fit beat them by more than 2 standard errors of the paired difference; ties go to the larger l2) or "
            + "[0.1, 0.01, 0.001] with prior '" + NONE + "'; " + PRIOR_L2 + " / "
            + DefaultSentiment.L2 + " when a class has a single training example), maxIterations: 50, "
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
        Object l2Value = map.raw("l2");
        Double l2 = null; // 'auto'
        if (l2Value instanceof Number number && Double.isFinite(number.doubleValue()) && number.doubleValue() > 0) {
            l2 = number.doubleValue();
        } else if (l2Value != null && !AUTO.equals(l2Value)) {
            throw map.invalidValue("l2", l2Value, "'" + AUTO + "' or a finite number > 0");
        }
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

    /** Whether l2 is chosen by cross-validation. */
    boolean autoL2() {
        return l2 == null;
    }

    /** The l2 values cross-validation chooses among. */
    double[] l2Candidates() {
        return fromDefault() ? PRIOR_L2S.clone() : NONE_L2S.clone();
    }

    /** The l2 of 'auto' when cross-validation has nothing to choose on. */
    double fallbackL2() {
        return fromDefault() ? PRIOR_L2 : DefaultSentiment.L2;
    }

    /** The fit's parameters with penalty {@code l2}. */
    SentimentTrainer.Parameters parameters(double l2) {
        return new SentimentTrainer.Parameters(l2, maxIterations, 1e-7, neutralMargin);
    }

    /** The facts of a run stored with the model (flat values, the sentiment catalog's file format). */
    Map<String, Object> trainInfo(SentimentTraining.Outcome outcome, double l2, SentimentTraining.Selection selection) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("examples", (long) outcome.examples());
        info.put("trainExamples", (long) outcome.trainExamples());
        info.put("testExamples", (long) outcome.testExamples());
        info.put("trainAccuracy", outcome.trainAccuracy());
        info.put("testAccuracy", outcome.testAccuracy());
        info.put("iterations", (long) outcome.iterations());
        info.put("converged", outcome.converged());
        info.put("l2", l2);
        info.put("l2Chosen", selection != null ? "cross-validation" : autoL2() ? "fallback" : "config");
        if (selection != null) {
            info.put("crossValidationFolds", (long) selection.folds());
            info.put("crossValidatedBalancedAccuracy", selection.chosenBalancedAccuracy());
        }
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
