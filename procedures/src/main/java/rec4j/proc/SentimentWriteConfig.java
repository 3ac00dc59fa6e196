package rec4j.proc;

import java.util.List;
import java.util.Map;
import rec4j.config.ConfigMap;
import rec4j.model.SentimentCatalog;

/**
 * The configuration of rec.sentiment.nodes / rec.sentiment.relationships, read once.
 *
 * @param targets       the node labels or relationship types whose entities are classified
 * @param neutralMargin null: the model's own; checked once the model is known
 */
record SentimentWriteConfig(String procedure, String kind, List<String> targets, List<String> textProperties,
        String writeProperty, String scoreProperty, String modelName, Double neutralMargin, int batchSize,
        int concurrency, boolean skipExisting, boolean coerceNonStrings) {

    static SentimentWriteConfig nodes(Map<String, Object> config) {
        return of("rec.sentiment.nodes", "node", "nodeLabels", config);
    }

    static SentimentWriteConfig relationships(Map<String, Object> config) {
        return of("rec.sentiment.relationships", "relationship", "relationshipTypes", config);
    }

    private static SentimentWriteConfig of(String procedure, String kind, String targetKey, Map<String, Object> config) {
        ConfigMap map = new ConfigMap(procedure, config);
        List<String> targets = map.requiredStringList(targetKey);
        List<String> textProperties = map.requiredStringList("textProperties");
        String writeProperty = map.string("writeProperty", "sentiment");
        String scoreProperty = map.string("scoreProperty", "sentimentScore");
        String modelName = map.string("modelName", SentimentCatalog.DEFAULT);
        Double margin = map.number("neutralMargin", null);
        int batchSize = map.batchSize(64, 1_000_000);
        int concurrency = map.concurrency();
        boolean skipExisting = map.bool("skipExisting", false);
        boolean coerce = map.bool("coerceNonStrings", false);
        map.rejectUnknown();
        if (writeProperty.equals(scoreProperty)) {
            throw new IllegalArgumentException(procedure + ": 'writeProperty' and 'scoreProperty' must differ, both are '"
                    + writeProperty + "'");
        }
        for (String key : List.of("writeProperty", "scoreProperty")) {
            String property = key.equals("writeProperty") ? writeProperty : scoreProperty;
            if (textProperties.contains(property)) {
                throw new IllegalArgumentException(procedure + ": '" + key + "' '" + property + "' is both a text property "
                        + "and a property to write; textProperties: " + textProperties);
            }
        }
        return new SentimentWriteConfig(procedure, kind, targets, textProperties, writeProperty, scoreProperty, modelName,
                margin, batchSize, concurrency, skipExisting, coerce);
    }
}
