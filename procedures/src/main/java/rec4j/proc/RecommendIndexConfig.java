package rec4j.proc;

import java.util.Map;
import rec4j.config.ConfigMap;
import rec4j.recommend.PropertyModel;

/** The parsed configuration of rec.recommend.createIndex; {@link #DOC} is built from the defaults declared here. */
record RecommendIndexConfig(PropertyModel properties, String indexName, String writeProperty, int batchSize,
        boolean quantization, int hnswM, int hnswEfConstruction) {

    static final String PROCEDURE = "rec.recommend.createIndex";

    /** What SHOW PROCEDURES says the procedure does. */
    static final String DESCRIPTION =
            "Writes a model's item embeddings (or, with a null model name, the vectors kept in the items' "
            + "embeddingProperty, e.g. by rec.gcn.write), augmented for maximum inner product search, to a property of "
            + "the items and creates a cosine vector index on it (replacing an older one of the same name); "
            + "rec.recommend.forUser and forText (and similarItems with embeddingProperty) then take candidates from it "
            + "for catalogs above exactMaxItems. Run it again after retraining, folding in or rewriting the vectors.";

    static final int BATCH_SIZE = 10_000, MAX_BATCH_SIZE = 1_000_000;
    static final boolean QUANTIZATION = false;
    /**
     * The HNSW graph's links per node (Neo4j's default) and its construction beam: 4x Neo4j's default of 100. Item
     * vectors augmented for inner-product search crowd together, and a graph built with the wider beam reaches the
     * same recall with about half the candidates (docs/guide.md, "Large catalogs"); it builds about 4x slower.
     */
    static final int HNSW_M = 16, MAX_HNSW_M = 512, HNSW_EF_CONSTRUCTION = 400, MAX_HNSW_EF_CONSTRUCTION = 3200;

    static final String DOC = "{indexName: '" + RecommendSupport.INDEX_PREFIX + "<modelName>' (with a null model name: "
            + "'" + PropertyModel.INDEX_PREFIX + "<itemLabel>_<embeddingProperty>'), embeddingProperty and itemLabel (only with "
            + "a null model name: the vectors kept on the item nodes), writeProperty: the index "
            + "name, batchSize: " + BATCH_SIZE + " (items per write transaction), quantization: " + QUANTIZATION
            + " (Neo4j's int8 quantization of the index: less memory, coarser candidates), hnswM: " + HNSW_M
            + " (links per item in the HNSW graph, 1 to " + MAX_HNSW_M + "), hnswEfConstruction: " + HNSW_EF_CONSTRUCTION
            + " (the beam width while it is built, 1 to " + MAX_HNSW_EF_CONSTRUCTION + ": wider builds slower, finds more)}";

    static RecommendIndexConfig parse(String modelName, Map<String, Object> config) {
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        String embeddingProperty = map.string("embeddingProperty", null);
        String itemLabel = map.string("itemLabel", null);
        PropertyModel properties = null;
        if (modelName == null) {
            if (embeddingProperty == null || itemLabel == null) {
                throw new IllegalArgumentException(PROCEDURE + ": 'modelName' is null, so 'embeddingProperty' and "
                        + "'itemLabel' are required (the vectors kept on the item nodes to index), got embeddingProperty "
                        + ConfigMap.shown(embeddingProperty) + " and itemLabel " + ConfigMap.shown(itemLabel));
            }
            properties = new PropertyModel(embeddingProperty, itemLabel, PropertyModel.USER_LABEL);
        } else if (embeddingProperty != null || itemLabel != null) {
            throw new IllegalArgumentException(PROCEDURE + ": 'embeddingProperty' and 'itemLabel' go with a null model "
                    + "name (a model knows its items); got model '" + modelName + "'");
        }
        String indexName = map.string("indexName", properties != null ? properties.defaultIndexName()
                : RecommendSupport.defaultIndexName(modelName));
        String property = map.string("writeProperty", indexName);
        if (properties != null && property.equals(embeddingProperty)) {
            throw new IllegalArgumentException(PROCEDURE + ": 'writeProperty' is '" + property + "', the embeddingProperty "
                    + "itself; the augmented vectors need a property of their own");
        }
        int batchSize = map.batchSize(BATCH_SIZE, MAX_BATCH_SIZE);
        boolean quantization = map.bool("quantization", QUANTIZATION);
        int m = map.intInRange("hnswM", HNSW_M, 1, MAX_HNSW_M);
        int efConstruction = map.intInRange("hnswEfConstruction", HNSW_EF_CONSTRUCTION, 1, MAX_HNSW_EF_CONSTRUCTION);
        map.rejectUnknown();
        return new RecommendIndexConfig(properties, indexName, property, batchSize, quantization, m, efConstruction);
    }
}
