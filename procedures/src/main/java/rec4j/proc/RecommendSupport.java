package rec4j.proc;

import java.util.List;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import rec4j.Rec4jRuntime;
import rec4j.config.ConfigMap;
import rec4j.model.StoredModel;
import rec4j.recommend.Candidates;
import rec4j.recommend.ItemFilter;
import rec4j.recommend.NodeVectors;
import rec4j.recommend.PropertyModel;
import rec4j.recommend.ServingModel;
import rec4j.recommend.UserItems;

/**
 * What rec.recommend.* share at the boundary: the config keys every one of them takes (parsed once into
 * {@link Common}), and finding the nodes a call names. The serving itself lives in rec4j.recommend.
 */
final class RecommendSupport {

    private RecommendSupport() {}

    /** Keys shared by rec.recommend.forUser, similarItems and forText. */
    record Common(String modelName, PropertyModel properties, Candidates candidates) {

        static final int K = 10, OVER_FETCH = 2, MAX_OVER_FETCH = 100;
        static final double DIVERSITY = 0.0;
        static final String CANDIDATES = "auto";

        /** How the shared keys read in a description (after k and the procedure's own keys). */
        static final String DOC = " filter: {property: value | [values] | {min, max}}, items: [allowed item nodes], "
                + "diversity: " + DIVERSITY + " (MMR lambda in [0, 1]), candidates: '" + CANDIDATES + "' | 'exact' | "
                + "'index' (auto: exact up to exactMaxItems: " + DEFAULT_EXACT_MAX_ITEMS + " items, else the vector index "
                + "of rec.recommend.createIndex when it exists), indexName, overFetch: " + OVER_FETCH;

        /** Parses the shared keys; {@code propertiesAllowed}: embeddingProperty may stand in for modelName. */
        static Common parse(ConfigMap map, boolean propertiesAllowed) {
            String modelName = map.string("modelName", null);
            PropertyModel properties = propertiesAllowed ? PropertyModel.parse(map) : null;
            if (modelName == null && properties == null) {
                throw new IllegalArgumentException(map.procedure() + ": 'modelName' is required (a non-empty string)"
                        + (propertiesAllowed ? ", or 'embeddingProperty' with 'itemLabel'" : ""));
            }
            if (modelName != null && properties != null) {
                throw new IllegalArgumentException(map.procedure() + ": give 'modelName' or 'embeddingProperty', not both");
            }
            int k = map.intInRange("k", K, 1, Candidates.MAX_K);
            ItemFilter filter = ItemFilter.parse(map);
            List<Node> items = nodes(map, "items");
            double diversity = map.numberInRange("diversity", DIVERSITY, 0.0, 1.0);
            String candidates = map.oneOf("candidates", CANDIDATES, List.of("auto", "exact", "index"));
            String indexName = map.string("indexName", properties != null ? properties.defaultIndexName()
                    : defaultIndexName(modelName == null ? "" : modelName));
            int overFetch = map.intInRange("overFetch", OVER_FETCH, 1, MAX_OVER_FETCH);
            int exactMaxItems = map.intInRange("exactMaxItems", DEFAULT_EXACT_MAX_ITEMS, 0, Integer.MAX_VALUE);
            return new Common(modelName, properties, new Candidates(k, filter, items, diversity, candidates, indexName,
                    overFetch, exactMaxItems));
        }

        /**
         * The model to serve from: the catalog model named by modelName (a GCN or an EASE model), else one read from
         * the item nodes' property.
         */
        ServingModel serving(Rec4jRuntime runtime, Transaction tx, String procedure, String database) {
            return properties == null ? runtime.models().serving(procedure, database, modelName) : properties.read(procedure, tx);
        }

        /**
         * Whether vectors kept on nodes are served through their vector index (candidates from the index, only those
         * nodes read) rather than by reading every item: 'index', or 'auto' when the index exists and the label has
         * more than exactMaxItems nodes (the count comes from the count store).
         */
        boolean propertyIndex(Transaction tx, String procedure) {
            if (properties == null || candidates.candidates().equals("exact")) {
                return false;
            }
            boolean use = Candidates.indexUsable(tx, candidates.candidates(), candidates.indexName(),
                    "rec.recommend.createIndex(null, {embeddingProperty: '" + properties.embeddingProperty()
                    + "', itemLabel: '" + properties.itemLabel() + "'})");
            return use && (candidates.candidates().equals("index")
                    || UserItems.labelCount(tx, properties.itemLabel()) > candidates.exactMaxItems());
        }

        /** The GCN model named by modelName, for what only a GCN model with text can do (an EASE model is refused). */
        StoredModel gcn(Rec4jRuntime runtime, String procedure, String database) {
            return runtime.models().require(procedure, database, modelName);
        }
    }

    /** Catalogs up to this many items are ranked exactly; larger ones use the model's vector index when it exists. */
    static final int DEFAULT_EXACT_MAX_ITEMS = 50_000;

    /** The start of a model's default vector index name. */
    static final String INDEX_PREFIX = "rec4j_model_";

    static String defaultIndexName(String modelName) {
        return (INDEX_PREFIX + modelName).replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** A list of nodes, or null when the key is absent. */
    static List<Node> nodes(ConfigMap map, String key) {
        Object raw = map.raw(key);
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list) || list.stream().anyMatch(n -> !(n instanceof Node))) {
            throw map.invalidValue(key, raw instanceof List<?> l ? "a list of " + l.size() + " values that are not all nodes"
                    : raw, "a list of nodes");
        }
        return list.stream().map(n -> (Node) n).toList();
    }

    /** A node given as a node, or as a value of {@code keyProperty} on nodes with the label. */
    static Node resolveNode(String procedure, Transaction tx, Object given, String argument, String label, String keyProperty,
            String keyConfigName) {
        if (given instanceof Node node) {
            return node;
        }
        if (given == null) {
            throw new IllegalArgumentException(procedure + ": '" + argument + "' is null; pass a node, or a value of the "
                    + "property named by '" + keyConfigName + "'");
        }
        if (keyProperty == null) {
            throw new IllegalArgumentException(procedure + ": '" + argument + "' is " + ConfigMap.shown(given) + ", not a node; to look "
                    + argument + "s up by a property, set '" + keyConfigName + "' (e.g. '" + keyConfigName + "': 'userId')");
        }
        try (ResourceIterator<Node> found = tx.findNodes(Label.label(label), keyProperty, given)) {
            if (!found.hasNext()) {
                throw new IllegalArgumentException(procedure + ": no :" + label + " node with " + keyProperty + " = "
                        + ConfigMap.shown(given));
            }
            Node node = found.next();
            if (found.hasNext()) {
                throw new IllegalArgumentException(procedure + ": more than one :" + label + " node has " + keyProperty
                        + " = " + ConfigMap.shown(given) + "; use a unique key property");
            }
            return node;
        }
    }

    /** The rows of the given item nodes; every one must be in the model. */
    static int[] itemRows(String procedure, ServingModel model, List<Node> items, String key) {
        int[] rows = new int[items.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = model.itemRow(items.get(i));
            if (rows[i] < 0) {
                throw new IllegalArgumentException(procedure + ": '" + key + "' holds " + NodeVectors.describe(items.get(i))
                        + ", which model '" + model.name() + "' has no embedding for (not a :"
                        + model.itemLabel() + " it was trained on or folded in; run rec.gcn.foldIn)");
            }
        }
        return rows;
    }
}
