package rec4j.proc;

import rec4j.gcn.MemoryGuard;
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
import rec4j.gcn.GdsInteractions;

/** {@code rec.gcn.stats}: trains like rec.gcn.train and registers nothing. */
public class GcnStatsProc {

    @Context
    public rec4j.Rec4jRuntime runtime;

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "rec.gcn.stats", mode = Mode.READ)
    @Description("Trains the GCN like rec.gcn.train (with validation and refit: true, both runs) and returns the same "
            + "statistics, but registers no model.")
    public Stream<GcnSupport.TrainResult> stats(
            @Name(value = "graphName", description = Docs.GRAPH_NAME) String graphName,
            @Name(value = "config", description = "rec.gcn.train's configuration (sudo: false; true runs "
                    + "although the memory estimate exceeds the free heap); modelName is not used.") Map<String, Object> config) {
        GcnTrainConfig c = GcnTrainConfig.parse("rec.gcn.stats", config, false);
        GdsGraph input = GcnSupport.graph(c, db, tx, graphName);
        MemoryGuard.check(c.procedure(), GcnEstimates.train(c, input, tx).estimate(), c.sudo(), GcnTrainConfig.MEMORY_KEYS);
        GdsInteractions.Loaded loaded = GcnSupport.read(c, input);
        return Stream.of(new GcnSupport.TrainResult(null, loaded, support().fit(c, loaded, GcnStart.initial(runtime, db.databaseName(), c))));
    }

    private GcnSupport support() {
        return new GcnSupport(db, tx, log, guard);
    }
}
