package rec4j.proc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import rec4j.Rec4jRuntime;
import rec4j.embed.EmbedConfig;
import rec4j.embed.TextEncoder;
import rec4j.model.StoredModel;
import rec4j.model.TextSpace;
import rec4j.recommend.Explainer;
import rec4j.recommend.NodeVectors;
import rec4j.recommend.ServingModel;
import rec4j.recommend.UserItems;
import rec4j.serving.Ranker;
import rec4j.serving.Vectors;

/** {@code rec.recommend.*}: top-k items for a user, for an item, and for a free-text context, from a trained model. */
public class RecommendProcedures {

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
        List<Node> seedItems = cfg.seedItems();
        String profileProperty = cfg.profileProperty();

        ServingModel model = c.serving(runtime, tx, procedure, db.databaseName());
        List<String> types = cfg.excludeTypes() == null ? model.relationshipTypes() : cfg.excludeTypes();
        String source = c.properties() == null ? "model '" + model.name() + "'"
                : "property '" + c.properties().embeddingProperty() + "'";
        Node node = user == null && seedItems != null ? null
                : RecommendSupport.resolveNode(procedure, tx, user, "user", model.userLabel(), cfg.userIdProperty(),
                        "userIdProperty");
        Map<Integer, Relationship> interacted = node == null ? Map.of() : UserItems.interactedItems(model, node, types);
        Set<Integer> excluded = new HashSet<>(interacted.keySet());
        int[] seeds = seedItems == null ? new int[0] : RecommendSupport.itemRows(procedure, model, seedItems, "seedItems");
        for (int s : seeds) {
            excluded.add(s);
        }

        int row = node == null ? -1 : model.userRow(node);
        float[] query = null;
        String basis;
        if (row >= 0) {
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
        if (query == null) {
            float[] popularity = UserItems.popularity(tx, model, model.relationshipTypes());
            scorer = r -> popularity[r];
        } else {
            scorer = model.scorer(query, false);
        }
        // an item-item model has no vector index: ranked exactly
        List<Ranker.Ranked> ranked = c.candidates().rank(tx, model, scorer, model.itemItem() ? null : query, excluded);
        // the explanation draws on the user's items, or on the seed items (no relationship to show) of a visitor
        Map<Integer, Relationship> reasons = new java.util.LinkedHashMap<>(interacted);
        if (reasons.isEmpty()) {
            for (int s : seeds) {
                reasons.put(s, null);
            }
        }
        return rows(model, ranked, basis, !cfg.explain() || query == null ? null
                : item -> Explainer.explain(tx, model, node, reasons, item, cfg.explainItems(), types));
    }

    @Procedure(name = SimilarItemsConfig.PROCEDURE, mode = Mode.READ)
    @Description(SimilarItemsConfig.DESCRIPTION)
    public Stream<Recommendation> similarItems(
            @Name(value = "item", description = "An item node, or the value of its itemIdProperty.") Object item,
            @Name(value = "config", description = SimilarItemsConfig.DOC) Map<String, Object> config) {
        String procedure = SimilarItemsConfig.PROCEDURE;
        SimilarItemsConfig cfg = SimilarItemsConfig.parse(config);
        RecommendSupport.Common c = cfg.common();
        ServingModel model = c.serving(runtime, tx, procedure, db.databaseName());
        Node node = RecommendSupport.resolveNode(procedure, tx, item, "item", model.itemLabel(), cfg.itemIdProperty(),
                "itemIdProperty");
        int row = RecommendSupport.itemRows(procedure, model, List.of(node), "item")[0];
        float[] query = model.queryForItem(row);
        if (cfg.cosine() && !model.itemItem()) {
            query = Vectors.unit(query);
        }
        List<Ranker.Ranked> ranked = c.candidates().rank(tx, model, model.scorer(query, cfg.cosine()), null, Set.of(row));
        return rows(model, ranked, "item", null);
    }

    @Procedure(name = ForTextConfig.PROCEDURE, mode = Mode.READ)
    @Description(ForTextConfig.DESCRIPTION)
    public Stream<Recommendation> forText(
            @Name(value = "text", description = "The context: a non-empty string.") Object text,
            @Name(value = "config", description = ForTextConfig.DOC) Map<String, Object> config) {
        String procedure = ForTextConfig.PROCEDURE;
        ForTextConfig cfg = ForTextConfig.parse(config);
        RecommendSupport.Common c = cfg.common();
        String checked = Entities.requireText(procedure, "text", text);
        StoredModel stored = c.gcn(runtime, procedure, db.databaseName()); // no embeddingProperty here
        ServingModel model = runtime.models().serving(stored);
        Node node = cfg.user() == null ? null
                : RecommendSupport.resolveNode(procedure, tx, cfg.user(), "user", stored.userLabel(), cfg.userIdProperty(),
                        "userIdProperty");
        int userRow = node == null ? -1 : model.userRow(node);
        if (node != null && userRow < 0) {
            throw new IllegalArgumentException(procedure + ": user " + NodeVectors.describe(node) + " has no embedding in "
                    + "model '" + stored.name() + "'; fold it in with rec.gcn.foldIn or leave 'user' out");
        }
        TextSpace.requireText(procedure, stored);
        TextEncoder encoder = runtime.textModels().get(EmbedConfig.TEXT_MODEL, cfg.textModel());
        float[] vector = encoder.embed(List.of(checked), 1, 1, () -> false)[0];
        float[] query = Vectors.unit(TextSpace.fromText(procedure, stored, vector));
        Set<Integer> excluded = Set.of();
        if (node != null) {
            float[] u = Vectors.unit(model.userVector(userRow));
            for (int k = 0; k < query.length; k++) {
                query[k] = (float) (cfg.alpha() * u[k] + (1 - cfg.alpha()) * query[k]);
            }
            excluded = UserItems.interactedItems(model, node, stored.relationshipTypes()).keySet();
        }
        List<Ranker.Ranked> ranked = c.candidates().rank(tx, model, Ranker.byQuery(model.space(), query, false), query,
                excluded);
        return rows(model, ranked, node == null ? "text" : "text+user", null);
    }

    /** The ranked items as result rows, ranks from 1; {@code explain} (null: none) gives each row's explanation. */
    private Stream<Recommendation> rows(ServingModel model, List<Ranker.Ranked> ranked, String basis,
            java.util.function.IntFunction<Explainer.Explanation> explain) {
        List<Recommendation> out = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            Ranker.Ranked r = ranked.get(i);
            Node item = model.itemNode(tx, r.row()); // checked while ranking; null only if deleted in this transaction
            if (item != null) {
                out.add(new Recommendation(item, r.score(), out.size() + 1, basis,
                        explain == null ? null : explain.apply(r.row())));
            }
        }
        return out.stream();
    }

    public record Recommendation(
            @Description("The recommended item node.")
            Node item,
            @Description("Its score: the dot product of the query and item embeddings (cosine for similarItems by default; "
                    + "an EASE model: the sum of B[j][i] over the user's, the seed or the given item(s) j; the item's "
                    + "interaction count for the popularity fallback).")
            double score,
            @Description("Its rank, from 1.")
            long rank,
            @Description("What the query vector came from: model, property, interactions, seedItems, profile, popularity, "
                    + "item, text or text+user.")
            String basis,
            @Description("With explain: the user's items that contribute most to this one, as {item, contribution} (the dot "
                    + "product of their embeddings; EASE: the weight B[j][i]); else null.")
            List<Map<String, Object>> reasons,
            @Description("With explain: for each reason, a path (user)-(their item)-(another user)-(this item) through "
                    + "the interactions, or (user)-(their item) when no one links the two; else null.")
            List<Path> paths) {

        Recommendation(Node item, double score, long rank, String basis, Explainer.Explanation why) {
            this(item, score, rank, basis, why == null ? null : why.reasons(), why == null ? null : why.paths());
        }
    }
}
