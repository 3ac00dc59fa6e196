package rec4j.proc;

import java.util.List;
import java.util.Map;
import rec4j.config.ConfigMap;
import rec4j.config.Defaults;
import rec4j.config.ModelNames;

/**
 * The parsed configuration of rec.ease.train, .stats and .train.estimate. Defaults and bounds are declared here once;
 * {@link #DOC} is built from them.
 *
 * @param lambda null: picked on a validation split among {@link rec4j.ease.EaseFit#LAMBDAS}
 */
record EaseTrainConfig(String procedure, String modelName, List<String> labels, List<String> types, Double lambda,
        double validationFraction, long randomSeed, int concurrency, boolean sudo) {

    static final String TRAIN = "rec.ease.train", STATS = "rec.ease.stats", ESTIMATE = "rec.ease.train.estimate";
    static final double VALIDATION_FRACTION = 0.1;
    /** {@link rec4j.ease.EaseFit#LAMBDAS} as the description shows them (an annotation needs a constant; a test compares). */
    static final String LAMBDAS_DOC = "50, 100, 200, 400, 800, 1600, 3200";

    static final String DOC = "{modelName (required for rec.ease.train), nodeLabels: ['User', 'Item'] (users, then "
            + "items), relationshipTypes (default all), lambda (the L2 weight, > 0; default: picked among " + LAMBDAS_DOC
            + " on a validation split, then refit on all), "
            + "validationFraction: " + VALIDATION_FRACTION + " (only when lambda is picked), " + Defaults.RANDOM_SEED_DOC
            + ", concurrency: min(4, cores), sudo: false (true: run although the memory estimate exceeds the free memory)}";

    static final String DESCRIPTION = "Trains EASE (Steck 2019), the closed-form item-item recommender B = I - P "
            + "diag(1/diag(P)), P = (X^T X + lambda I)^-1 on the binary user-item matrix X of a GDS graph, and registers "
            + "it in rec4j's model catalog; rec.recommend.forUser and similarItems serve it (a user from its current "
            + "interactions, no fold-in needed). Dense: items^2 floats on the heap and off it (see the estimate).";

    /** The keys that lower an estimate, for the memory guard's message. */
    static final String MEMORY_KEYS = "the number of items (a smaller projection)";

    static EaseTrainConfig parse(String procedure, Map<String, Object> config) {
        ConfigMap map = new ConfigMap(procedure, config);
        String modelName = procedure.equals(TRAIN) ? ModelNames.require(procedure, "modelName", map.requiredString("modelName"))
                : map.string("modelName", null);
        List<String> labels = map.userItemLabels(List.of("User", "Item"));
        List<String> types = map.stringList("relationshipTypes", List.of());
        Double lambda = map.raw("lambda") == null ? null : map.positive("lambda", 1.0);
        double validationFraction = map.fraction("validationFraction", VALIDATION_FRACTION);
        if (lambda == null && validationFraction == 0) {
            throw new IllegalArgumentException(procedure + ": 'validationFraction' is 0, so lambda cannot be picked; give "
                    + "'lambda' or a validationFraction in (0, 1)");
        }
        long seed = map.randomSeed();
        int concurrency = map.concurrency();
        boolean sudo = map.bool("sudo", false);
        map.rejectUnknown();
        return new EaseTrainConfig(procedure, modelName, labels, types, lambda, validationFraction, seed, concurrency, sudo);
    }
}
