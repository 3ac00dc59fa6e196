package rec4j.proc;

import java.util.List;
import java.util.Map;
import rec4j.config.ConfigMap;

/**
 * The parsed configuration of rec.recommend.similarItems: the keys every rec.recommend.* takes and its own. Defaults are
 * declared here once; {@link #DOC} is built from them.
 */
record SimilarItemsConfig(RecommendSupport.Common common, String itemIdProperty, boolean cosine) {

    static final String PROCEDURE = "rec.recommend.similarItems";

    /** What SHOW PROCEDURES says the procedure does. */
    static final String DESCRIPTION =
            "The k items nearest to an item in a trained model's embedding space (cosine by default).";

    static final String COSINE = "cosine", DOT = "dot";

    static final String DOC = "{modelName (or embeddingProperty + itemLabel), k: " + RecommendSupport.Common.K
            + ", itemIdProperty, similarity: '" + COSINE + "' | '" + DOT + "', filter, items, diversity: "
            + RecommendSupport.Common.DIVERSITY + ", candidates, indexName, overFetch, exactMaxItems (a model: always "
            + "exact; embeddingProperty: candidates from its vector index as in forUser, re-scored by the similarity)}";

    static SimilarItemsConfig parse(Map<String, Object> config) {
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        RecommendSupport.Common common = RecommendSupport.Common.parse(map, true);
        String itemIdProperty = map.string("itemIdProperty", null);
        boolean cosine = map.oneOf("similarity", COSINE, List.of(COSINE, DOT)).equals(COSINE);
        map.rejectUnknown();
        return new SimilarItemsConfig(common, itemIdProperty, cosine);
    }
}
