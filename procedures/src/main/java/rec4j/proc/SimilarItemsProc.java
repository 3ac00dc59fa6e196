package rec4j.proc;

import java.util.ArrayList;
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
import rec4j.recommend.Candidates;
import rec4j.recommend.NodeVectors;
import rec4j.recommend.PropertyModel;
import rec4j.recommend.ServingModel;
import rec4j.recommend.UserItems;
import rec4j.serving.Ranker;
import rec4j.serving.Vectors;

/** {@code rec.recommend.similarItems}: the items most like an item, from a trained model or vectors kept on nodes. */
public class SimilarItemsProc {

    @Context
    public Rec4jRuntime runtime;

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Procedure(name = SimilarItemsConfig.PROCEDURE, mode = Mode.READ)
    @Description(SimilarItemsConfig.DESCRIPTION)
    public Stream<Recommendation> similarItems(
            @Name(value = "item", description = "An item node, or the value of its itemIdProperty.") Object item,
            @Name(value = "config", description = SimilarItemsConfig.DOC) Map<String, Object> config) {
        String procedure = SimilarItemsConfig.PROCEDURE;
        SimilarItemsConfig cfg = SimilarItemsConfig.parse(config);
        RecommendSupport.Common c = cfg.common();
        if (c.propertyIndex(tx, procedure)) {
            // vectors kept on nodes, through their vector index: the item's own vector is the query, the candidates
            // come from the index (by dot product) and are re-scored by the similarity asked for
            PropertyModel p = c.properties();
            Node node = RecommendSupport.resolveNode(procedure, tx, item, "item", p.itemLabel(), cfg.itemIdProperty(),
                    "itemIdProperty");
            ServingModel own = p.of(procedure, List.of(node).iterator());
            if (own == null) {
                throw new IllegalArgumentException(procedure + ": 'item' is " + NodeVectors.describe(node) + ", which has "
                        + "no property '" + p.embeddingProperty() + "' (or is not a :" + p.itemLabel() + ")");
            }
            List<Node> allowed = c.candidates().items();
            long total = UserItems.labelCount(tx, p.itemLabel());
            for (long fetch = (long) (c.candidates().pool() + 1) * c.candidates().overFetch(); ; fetch *= 4) {
                int n = (int) Math.min(fetch, total);
                List<Node> nodes = new ArrayList<>(List.of(node));
                nodes.addAll(allowed != null ? allowed : PropertyModel.fromIndex(tx, c.candidates().indexName(),
                        own.itemVector(0), n));
                ServingModel model = p.of(procedure, nodes.iterator());
                List<Ranker.Ranked> ranked = similar(node, cfg, model, c.candidates().exact());
                if (allowed != null || ranked.size() >= c.candidates().k() || n >= total) {
                    return Recommendation.rows(tx, model, ranked, "item", null, null);
                }
            }
        }
        ServingModel model = c.serving(runtime, tx, procedure, db.databaseName());
        Node node = RecommendSupport.resolveNode(procedure, tx, item, "item", model.itemLabel(), cfg.itemIdProperty(),
                "itemIdProperty");
        return Recommendation.rows(tx, model, similar(node, cfg, model, c.candidates()), "item", null, null);
    }

    /** similarItems over one model (exactly: the query is an item, not a user). */
    private List<Ranker.Ranked> similar(Node node, SimilarItemsConfig cfg, ServingModel model, Candidates candidates) {
        int row = RecommendSupport.itemRows(SimilarItemsConfig.PROCEDURE, model, List.of(node), "item")[0];
        float[] query = model.queryForItem(row);
        if (cfg.cosine() && !model.itemItem()) {
            query = Vectors.unit(query);
        }
        return candidates.rank(tx, model, model.scorer(query, cfg.cosine()), null, Set.of(row));
    }
}
