package rec4j.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import rec4j.Rec4jRuntime;
import rec4j.gcn.GcnModel;
import rec4j.model.StoredModel;
import rec4j.model.TextSpace;
import rec4j.recommend.ServingModel;
import rec4j.recommend.UserItems;

/**
 * {@code rec.gcn.foldIn}: users and items created after training get embeddings without retraining - from their
 * interactions with nodes the model knows (the weighted mean of those nodes' embeddings, as one propagation step
 * would give) or, with no interaction, from their text features through the model's trained text projection.
 */
public class GcnFoldInProc {

    @Context
    public Rec4jRuntime runtime;

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = GcnFoldInConfig.PROCEDURE, mode = Mode.WRITE)
    @Description(GcnFoldInConfig.DESCRIPTION)
    public Stream<FoldInResult> foldIn(
            @Name(value = "modelName", description = Docs.MODEL_NAME) String modelName,
            @Name(value = "config", defaultValue = "{}", description = GcnFoldInConfig.DOC) Map<String, Object> config) {
        String procedure = GcnFoldInConfig.PROCEDURE;
        GcnFoldInConfig cfg = GcnFoldInConfig.parse(config);
        boolean users = cfg.users(), items = cfg.items(), fromText = cfg.fromText();
        boolean fromInteractions = cfg.fromInteractions();
        long start = System.nanoTime();
        FoldInResult[] result = new FoldInResult[1];
        // under the model's lock from read to write: a concurrent train, text tower or drop waits, and a dropped
        // model is never written back
        runtime.models().update(procedure, db.databaseName(), modelName, stored -> {
            ServingModel serving = runtime.models().serving(stored);
            Side userSide = users ? side(stored, serving, stored.userLabel(), true, fromText, fromInteractions) : Side.EMPTY;
            Side itemSide = items ? side(stored, serving, stored.itemLabel(), false, fromText, fromInteractions) : Side.EMPTY;
            long viaInteractions = userSide.fromInteractions() + itemSide.fromInteractions();
            long viaText = userSide.fromText() + itemSide.fromText();
            long skipped = userSide.skipped() + itemSide.skipped();
            if (userSide.nodes().isEmpty() && itemSide.nodes().isEmpty()) {
                result[0] = new FoldInResult(modelName, 0, 0, viaInteractions, 0, skipped, stored.rows(), millis(start));
                return stored;
            }
            GcnModel grown = stored.model().withNewRows(userSide.rows(), itemSide.rows());
            StoredModel updated = stored.withRows(grown, grow(stored.userNodeIds(), userSide),
                    grow(stored.itemNodeIds(), itemSide), stored.identity().append(
                            stored.identity().fingerprintsOf(true, userSide.nodes()),
                            stored.identity().fingerprintsOf(false, itemSide.nodes())));
            log.info("%s %s: folded in %d users and %d items (%d from interactions, %d from text, %d skipped, %d rows "
                    + "retired whose node id a new node took over)", procedure, modelName, userSide.nodes().size(),
                    itemSide.nodes().size(), viaInteractions, viaText, skipped,
                    userSide.retired().size() + itemSide.retired().size());
            result[0] = new FoldInResult(modelName, userSide.nodes().size(), itemSide.nodes().size(), viaInteractions,
                    viaText, skipped, updated.rows(), millis(start));
            return updated;
        });
        return Stream.of(result[0]);
    }

    /**
     * @param nodes    new nodes, in row order
     * @param retired  rows that held the id of one of the new nodes: the model's node was deleted and the id reused
     */
    private record Side(List<Node> nodes, float[] rows, long fromInteractions, long fromText, long skipped,
            List<Integer> retired) {
        static final Side EMPTY = new Side(List.of(), new float[0], 0, 0, 0, List.of());
    }

    /** The node ids of one side after a fold-in: retired rows set to RETIRED, the new nodes appended. */
    private static long[] grow(long[] ids, Side side) {
        long[] out = java.util.Arrays.copyOf(ids, ids.length + side.nodes().size());
        for (int row : side.retired()) {
            out[row] = rec4j.recommend.NodeIdentity.RETIRED;
        }
        for (int i = 0; i < side.nodes().size(); i++) {
            out[ids.length + i] = side.nodes().get(i).getId();
        }
        return out;
    }

    /** The new nodes of one side (users or items) and their embeddings. */
    private Side side(StoredModel stored, ServingModel serving, String label, boolean userSide, boolean fromText,
            boolean fromInteractions) {
        int width = serving.width();
        List<Node> ids = new ArrayList<>();
        List<Integer> retired = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        long viaInteractions = 0, viaText = 0, skipped = 0, seen = 0;
        List<String> textProperties = TextSpace.textProperties(stored);
        boolean canUseText = fromText && !textProperties.isEmpty();
        var types = UserItems.types(stored.relationshipTypes());
        try (ResourceIterator<Node> nodes = tx.findNodes(Label.label(label))) {
            while (nodes.hasNext()) {
                Node node = nodes.next();
                if (++seen % 10_000 == 0) {
                    guard.check();
                }
                if ((userSide ? serving.userRow(node) : serving.itemRow(node)) >= 0) {
                    continue;
                }
                int stale = serving.rowHoldingId(userSide, node.getId());
                float[] sum = new float[width];
                double total = 0;
                for (Relationship r : fromInteractions ? UserItems.relationships(node, types) : List.<Relationship>of()) {
                    Node other = r.getOtherNode(node);
                    int row = userSide ? serving.itemRow(other) : serving.userRow(other);
                    if (row < 0) {
                        continue;
                    }
                    float w = weight(stored, r);
                    float[] v = userSide ? serving.itemVector(row) : serving.userVector(row);
                    for (int c = 0; c < width; c++) {
                        sum[c] += w * v[c];
                    }
                    total += w;
                }
                if (total > 0) {
                    for (int c = 0; c < width; c++) {
                        sum[c] /= total;
                    }
                    viaInteractions++;
                } else if (canUseText && textProperties.stream().allMatch(node::hasProperty)) {
                    sum = TextSpace.ofNode("rec.gcn.foldIn", stored, node);
                    viaText++;
                } else {
                    skipped++;
                    continue;
                }
                ids.add(node);
                rows.add(sum);
                if (stale >= 0) {
                    retired.add(stale);
                }
            }
        }
        float[] flat = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * width, width);
        }
        return new Side(ids, flat, viaInteractions, viaText, skipped, retired);
    }

    private static float weight(StoredModel stored, Relationship r) {
        if (stored.relationshipWeightProperty() == null) {
            return 1f;
        }
        Object value = r.getProperty(stored.relationshipWeightProperty(), null);
        return value instanceof Number n && n.doubleValue() > 0 ? n.floatValue() : 1f;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    public record FoldInResult(
            @Description("The model folded into.")
            String modelName,
            @Description("Users added to the model.")
            long newUsers,
            @Description("Items added to the model.")
            long newItems,
            @Description("Of the added nodes, those embedded from their interactions with known nodes.")
            long fromInteractions,
            @Description("Of the added nodes, those embedded from their text features alone.")
            long fromText,
            @Description("New nodes left out: no interaction with a known node and no usable text features.")
            long skipped,
            @Description("Users and items the model now has embeddings for.")
            long nodes,
            @Description("Milliseconds taken.")
            long millis) {}
}
