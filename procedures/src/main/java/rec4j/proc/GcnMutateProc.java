package rec4j.proc;

import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.gds.api.GraphStore;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import rec4j.model.StoredModel;
import rec4j.Rec4jRuntime;

/** {@code rec.gcn.mutate}: a model's final embeddings into a GDS graph. */
public class GcnMutateProc {

    @Context
    public Rec4jRuntime runtime;

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public org.neo4j.procedure.TerminationGuard guard;

    @Procedure(name = "rec.gcn.mutate", mode = Mode.READ)
    @Description("Adds the final embeddings of a trained GCN model to a GDS graph as a node property of its user and item "
            + "nodes, for other GDS algorithms (e.g. KNN) to use.")
    public Stream<MutateResult> mutate(
            @Name(value = "modelName", description = Docs.MODEL_NAME) String modelName,
            @Name(value = "config", description = GcnMutateConfig.DOC) Map<String, Object> config) {
        StoredModel stored = runtime.models().require(GcnMutateConfig.PROCEDURE, db.databaseName(), modelName);
        GcnMutateConfig cfg = GcnMutateConfig.parse(config, stored.graphName());
        String graphName = cfg.graphName();
        String property = cfg.mutateProperty();
        GraphStore store = GdsGraph.store("rec.gcn.mutate", db, tx, graphName);
        if (store.hasNodeProperty(property)) {
            throw new IllegalArgumentException("rec.gcn.mutate: graph '" + graphName + "' already has a node property '"
                    + property + "'");
        }
        long start = System.nanoTime();
        rec4j.recommend.ServingModel serving = runtime.models().serving(stored);
        var nodes = store.nodes();
        int width = stored.model().width();
        long count = store.nodeCount();
        int[] rows = new int[(int) count];
        long matched = 0;
        for (long n = 0; n < count; n++) {
            org.neo4j.graphdb.Node node;
            try {
                node = tx.getNodeById(nodes.toOriginalNodeId(n));
            } catch (org.neo4j.graphdb.NotFoundException deleted) {
                rows[(int) n] = -1;
                continue;
            }
            rows[(int) n] = serving.row(node); // -1 for a node that took over a deleted node's id
            matched += rows[(int) n] < 0 ? 0 : 1;
            if ((n & 4095) == 0) {
                guard.check();
            }
        }
        org.neo4j.gds.api.properties.nodes.FloatArrayNodePropertyValues values =
                new org.neo4j.gds.api.properties.nodes.FloatArrayNodePropertyValues() {
                    @Override
                    public float[] floatArrayValue(long node) {
                        int r = rows[(int) node];
                        return r < 0 ? null : stored.embedding(r);
                    }

                    @Override
                    public long nodeCount() {
                        return count;
                    }

                    @Override
                    public java.util.Optional<Integer> dimension() {
                        return java.util.Optional.of(width);
                    }
                };
        store.addNodeProperty(java.util.Set.of(org.neo4j.gds.NodeLabel.of(stored.userLabel()),
                org.neo4j.gds.NodeLabel.of(stored.itemLabel())), property, values);
        return Stream.of(new MutateResult(graphName, property, matched, (System.nanoTime() - start) / 1_000_000));
    }

    public record MutateResult(
            @Description("The GDS graph that got the property.")
            String graphName,
            @Description("The node property added.")
            String mutateProperty,
            @Description("Nodes of the graph that got an embedding.")
            long nodePropertiesWritten,
            @Description("Milliseconds spent.")
            long mutateMillis) {}
}
