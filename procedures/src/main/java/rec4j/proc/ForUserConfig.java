package rec4j.proc;

import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import rec4j.config.ConfigMap;
import rec4j.recommend.Candidates;

/**
 * The parsed configuration of rec.recommend.forUser: the keys every rec.recommend.* takes ({@link RecommendSupport.Common})
 * and its own. Defaults and bounds are declared here once; {@link #DOC} is built from them.
 *
 * @param excludeTypes the relationship types whose items are left out; null: the model's
 * @param seedItems    null when not given
 */
record ForUserConfig(RecommendSupport.Common common, String userIdProperty, List<String> excludeTypes,
        List<Node> seedItems, String profileProperty, String fallback, boolean explain, int explainItems,
        Recency recency) {

    static final String PROCEDURE = "rec.recommend.forUser";

    /** What SHOW PROCEDURES says the procedure does. */
    static final String DESCRIPTION =
            "The top-k items for a user from a trained model, without the items the user already interacted with. "
            + "A user the model has no embedding for is served from its current interactions, the seedItems given, or "
            + "its text profile (cold start), or by popularity when fallback: 'popularity'.";

    static final String FALLBACK = "none", POPULARITY = "popularity";
    static final boolean EXPLAIN = false;
    static final int EXPLAIN_ITEMS = 3, MAX_EXPLAIN_ITEMS = 100;

    static final String DOC = "{modelName (or embeddingProperty + itemLabel + userLabel: 'User', vectors kept on the "
            + "nodes, e.g. by rec.gcn.write), k: " + RecommendSupport.Common.K + " (1.." + Candidates.MAX_K + "), "
            + "userIdProperty, excludeRelationshipTypes (default: the model's relationship types), seedItems: [item "
            + "nodes], profileProperty (a text-vector property of the user, for models trained with text), fallback: '"
            + FALLBACK + "' | '" + POPULARITY + "', explain: " + EXPLAIN + ", explainItems: " + EXPLAIN_ITEMS + ", "
            + Recency.DOC + ", at (with halfLifeDays: the context time, default now; ages are measured from it and later "
            + "interactions do not count; with halfLifeDays the query is the user's vector plus the recency-weighted mean "
            + "of their items' vectors, for EASE their recency-weighted items: basis 'recency'),"
            + RecommendSupport.Common.DOC + "}";

    /** @param tx to check excludeRelationshipTypes against the types in use */
    static ForUserConfig parse(Map<String, Object> config, Transaction tx) {
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        RecommendSupport.Common common = RecommendSupport.Common.parse(map, true);
        String userIdProperty = map.string("userIdProperty", null);
        List<String> excludeTypes = map.stringList("excludeRelationshipTypes", null);
        if (excludeTypes != null) {
            // an unknown (e.g. misspelt) type would silently stop excluding the user's own items
            Entities.requireKnown(PROCEDURE, "excludeRelationshipTypes", "relationship type", excludeTypes,
                    Entities.typesInUse(tx));
        }
        List<Node> seedItems = RecommendSupport.nodes(map, "seedItems");
        String profileProperty = map.string("profileProperty", null);
        String fallback = map.oneOf("fallback", FALLBACK, List.of(FALLBACK, POPULARITY));
        boolean explain = map.bool("explain", EXPLAIN);
        int explainItems = map.intInRange("explainItems", EXPLAIN_ITEMS, 1, MAX_EXPLAIN_ITEMS);
        Recency recency = Recency.parse(map, true);
        map.rejectUnknown();
        return new ForUserConfig(common, userIdProperty, excludeTypes, seedItems, profileProperty, fallback, explain,
                explainItems, recency);
    }
}
