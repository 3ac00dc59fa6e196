package rec4j.proc;

import rec4j.config.Cypher;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import rec4j.model.StoredModel;
import rec4j.Rec4jRuntime;

/** {@code rec.gcn.stream}: a model's final embeddings as rows. */
public class GcnStreamProc {

    @Context
    public Rec4jRuntime runtime;

    @Context
    public GraphDatabaseService db;

    @Context
    public org.neo4j.graphdb.Transaction tx;

    @Procedure(name = "rec.gcn.stream", mode = Mode.READ)
    @Description("The final embedding of every user and item of a trained GCN model.")
    public Stream<NodeEmbedding> stream(
            @Name(value = "modelName", description = Docs.MODEL_NAME) String modelName) {
        StoredModel stored = runtime.models().require("rec.gcn.stream", db.databaseName(), modelName);
        // rows whose node was deleted, or whose id another node took over, are left out
        return IntStream.range(0, stored.rows())
                .filter(r -> stored.node(tx, r) != null)
                .mapToObj(r -> new NodeEmbedding(stored.nodeId(r), Cypher.toList(stored.embedding(r))));
    }

    public record NodeEmbedding(
            @Description("The Neo4j id of the user or item node.")
            long nodeId,
            @Description("Its final embedding; user-item scores are dot products.")
            List<Double> embedding) {}
}
