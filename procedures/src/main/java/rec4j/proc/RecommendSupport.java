package rec4j.proc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import rec4j.config.ConfigMap;
import rec4j.model.ModelCatalog.StoredModel;
import rec4j.recommend.Ranker;
import rec4j.recommend.ServingModel;

/**
 * What rec.recommend.* share: the config keys every one of them takes (parsed once into {@link Common}), node
 * lookups, exclusions, property filters, ranking with over-fetch for filters and diversity, and explanations.
 */
final class RecommendSupport {

    static final int MAX_K = 10_000;

    private RecommendSupport() {}

    /** Keys shared by rec.recommend.forUser, similarItems and forText. */
    record Common(String modelName, int k, Map<String, Object> filter, List<Node> items, double diversity,
            String candidates, String indexName, int overFetch, int exactMaxItems, Properties properties) {

        /** Parses the shared keys; {@code propertiesAllowed}: embeddingProperty may stand in for modelName. */
        static Common parse(ConfigMap map, boolean propertiesAllowed) {
            String modelName = map.string("modelName", null);
            Properties properties = propertiesAllowed ? Properties.parse(map) : null;
            if (modelName == null && properties == null) {
                throw new IllegalArgumentException(map.procedure() + ": 'modelName' is required (a non-empty string)"
                        + (propertiesAllowed ? ", or 'embeddingProperty' with 'itemLabel'" : ""));
            }
            if (modelName != null && properties != null) {
                throw new IllegalArgumentException(map.procedure() + ": give 'modelName' or 'embeddingProperty', not both");
            }
            int k = map.intInRange("k", 10, 1, MAX_K);
            Map<String, Object> filter = parseFilter(map);
            List<Node> items = nodes(map, "items");
            double diversity = map.numberInRange("diversity", 0.0, 0.0, 1.0);
            String candidates = map.oneOf("candidates", "auto", List.of("auto", "exact", "index"));
            String indexName = map.string("indexName", null);
            int overFetch = map.intInRange("overFetch", 4, 1, 100);
            int exactMaxItems = map.intInRange("exactMaxItems", DEFAULT_EXACT_MAX_ITEMS, 0, Integer.MAX_VALUE);
            return new Common(modelName, k, filter, items, diversity, candidates, indexName, overFetch, exactMaxItems,
                    properties);
        }

        /** The model to serve from: a catalog model, or one read from the item nodes' embedding property. */
        ServingModel serving(rec4j.Rec4jRuntime runtime, Transaction tx, String procedure, String database) {
            if (properties == null) {
                return runtime.models().serving(require(runtime, procedure, database, modelName));
            }
            return properties.read(procedure, tx, database);
        }

        /** The vector index of the model's items (rec.recommend.createIndex) that candidates come from. */
        String index() {
            return indexName != null ? indexName : defaultIndexName(modelName == null ? "" : modelName);
        }
    }

    /**
     * Embeddings kept as node properties (e.g. written by rec.gcn.write) instead of a catalog model: the items are the
     * nodes of {@code itemLabel} that have the property, read at each call; the user's vector is the same property on
     * the user node; interactions of every relationship type count as the user's items unless excludeRelationshipTypes
     * says otherwise.
     */
    record Properties(String embeddingProperty, String itemLabel, String userLabel) {

        static Properties parse(ConfigMap map) {
            String property = map.string("embeddingProperty", null);
            String itemLabel = map.string("itemLabel", null);
            String userLabel = map.string("userLabel", "User");
            if (property == null) {
                if (itemLabel != null) {
                    throw new IllegalArgumentException(map.procedure() + ": 'itemLabel' goes with 'embeddingProperty' (a "
                            + "model knows its item label)");
                }
                return null;
            }
            if (itemLabel == null) {
                throw new IllegalArgumentException(map.procedure() + ": 'itemLabel' is required with 'embeddingProperty'");
            }
            return new Properties(property, itemLabel, userLabel);
        }

        ServingModel read(String procedure, Transaction tx, String database) {
            List<Long> ids = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            try (ResourceIterator<Node> nodes = tx.findNodes(org.neo4j.graphdb.Label.label(itemLabel))) {
                while (nodes.hasNext()) {
                    Node n = nodes.next();
                    if (!n.hasProperty(embeddingProperty)) {
                        continue;
                    }
                    float[] v = GcnFoldInProc.vector(procedure, n, embeddingProperty);
                    if (!vectors.isEmpty() && v.length != vectors.get(0).length) {
                        throw new IllegalArgumentException(procedure + ": property '" + embeddingProperty + "' of "
                                + describe(n) + " has " + v.length + " values, others have " + vectors.get(0).length);
                    }
                    ids.add(n.getId());
                    vectors.add(v);
                }
            }
            if (vectors.isEmpty()) {
                throw new IllegalArgumentException(procedure + ": no :" + itemLabel + " node has the property '"
                        + embeddingProperty + "'");
            }
            int width = vectors.get(0).length;
            float[] matrix = new float[vectors.size() * width];
            for (int i = 0; i < vectors.size(); i++) {
                System.arraycopy(vectors.get(i), 0, matrix, i * width, width);
            }
            // not trained: only the width matters to serving
            rec4j.gcn.GcnParameters p = new rec4j.gcn.GcnParameters(width, 0, 0, 1, 0, 0, 1,
                    rec4j.gcn.GcnParameters.Fusion.NONE, 0, 1, 1, 0, 1);
            rec4j.gcn.GcnModel model = new rec4j.gcn.GcnModel(p, 0, vectors.size(), width, matrix, new float[0], null, null, 0);
            return ServingModel.of(new StoredModel("(property " + embeddingProperty + ")", database, model, new long[0],
                    ids.stream().mapToLong(Long::longValue).toArray(), "", userLabel, itemLabel, List.of(), null, List.of(),
                    java.time.Instant.EPOCH, Map.of()));
        }
    }

    /** Catalogs up to this many items are ranked exactly; larger ones use the model's vector index when it exists. */
    static final int DEFAULT_EXACT_MAX_ITEMS = 50_000;

    static String defaultIndexName(String modelName) {
        return ("rec4j_model_" + modelName).replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** {property: value | [values] | {min, max}}: equality, membership or an inclusive range on the item's properties. */
    private static Map<String, Object> parseFilter(ConfigMap map) {
        Object raw = map.raw("filter");
        if (raw == null) {
            return Map.of();
        }
        String allowed = "a map of item property to a value, a list of values, or {min, max}";
        if (!(raw instanceof Map<?, ?> given)) {
            throw map.invalidValue("filter", raw, allowed);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : given.entrySet()) {
            Object condition = e.getValue();
            if (condition == null) {
                throw map.invalidValue("filter", raw, allowed + " (" + e.getKey() + " is null)");
            }
            if (condition instanceof Map<?, ?> range) {
                if (range.isEmpty() || !Set.of("min", "max").containsAll(range.keySet())) {
                    throw map.invalidValue("filter", raw, allowed + "; a range has only the keys min and max, got "
                            + range.keySet() + " for " + e.getKey());
                }
                for (Object bound : range.values()) {
                    if (!(bound instanceof Number || bound instanceof String)) {
                        throw map.invalidValue("filter", raw, allowed + "; range bounds are numbers or strings");
                    }
                }
            }
            out.put((String) e.getKey(), condition);
        }
        return Map.copyOf(out);
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
            throw new IllegalArgumentException(procedure + ": '" + argument + "' is " + shown(given) + ", not a node; to look "
                    + argument + "s up by a property, set '" + keyConfigName + "' (e.g. '" + keyConfigName + "': 'userId')");
        }
        try (ResourceIterator<Node> found = tx.findNodes(Label.label(label), keyProperty, given)) {
            if (!found.hasNext()) {
                throw new IllegalArgumentException(procedure + ": no :" + label + " node with " + keyProperty + " = "
                        + shown(given));
            }
            Node node = found.next();
            if (found.hasNext()) {
                throw new IllegalArgumentException(procedure + ": more than one :" + label + " node has " + keyProperty
                        + " = " + shown(given) + "; use a unique key property");
            }
            return node;
        }
    }

    static String shown(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    static String describe(Node node) {
        return "node " + node.getElementId();
    }

    /** A node's relationships of the given types, either direction; no types means all of them. */
    static Iterable<Relationship> relationships(Node node, RelationshipType[] types) {
        return types.length == 0 ? node.getRelationships(Direction.BOTH) : node.getRelationships(Direction.BOTH, types);
    }

    /** A node's number of relationships of the given types, either direction; no types means all of them. */
    static long degree(Node node, RelationshipType[] types) {
        if (types.length == 0) {
            return node.getDegree(Direction.BOTH);
        }
        long degree = 0;
        for (RelationshipType type : types) {
            degree += node.getDegree(type, Direction.BOTH);
        }
        return degree;
    }

    /** The model rows of the items a node interacts with through the given relationship types (either direction). */
    static Map<Integer, Relationship> interactedItems(ServingModel model, Node node, List<String> types) {
        Map<Integer, Relationship> rows = new LinkedHashMap<>();
        for (Relationship r : relationships(node, relationshipTypes(types))) {
            int row = model.itemRow(r.getOtherNode(node));
            if (row >= 0) {
                rows.putIfAbsent(row, r);
            }
        }
        return rows;
    }

    static RelationshipType[] relationshipTypes(List<String> types) {
        return types.stream().map(RelationshipType::withName).toArray(RelationshipType[]::new);
    }

    /** The rows of the given item nodes; every one must be in the model. */
    static int[] itemRows(String procedure, ServingModel model, List<Node> items, String key) {
        int[] rows = new int[items.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = model.itemRow(items.get(i));
            if (rows[i] < 0) {
                throw new IllegalArgumentException(procedure + ": '" + key + "' holds " + describe(items.get(i))
                        + ", which model '" + model.stored().name() + "' has no embedding for (not a :"
                        + model.stored().itemLabel() + " it was trained on or folded in; run rec.gcn.foldIn)");
            }
        }
        return rows;
    }

    /** Ranks the items for a query: exact scores, filters applied in score order, then MMR when diversity > 0. */
    static List<Ranker.Ranked> rank(Transaction tx, ServingModel model, Ranker.Scorer scorer, float[] query, Common c,
            Set<Integer> excluded) {
        // bit sets: the eligibility test runs once per item and request, without boxing
        java.util.BitSet excludedRows = new java.util.BitSet(model.items());
        excluded.forEach(excludedRows::set);
        java.util.BitSet allowedRows = null;
        if (c.items() != null) {
            allowedRows = new java.util.BitSet(model.items());
            for (Node n : c.items()) {
                int row = model.itemRow(n);
                if (row >= 0) {
                    allowedRows.set(row);
                }
            }
        }
        java.util.BitSet allowed = allowedRows;
        IntPredicate eligible = row -> !excludedRows.get(row) && (allowed == null || allowed.get(row));
        // checked lazily in score order: the row's node still exists and is the node the model was trained on (not one
        // that took over a deleted node's id), and it passes the filter
        IntPredicate accept = row -> {
            Node node = model.itemNode(tx, row);
            return node != null && (c.filter().isEmpty() || matches(node, c.filter()));
        };
        int pool = c.diversity() > 0 ? Math.min(MAX_K, Math.max(5 * c.k(), 50)) : c.k();
        List<Ranker.Ranked> candidates = useIndex(tx, model, query, c)
                ? fromIndex(tx, model, scorer, query, c, pool, excluded.size(), eligible, accept)
                : Ranker.top(model.items(), scorer, pool, eligible, accept);
        return Ranker.diversify(model, candidates, c.k(), c.diversity());
    }

    private static boolean useIndex(Transaction tx, ServingModel model, float[] query, Common c) {
        if (query == null || c.candidates().equals("exact")
                || (c.candidates().equals("auto") && model.items() <= c.exactMaxItems())) {
            return false;
        }
        boolean exists;
        try {
            tx.schema().getIndexByName(c.index());
            exists = true;
        } catch (IllegalArgumentException missing) {
            exists = false;
        }
        if (!exists && c.candidates().equals("index")) {
            throw new IllegalArgumentException("'candidates' is 'index' but there is no vector index '" + c.index()
                    + "'; create it with rec.recommend.createIndex('" + c.modelName() + "')");
        }
        return exists;
    }

    /**
     * Candidates from the model's vector index (maximum inner product search as cosine over augmented vectors, see
     * rec.recommend.createIndex), over-fetched, then re-scored exactly with the model; the fetch grows until k
     * candidates survive the exclusions and filters, or the whole catalog was fetched.
     */
    private static List<Ranker.Ranked> fromIndex(Transaction tx, ServingModel model, Ranker.Scorer scorer, float[] query,
            Common c, int pool, int excludedCount, IntPredicate eligible, IntPredicate accept) {
        float[] unit = rec4j.recommend.Vectors.unit(query);
        List<Double> q = new ArrayList<>(unit.length + 1);
        for (float x : unit) {
            q.add((double) x);
        }
        q.add(0.0);
        long fetch = (long) (pool + excludedCount) * c.overFetch();
        while (true) {
            int n = (int) Math.min(fetch, model.items());
            List<Integer> rows = new ArrayList<>(n);
            try (Result result = tx.execute("CALL db.index.vector.queryNodes($index, $n, $q) YIELD node RETURN id(node) AS id",
                    Map.of("index", c.index(), "n", n, "q", q))) {
                while (result.hasNext()) {
                    int row = model.itemRow(tx, (Long) result.next().get("id"));
                    if (row >= 0 && eligible.test(row)) {
                        rows.add(row);
                    }
                }
            }
            List<Ranker.Ranked> ranked = Ranker.topAmong(rows.stream().mapToInt(Integer::intValue).toArray(), scorer, pool, accept);
            if (ranked.size() >= pool || n >= model.items()) {
                return ranked;
            }
            fetch *= 4;
        }
    }

    /** Whether the item node's properties satisfy the filter. */
    static boolean matches(Node node, Map<String, Object> filter) {
        for (Map.Entry<String, Object> e : filter.entrySet()) {
            Object value = node.getProperty(e.getKey(), null);
            if (value == null) {
                return false;
            }
            Object condition = e.getValue();
            if (condition instanceof Map<?, ?> range) {
                if (!inRange(value, range.get("min"), range.get("max"))) {
                    return false;
                }
            } else if (condition instanceof List<?> values) {
                if (values.stream().noneMatch(v -> same(v, value))) {
                    return false;
                }
            } else if (!same(condition, value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(Object wanted, Object value) {
        if (wanted instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (value.getClass().isArray() && wanted instanceof String) {
            // a list property (e.g. genres) matches when it contains the value
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                if (wanted.equals(java.lang.reflect.Array.get(value, i))) {
                    return true;
                }
            }
            return false;
        }
        return wanted.equals(value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean inRange(Object value, Object min, Object max) {
        if (value instanceof Number v) {
            double x = v.doubleValue();
            return (!(min instanceof Number lo) || x >= lo.doubleValue()) && (!(max instanceof Number hi) || x <= hi.doubleValue())
                    && !(min instanceof String) && !(max instanceof String);
        }
        if (value instanceof String s) {
            return (!(min instanceof String lo) || s.compareTo(lo) >= 0) && (!(max instanceof String hi) || s.compareTo(hi) <= 0)
                    && !(min instanceof Number) && !(max instanceof Number);
        }
        return false;
    }

    /**
     * Why an item was recommended: the user's items whose embeddings agree most with it (dot product; the user's
     * embedding is, by propagation, a weighted sum of its items' embeddings), each with a path through the graph:
     * (user)-[interaction]-(their item)-[interaction]-(another user)-[interaction]-(the recommended item) when such a
     * co-interaction exists, else just (user)-[interaction]-(their item).
     */
    record Explanation(List<Map<String, Object>> reasons, List<Path> paths) {}

    static Explanation explain(Transaction tx, ServingModel model, Node user, Map<Integer, Relationship> userItems,
            int itemRow, int count, List<String> types) {
        List<Map.Entry<Integer, Relationship>> ranked = new ArrayList<>(userItems.entrySet());
        ranked.sort((a, b) -> Float.compare(model.itemDot(b.getKey(), itemRow), model.itemDot(a.getKey(), itemRow)));
        List<Map<String, Object>> reasons = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        String pattern = types.isEmpty() ? ""
                : ":" + types.stream().map(t -> "`" + t.replace("`", "``") + "`").reduce((a, b) -> a + "|" + b).orElseThrow();
        Node recommended = model.itemNode(tx, itemRow);
        for (Map.Entry<Integer, Relationship> e : ranked.subList(0, Math.min(count, ranked.size()))) {
            Node viaNode = model.itemNode(tx, e.getKey());
            if (viaNode == null || recommended == null) {
                continue; // deleted since the user's items were read
            }
            long via = viaNode.getId();
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("item", viaNode);
            reason.put("contribution", (double) model.itemDot(e.getKey(), itemRow));
            reasons.add(reason);
            if (user == null || e.getValue() == null) {
                continue;
            }
            String query = "MATCH p = (u)-[" + pattern + "]-(j)-[" + pattern + "]-(v)-[" + pattern + "]-(i) "
                    + "WHERE id(u) = $u AND id(j) = $j AND id(i) = $i AND v <> u RETURN p LIMIT 1";
            try (Result result = tx.execute(query, Map.of("u", user.getId(), "j", via, "i", recommended.getId()))) {
                if (result.hasNext()) {
                    paths.add((Path) result.next().get("p"));
                    continue;
                }
            }
            try (Result result = tx.execute("MATCH p = (u)-[r]-(j) WHERE id(u) = $u AND id(j) = $j AND elementId(r) = $r RETURN p",
                    Map.of("u", user.getId(), "j", via, "r", e.getValue().getElementId()))) {
                if (result.hasNext()) {
                    paths.add((Path) result.next().get("p"));
                }
            }
        }
        return new Explanation(reasons, paths);
    }

    /** The popularity of every item of the model: its number of relationships of the given types. */
    static float[] popularity(Transaction tx, ServingModel model, List<String> types) {
        RelationshipType[] relTypes = relationshipTypes(types);
        float[] degree = new float[model.items()];
        for (int row = 0; row < degree.length; row++) {
            Node node = model.itemNode(tx, row);
            degree[row] = node == null ? -1 : degree(node, relTypes);
        }
        return degree;
    }

    static StoredModel require(rec4j.Rec4jRuntime runtime, String procedure, String database, String name) {
        return runtime.models().require(procedure, database, name);
    }
}
