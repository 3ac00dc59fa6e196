package rec4j.proc;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
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
import rec4j.recommend.NodeVectors;
import rec4j.recommend.ServingModel;
import rec4j.recommend.UserItems;
import rec4j.serving.Ranker;
import rec4j.serving.Vectors;

/** {@code rec.recommend.forText}: items for a free-text context, through the model's text tower or text projection. */
public class ForTextProc {

    @Context
    public Rec4jRuntime runtime;

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

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
        return Recommendation.rows(tx, model, ranked, node == null ? "text" : "text+user", null, null);
    }
}
