package rec4j.proc;

import java.util.List;
import java.util.Map;
import rec4j.config.ConfigMap;
import rec4j.config.Defaults;
import rec4j.config.ModelNames;
import rec4j.gcn.GcnFit;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnScaling;

/**
 * The parsed configuration of rec.gcn.train, .stats and .train.estimate: parsed once at the boundary. Defaults and
 * bounds are declared here once; {@link #DOC}, the config description of rec.gcn.train, is built from them.
 */
record GcnTrainConfig(String modelName, List<String> labels, List<String> types, String weightProperty,
        List<String> featureProperties, GcnParameters parameters, double validationFraction, Boolean refit,
        boolean zeroMissingFeatures, boolean textTower, String hardNegativeType, double hardNegativeRate,
        String initialModel, Recency recency, String procedure, boolean sudo, boolean autoBatch, boolean autoRate,
        boolean autoEvery) {

    /** fusion 'tower', the default with featureProperties: graph-only training, then a text tower on the item features. */
    static final String TOWER = "tower";

    static final int EMBEDDING_DIMENSION = 64, MAX_EMBEDDING_DIMENSION = 4096;
    static final int LAYERS = 3, MAX_LAYERS = 10;
    // learningRate 0.01, l2 1e-3, up to 400 epochs (early-stopped on validation, then refit): the best of the searched
    // settings on ML-100K (bench DefaultsSearch, 3 split seeds; README "Defaults"); 0.001 / 1e-4 / 200 was 0.338
    static final int EPOCHS = 400, MAX_EPOCHS = 100_000;
    static final int BATCH_SIZE = GcnScaling.BASE_BATCH, MAX_BATCH_SIZE = 10_000_000;
    /** batchSize 'auto' (the default): {@link GcnScaling}, from the graph's interactions. */
    static final String AUTO = "auto";
    static final double LEARNING_RATE = 0.01, L2 = 1e-3, ID_DROPOUT = 0.0, VALIDATION_FRACTION = 0.1;
    static final int NEGATIVE_SAMPLES = 1, MAX_NEGATIVE_SAMPLES = 100;
    static final int EVALUATE_EVERY = 10, PATIENCE = 5;
    /** With hardNegativeType: the share of BPR negatives drawn from the user's shown-and-not-taken items. */
    static final double HARD_NEGATIVE_RATE = 0.1;
    /**
     * With initialModel, the defaults of a warm start where the keys are not given: a fifth of the learning rate, a
     * fixed number of epochs and no validation (WarmStartBenchmark: 60 epochs at 0.002 came within 1 % of a full
     * retrain on MovieLens ordered by time, 20 at 0.01 3.9 % below).
     */
    static final double WARM_LEARNING_RATE = 0.002;
    static final int WARM_EPOCHS = 50;
    /**
     * With validation: after picking the epoch count, train again on all interactions for that many epochs; 'auto'
     * (the default) when the validation part held out at least {@link GcnFit#AUTO_REFIT_SHARE} of them.
     */
    static final String REFIT = AUTO;

    /** rec.gcn.train's config description, from the constants above. */
    static final String DOC = "{modelName (required), nodeLabels: ['User', 'Item'] (users, then items), "
            + "relationshipTypes (default all), relationshipWeightProperty, featureProperties: [], fusion: 'none' | 'tower' "
            + "(the default with featureProperties: graph-only training, then a ridge text tower from the items' features to "
            + "their embeddings, as rec.gcn.textTower; fusion trains 2.5-3x slower per epoch) | "
            + "'sum' | 'concat' | 'attention', embeddingDimension: " + EMBEDDING_DIMENSION + ", layers: " + LAYERS
            + ", epochs: " + EPOCHS + ", batchSize: '" + AUTO + "' (" + BATCH_SIZE + " while an epoch has at most "
            + GcnScaling.STEPS_PER_EPOCH + " batches of it, else the power of two that keeps it at most "
            + GcnScaling.STEPS_PER_EPOCH + ", up to " + GcnScaling.MAX_BATCH + ") or a number, learningRate: "
            + LEARNING_RATE + " at batchSize " + BATCH_SIZE + " (not given: times sqrt(batchSize / " + BATCH_SIZE
            + "), at most " + (int) GcnScaling.MAX_RATE_FACTOR + "x), l2: " + L2
            + ", negativeSamples: " + NEGATIVE_SAMPLES + ", idDropout: " + ID_DROPOUT + ", validationFraction: "
            + VALIDATION_FRACTION + " (0: no validation), evaluateEvery: '" + AUTO + "' (every " + EVALUATE_EVERY + " epochs up "
            + "to " + GcnScaling.BASE_BATCH * GcnScaling.STEPS_PER_EPOCH + " interactions, else about every "
            + GcnScaling.SAMPLES_PER_EVALUATION + " training samples, at least every epoch) or a number of epochs, "
            + "patience: " + PATIENCE
            + ", refit: '" + REFIT + "' (with validation: true retrains on all interactions for the epochs picked on "
            + "validation; false keeps the model trained on the rest; 'auto' refits when the validation part holds out at "
            + "least " + GcnFit.AUTO_REFIT_SHARE + " of the interactions: only the validated users, at "
            + "most " + GcnFit.MAX_VALIDATION_USERS + ", hold interactions out), hardNegativeType (a relationship type from users to items that "
            + "were shown to them, e.g. 'SHOWN' of rec.feedback.shown: those the user has no interaction with in the graph "
            + "become hard negatives), hardNegativeRate: " + HARD_NEGATIVE_RATE + " (in [0, 1]: the share of negatives "
            + "drawn from them where a user has any), initialModel (warm start: the layer-0 embeddings of this graph-only "
            + "model of the same labels and embeddingDimension for the nodes it knows - by id and key, as serving - and "
            + "their fold-in for new nodes; then training on the current graph, by default for " + WARM_EPOCHS + " epochs at "
            + "learningRate " + WARM_LEARNING_RATE + " without validation), " + Recency.DOC + "; in training a numeric "
            + "relationship property of the projection, epoch seconds: the weights weigh the propagation (times "
            + "relationshipWeightProperty) and a user's BPR positives are drawn in proportion to them; ages are measured "
            + "from the latest interaction), "
            + Defaults.RANDOM_SEED_DOC + ", concurrency: min(4, cores), missingFeatures: 'error' | 'zero', sudo: false "
            + "(true: run although the memory estimate exceeds the free heap)}";

    /** The configuration keys that lower a training estimate, for the memory guard's message. */
    static final String MEMORY_KEYS = "batchSize, negativeSamples or embeddingDimension (or use fewer featureProperties)";

    /** @param named whether modelName is required (train) or ignored (stats, estimate) */
    static GcnTrainConfig parse(String procedure, Map<String, Object> config, boolean named) {
        ConfigMap map = new ConfigMap(procedure, config);
        String modelName = named ? ModelNames.require(procedure, "modelName", map.requiredString("modelName"))
                : map.string("modelName", null);
        List<String> labels = map.userItemLabels(List.of("User", "Item"));
        List<String> types = map.stringList("relationshipTypes", List.of());
        String weightProperty = map.string("relationshipWeightProperty", null);
        List<String> featureProperties = map.stringList("featureProperties", List.of());
        String initialModel = map.string("initialModel", null);
        if (initialModel != null) {
            ModelNames.require(procedure, "initialModel", initialModel);
        }
        boolean warm = initialModel != null;
        String fusionName = map.oneOf("fusion", featureProperties.isEmpty() ? "none" : TOWER,
                List.of("none", TOWER, "sum", "concat", "attention"));
        boolean textTower = fusionName.equals(TOWER);
        boolean autoBatch = isAuto(map, "batchSize", MAX_BATCH_SIZE);
        boolean autoRate = map.raw("learningRate") == null;
        boolean autoEvery = isAuto(map, "evaluateEvery", MAX_EPOCHS);
        GcnParameters p = new GcnParameters(
                map.intInRange("embeddingDimension", EMBEDDING_DIMENSION, 1, MAX_EMBEDDING_DIMENSION),
                map.intInRange("layers", LAYERS, 0, MAX_LAYERS),
                map.intInRange("epochs", warm ? WARM_EPOCHS : EPOCHS, 1, MAX_EPOCHS),
                autoBatch ? BATCH_SIZE : map.batchSize(BATCH_SIZE, MAX_BATCH_SIZE),
                map.positive("learningRate", warm ? WARM_LEARNING_RATE : LEARNING_RATE),
                map.nonNegative("l2", L2),
                1.0, // learningRateDecay: not a procedure key yet
                map.intInRange("negativeSamples", NEGATIVE_SAMPLES, 1, MAX_NEGATIVE_SAMPLES),
                textTower ? GcnParameters.Fusion.NONE : GcnParameters.Fusion.valueOf(fusionName.toUpperCase(java.util.Locale.ROOT)),
                map.fraction("idDropout", ID_DROPOUT),
                autoEvery ? EVALUATE_EVERY : map.intInRange("evaluateEvery", EVALUATE_EVERY, 1, MAX_EPOCHS),
                map.intInRange("patience", PATIENCE, 1, MAX_EPOCHS),
                map.randomSeed(),
                map.concurrency());
        double validationFraction = map.fraction("validationFraction", warm ? 0.0 : VALIDATION_FRACTION);
        Object refitValue = map.raw("refit");
        if (refitValue != null && !(refitValue instanceof Boolean) && !AUTO.equals(refitValue)) {
            throw map.invalidValue("refit", refitValue, "'" + AUTO + "', true or false");
        }
        Boolean refit = refitValue instanceof Boolean b ? b : null;
        String missingFeatures = map.oneOf("missingFeatures", "error", List.of("error", "zero"));
        boolean sudo = map.bool("sudo", false);
        String hardNegativeType = map.string("hardNegativeType", null);
        if (hardNegativeType == null && map.raw("hardNegativeRate") != null) {
            throw new IllegalArgumentException(procedure + ": 'hardNegativeRate' goes with 'hardNegativeType' (the "
                    + "relationship type of the impressions, e.g. 'SHOWN')");
        }
        double hardNegativeRate = map.numberInRange("hardNegativeRate", HARD_NEGATIVE_RATE, 0.0, 1.0);
        if (hardNegativeType != null && types.contains(hardNegativeType)) {
            throw new IllegalArgumentException(procedure + ": 'hardNegativeType' is '" + hardNegativeType + "', which is "
                    + "also one of the relationshipTypes trained on " + types + "; impressions are not interactions");
        }
        Recency recency = Recency.parse(map, false);
        map.rejectUnknown();
        if ((textTower || p.fusion() != GcnParameters.Fusion.NONE) && featureProperties.isEmpty()) {
            throw new IllegalArgumentException(procedure + ": fusion '" + fusionName + "' needs 'featureProperties'");
        }
        if (!textTower && p.fusion() == GcnParameters.Fusion.NONE && !featureProperties.isEmpty()) {
            throw new IllegalArgumentException(procedure + ": fusion 'none' ignores text; drop 'featureProperties' or "
                    + "pick 'tower', 'sum', 'concat' or 'attention'");
        }
        return new GcnTrainConfig(modelName, labels, types, weightProperty, featureProperties, p, validationFraction, refit,
                missingFeatures.equals("zero"), textTower, hardNegativeType, hardNegativeRate, initialModel, recency, procedure,
                sudo, autoBatch, autoRate, autoEvery);
    }

    /** Whether {@code key} is absent or 'auto'; any other string is refused (a number is parsed by the caller). */
    private static boolean isAuto(ConfigMap map, String key, int max) {
        Object value = map.raw(key);
        boolean auto = value == null || AUTO.equals(value);
        if (value instanceof String && !auto) {
            throw map.invalidValue(key, value, "'" + AUTO + "' or an integer in [1, " + max + "]");
        }
        return auto;
    }

    /**
     * This configuration for a graph of {@code interactions} user-item interactions: batchSize 'auto' becomes
     * {@link GcnScaling#batchSize}, a learning rate not given is scaled to the batch ({@link GcnScaling#learningRate}), and
     * evaluateEvery 'auto' becomes {@link GcnScaling#evaluateEvery}.
     */
    GcnTrainConfig forInteractions(long interactions) {
        int batch = autoBatch ? GcnScaling.batchSize(interactions) : parameters.batchSize();
        double rate = autoRate ? GcnScaling.learningRate(parameters.learningRate(), batch) : parameters.learningRate();
        int every = autoEvery ? GcnScaling.evaluateEvery(interactions) : parameters.evaluateEvery();
        GcnParameters resolved = parameters.withBatchSize(batch).withLearningRate(rate).withEvaluateEvery(every);
        return new GcnTrainConfig(modelName, labels, types, weightProperty, featureProperties, resolved, validationFraction,
                refit, zeroMissingFeatures, textTower, hardNegativeType, hardNegativeRate, initialModel, recency, procedure,
                sudo, false, false, false);
    }
}
