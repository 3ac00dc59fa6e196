package rec4j.proc;

import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/** {@code rec.gcn.train.estimate}: the heap rec.gcn.train needs. */
public class GcnTrainEstimateProc {

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Procedure(name = "rec.gcn.train.estimate", mode = Mode.READ)
    @Description("Estimates the heap that rec.gcn.train needs on a GDS graph with a configuration, without training.")
    public Stream<MemoryEstimateResult> trainEstimate(
            @Name(value = "graphName", description = Docs.GRAPH_NAME) String graphName,
            @Name(value = "config", description = "rec.gcn.train's configuration.") Map<String, Object> config) {
        GcnTrainConfig c = GcnTrainConfig.parse("rec.gcn.train.estimate", config, false);
        GdsGraph input = GcnSupport.graph(c, db, tx, graphName);
        GcnEstimates.TrainEstimate e = GcnEstimates.train(c, input, tx);
        return Stream.of(new MemoryEstimateResult(e.estimate(), e.nodes(), input.graph().relationshipCount()));
    }
}
