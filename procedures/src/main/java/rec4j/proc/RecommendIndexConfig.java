package rec4j.proc;

import java.util.Map;
import rec4j.config.ConfigMap;

/** The parsed configuration of rec.recommend.createIndex; {@link #DOC} is built from the defaults declared here. */
record RecommendIndexConfig(String indexName, String writeProperty, int batchSize, boolean quantization) {

    static final String PROCEDURE = "rec.recommend.createIndex";

    /** What SHOW PROCEDURES says the procedure does. */
    static final String DESCRIPTION =
            "Writes a model's item embeddings, augmented for maximum inner product search, to a property of its "
            + "items and creates a cosine vector index on it (replacing an older one of the same name); "
            + "rec.recommend.forUser and forText then take candidates from it for catalogs above exactMaxItems. Run it "
            + "again after retraining or folding in.";

    static final int BATCH_SIZE = 10_000, MAX_BATCH_SIZE = 1_000_000;
    static final boolean QUANTIZATION = false;

    static final String DOC = "{indexName: '" + RecommendSupport.INDEX_PREFIX + "<modelName>', writeProperty: the index "
            + "name, batchSize: " + BATCH_SIZE + " (items per write transaction), quantization: " + QUANTIZATION
            + " (Neo4j's int8 quantization of the index: less memory, coarser candidates)}";

    static RecommendIndexConfig parse(String modelName, Map<String, Object> config) {
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        String indexName = map.string("indexName", RecommendSupport.defaultIndexName(modelName));
        String property = map.string("writeProperty", indexName);
        int batchSize = map.batchSize(BATCH_SIZE, MAX_BATCH_SIZE);
        boolean quantization = map.bool("quantization", QUANTIZATION);
        map.rejectUnknown();
        return new RecommendIndexConfig(indexName, property, batchSize, quantization);
    }
}
