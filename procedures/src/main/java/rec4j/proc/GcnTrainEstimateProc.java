package rec4j.proc;

import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code rec.gcn.train.estimate}: the heap rec.gcn.train needs. */
public class GcnTrainEstimateProc {

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "rec.gcn.train.estimate", mode = Mode.READ)
    @Description("Estimates the heap that rec.gcn.train needs on a GDS graph with a configuration, without training.")
    public Stream<GcnSupport.MemoryEstimate> trainEstimate(
            @Name(value = "graphName", description = "The name of a GDS graph holding users, items and their interactions.")
                    String graphName,
            @Name(value = "config", description = "rec.gcn.train's configuration.") Map<String, Object> config) {
        GcnSupport.TrainConfig c = GcnSupport.TrainConfig.parse("rec.gcn.train.estimate", config, false);
        GcnSupport.Input input = support().resolve(c, graphName);
        org.neo4j.gds.NodeLabel users = org.neo4j.gds.NodeLabel.of(c.labels().get(0));
        org.neo4j.gds.NodeLabel items = org.neo4j.gds.NodeLabel.of(c.labels().get(1));
        long nodes = 0;
        for (long n = 0; n < input.graph().nodeCount(); n++) {
            if (input.graph().hasLabel(n, users) || input.graph().hasLabel(n, items)) {
                nodes++;
            }
        }
        int featureDimension = 0;
        for (String key : c.featureProperties()) {
            if (input.graph().availableNodeProperties().contains(key)) {
                featureDimension += input.graph().nodeProperties(key).dimension().orElse(0);
            }
        }
        rec4j.gcn.GcnMemoryEstimate.Estimate e = rec4j.gcn.GcnMemoryEstimate.train(nodes, input.graph().relationshipCount(),
                featureDimension, c.parameters(), c.validationFraction() > 0);
        return Stream.of(new GcnSupport.MemoryEstimate(e, nodes, input.graph().relationshipCount()));
    }

    private GcnSupport support() {
        return new GcnSupport(db, tx, log, guard);
    }
}
