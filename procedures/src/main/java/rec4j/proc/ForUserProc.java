package rec4j.proc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import rec4j.Rec4jRuntime;
import rec4j.model.TextSpace;
import rec4j.recommend.Candidates;
import rec4j.recommend.Explainer;
import rec4j.recommend.NodeVectors;
import rec4j.recommend.PropertyModel;
import rec4j.recommend.ServingModel;
import rec4j.recommend.UserItems;
import rec4j.serving.Decay;
import rec4j.serving.Ranker;
import rec4j.serving.Vectors;

/** {@code rec.recommend.forUser}: top-k items for a user (or seed items, a profile, recency), from a trained model or vectors kept on nodes. */
public class ForUserProc {

    @Context
    public Rec4jRuntime runtime;

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Procedure(name = ForUserConfig.PROCEDURE, mode = Mode.READ)
    @Description(ForUserConfig.DESCRIPTION)
    public Stream<Recommendation> forUser(
            @Name(value = "user", description = "A user node, or the value of its userIdProperty; null with seedItems.") Object user,
            @Name(value = "config", description = ForUserConfig.DOC) Map<String, Object> config) {
        String procedure = ForUserConfig.PROCEDURE;
        ForUserConfig cfg = ForUserConfig.parse(config, tx);
        RecommendSupport.Common c = cfg.common();
        Served served;
        if (c.propertyIndex(tx, procedure)) {
            served = forUserFromIndex(user, cfg);
        } else {
            ServingModel all = c.serving(runtime, tx, procedure, db.databaseName());
            served = forUser(resolveUser(user, cfg, all.userLabel()), cfg, all, c.candidates());
        }
        ServingModel model = served.model();
        return Recommendation.rows(tx, model, served.ranked(), served.basis(), served.calibrated() ? model.calibration() : null,
                !cfg.explain() || served.query() == null ? null
                : item -> Explainer.explain(tx, model, served.node(), served.reasons(), item, cfg.explainItems(),
                        served.types()));
    }

    /** A user's recommendations before they become rows; {@code query} null: the popularity fallback. */
    private record Served(ServingModel model, List<Ranker.Ranked> ranked, String basis, Node node,
            Map<Integer, Relationship> reasons, float[] query, List<String> types, boolean calibrated) {}

    /** The user node named by the call, a node of {@code label}; null for a visitor with seedItems. */
    private Node resolveUser(Object user, ForUserConfig cfg, String label) {
        return user == null && cfg.seedItems() != null ? null
                : RecommendSupport.resolveNode(ForUserConfig.PROCEDURE, tx, user, "user", label, cfg.userIdProperty(),
                        "userIdProperty");
    }

    /**
     * Vectors kept on nodes, served through their vector index: the query as {@link #forUser(Node, ForUserConfig,
     * ServingModel, Candidates)} would make it (the user's property, else the mean of the seed items', else of the
     * user's items'), candidates from the index, and then the same ranking over a model of only the candidates, the
     * user's and the seed items; the fetch grows (x4) until k survive the exclusions and the filter, or every item was
     * fetched. Without such a query (popularity fallback, errors) it reads every item, as the exact path does.
     */
    private Served forUserFromIndex(Object user, ForUserConfig cfg) {
        String procedure = ForUserConfig.PROCEDURE;
        RecommendSupport.Common c = cfg.common();
        PropertyModel p = c.properties();
        Node node = resolveUser(user, cfg, p.userLabel());
        List<String> types = cfg.excludeTypes() == null ? List.of() : cfg.excludeTypes(); // a property model's: all
        List<Node> base = new ArrayList<>();
        if (node != null) {
            base.addAll(p.neighbours(node, types));
        }
        if (cfg.seedItems() != null) {
            base.addAll(cfg.seedItems());
        }
        if (c.candidates().items() != null) { // the allowed items are the only candidates: no index needed
            base.addAll(c.candidates().items());
            ServingModel model = p.of(procedure, base.iterator());
            return forUser(node, cfg, model != null ? model : p.read(procedure, tx), c.candidates().exact());
        }
        ServingModel known = p.of(procedure, base.iterator());
        float[] query = null;
        if (node != null && node.hasProperty(p.embeddingProperty())) {
            query = NodeVectors.vector(procedure, node, p.embeddingProperty());
        } else if (known != null && cfg.seedItems() != null && !cfg.seedItems().isEmpty()) {
            query = known.queryFromItems(RecommendSupport.itemRows(procedure, known, cfg.seedItems(), "seedItems"));
        } else if (known != null && node != null) {
            int[] rows = UserItems.interactedItems(known, node, types).keySet().stream().mapToInt(Integer::intValue).toArray();
            query = rows.length == 0 ? null : known.queryFromItems(rows);
        }
        if (query == null) {
            return forUser(node, cfg, p.read(procedure, tx), c.candidates().exact());
        }
        long total = UserItems.labelCount(tx, p.itemLabel());
        for (long fetch = (long) (c.candidates().pool() + base.size()) * c.candidates().overFetch(); ; fetch *= 4) {
            int n = (int) Math.min(fetch, total);
            List<Node> nodes = new ArrayList<>(base);
            nodes.addAll(PropertyModel.fromIndex(tx, c.candidates().indexName(), query, n));
            Served served = forUser(node, cfg, p.of(procedure, nodes.iterator()), c.candidates().exact());
            if (served.ranked().size() >= c.candidates().k() || n >= total) {
                return served;
            }
        }
    }

    /** forUser over one model, ranked by {@code candidates}. */
    private Served forUser(Node node, ForUserConfig cfg, ServingModel model, Candidates candidates) {
        String procedure = ForUserConfig.PROCEDURE;
        RecommendSupport.Common c = cfg.common();
        List<Node> seedItems = cfg.seedItems();
        String profileProperty = cfg.profileProperty();
        List<String> types = cfg.excludeTypes() == null ? model.relationshipTypes() : cfg.excludeTypes();
        String source = c.properties() == null ? "model '" + model.name() + "'"
                : "property '" + c.properties().embeddingProperty() + "'";
        Map<Integer, Relationship> interacted = node == null ? Map.of() : UserItems.interactedItems(model, node, types);
        Set<Integer> excluded = new HashSet<>(interacted.keySet());
        int[] seeds = seedItems == null ? new int[0] : RecommendSupport.itemRows(procedure, model, seedItems, "seedItems");
        for (int s : seeds) {
            excluded.add(s);
        }

        int row = node == null ? -1 : model.userRow(node);
        float[] query = null;
        String basis;
        float[] recent = cfg.recency() == null || node == null || seeds.length > 0 ? null
                : recentQuery(model, node, types, cfg.recency());
        if (recent != null) {
            query = row >= 0 && !model.itemItem() ? Decay.query(model.userVector(row), recent) : recent;
            basis = "recency";
        } else if (row >= 0) {
            query = model.userVector(row);
            basis = "model";
        } else if (c.properties() != null && node != null && node.hasProperty(c.properties().embeddingProperty())) {
            query = NodeVectors.vector(procedure, node, c.properties().embeddingProperty());
            if (query.length != model.width()) {
                throw new IllegalArgumentException(procedure + ": property '" + c.properties().embeddingProperty() + "' of user "
                        + NodeVectors.describe(node) + " has " + query.length + " values, the items' have " + model.width());
            }
            basis = "property";
        } else if (seeds.length > 0) {
            query = model.queryFromItems(seeds);
            basis = "seedItems";
        } else if (!interacted.isEmpty()) {
            query = model.queryFromItems(interacted.keySet().stream().mapToInt(Integer::intValue).toArray());
            basis = "interactions";
        } else if (profileProperty != null && node.hasProperty(profileProperty)) {
            if (c.properties() != null) {
                throw new IllegalArgumentException(procedure + ": 'profileProperty' needs a model with text ('modelName'), "
                        + "not vectors kept on nodes ('embeddingProperty')");
            }
            query = TextSpace.fromText(procedure, c.gcn(runtime, procedure, db.databaseName()),
                    NodeVectors.vector(procedure, node, profileProperty));
            basis = "profile";
        } else if (cfg.fallback().equals(ForUserConfig.POPULARITY)) {
            basis = "popularity";
        } else {
            throw new IllegalArgumentException(procedure + ": user " + NodeVectors.describe(node) + " has no embedding "
                    + "in " + source + ", no " + (types.isEmpty() ? "" : types + " ") + "interaction with its items, and "
                    + (profileProperty == null ? "no profileProperty was given" : "no property '" + profileProperty + "'")
                    + "; pass seedItems or profileProperty, fold the user in with rec.gcn.foldIn, or set fallback: 'popularity'");
        }
        Ranker.Scorer scorer;
        boolean blended = false;
        if (query == null) {
            float[] popularity = UserItems.popularity(tx, model, model.relationshipTypes());
            scorer = r -> popularity[r];
        } else if (model.hybrid() != null && (basis.equals("model") || basis.equals("interactions"))) {
            // a hybrid: the GCN part's dot products and the EASE part's scores of the user's items, standardised, mixed
            float[] scores = model.hybridScores(query, interacted.keySet().stream().mapToInt(Integer::intValue).toArray());
            scorer = r -> scores[r];
            basis = "hybrid";
            blended = true;
        } else {
            scorer = model.scorer(query, false);
        }
        // an item-item model (or a blend) has no vector index: ranked exactly
        List<Ranker.Ranked> ranked = candidates.rank(tx, model, scorer, model.itemItem() || blended ? null : query,
                excluded);
        // the explanation draws on the user's items, or on the seed items (no relationship to show) of a visitor
        Map<Integer, Relationship> reasons = new java.util.LinkedHashMap<>(interacted);
        if (reasons.isEmpty()) {
            for (int s : seeds) {
                reasons.put(s, null);
            }
        }
        // the calibration was fitted on the scores of a user's own query: a GCN user's vector, an EASE user's items
        boolean calibrated = model.itemItem() ? basis.equals("interactions") : basis.equals("model");
        return new Served(model, ranked, basis, node, reasons, query, types, calibrated);
    }

    /**
     * The recency-weighted query ({@link ServingModel#queryFromItems(int[], float[])}, weights by {@link Decay}) of a
     * user's items up to the context time; null when there are none.
     */
    private static float[] recentQuery(ServingModel model, Node node, List<String> types, Recency recency) {
        Map<Integer, Long> times = UserItems.interactionTimes(ForUserConfig.PROCEDURE, model, node, types,
                recency.timeProperty());
        times.values().removeIf(t -> t > recency.atMillis());
        if (times.isEmpty()) {
            return null;
        }
        int[] rows = times.keySet().stream().mapToInt(Integer::intValue).toArray();
        double[] seconds = times.values().stream().mapToDouble(t -> t / 1000.0).toArray();
        return model.queryFromItems(rows, Decay.weights(seconds, recency.atMillis() / 1000.0, recency.halfLifeDays()));
    }
}
