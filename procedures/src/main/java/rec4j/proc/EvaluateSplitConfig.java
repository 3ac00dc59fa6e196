package rec4j.proc;

import java.util.List;
import java.util.Map;
import rec4j.config.ConfigMap;
import rec4j.config.Defaults;
import rec4j.evaluate.HoldoutSplit;

/** The parsed configuration of rec.evaluate.split; {@link #DOC} is built from the defaults and bounds declared here. */
record EvaluateSplitConfig(List<String> labels, List<String> types, String strategyName, HoldoutSplit.Strategy strategy,
        double testFraction, Double minRating, String ratingProperty, String timestampProperty, String splitProperty,
        int seed, int batchSize) {

    static final String PROCEDURE = "rec.evaluate.split";
    static final String RANDOM = "random", TEMPORAL = "temporal", COLD_ITEMS = "coldItems";
    static final double TEST_FRACTION = 0.2;
    /** Also rec.evaluate.model's defaults. */
    static final String RATING_PROPERTY = "rating", SPLIT_PROPERTY = "split";
    static final String TIMESTAMP_PROPERTY = "timestamp";
    static final int BATCH_SIZE = 10_000, MAX_BATCH_SIZE = 1_000_000;

    static final String DOC = "{nodeLabels: ['User', 'Item'] (users, then items), relationshipTypes (default: every type "
            + "between them), strategy: '" + RANDOM + "' | '" + TEMPORAL + "' | '" + COLD_ITEMS + "', testFraction: "
            + TEST_FRACTION + " (in (0, 1)), minRating (default: every interaction is a positive), ratingProperty: '"
            + RATING_PROPERTY + "', timestampProperty: '" + TIMESTAMP_PROPERTY + "' (temporal), splitProperty: '"
            + SPLIT_PROPERTY + "', " + Defaults.RANDOM_SEED_DOC + ", batchSize: " + BATCH_SIZE + "}";

    static EvaluateSplitConfig parse(Map<String, Object> config) {
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        List<String> labels = EvaluateSupport.labels(PROCEDURE, map, List.of("User", "Item"));
        List<String> types = map.stringList("relationshipTypes", List.of());
        String strategyName = map.oneOf("strategy", RANDOM, List.of(RANDOM, TEMPORAL, COLD_ITEMS));
        // not ConfigMap.fraction: 0 holds nothing out, and the message says "(exclusive)"
        double fraction = EvaluateSupport.openFraction(PROCEDURE, map, "testFraction", TEST_FRACTION);
        Double minRating = map.number("minRating", null);
        String ratingProperty = map.string("ratingProperty", RATING_PROPERTY);
        String timestampProperty = map.string("timestampProperty", TIMESTAMP_PROPERTY);
        String splitProperty = map.string("splitProperty", SPLIT_PROPERTY);
        int seed = (int) map.randomSeed();
        int batchSize = map.batchSize(BATCH_SIZE, MAX_BATCH_SIZE);
        map.rejectUnknown();
        HoldoutSplit.Strategy strategy = switch (strategyName) {
            case TEMPORAL -> HoldoutSplit.Strategy.TEMPORAL;
            case COLD_ITEMS -> HoldoutSplit.Strategy.COLD_ITEMS;
            default -> HoldoutSplit.Strategy.RANDOM;
        };
        return new EvaluateSplitConfig(labels, types, strategyName, strategy, fraction, minRating, ratingProperty,
                timestampProperty, splitProperty, seed, batchSize);
    }
}
