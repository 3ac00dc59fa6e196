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
import rec4j.gcn.GdsInteractions;

/** {@code rec.ease.stats} and {@code rec.ease.train.estimate}: rec.ease.train's fit without registering, and its memory. */
public class EaseStatsProc {

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = EaseTrainConfig.STATS, mode = Mode.READ)
    @Description("Fits EASE as rec.ease.train does (the lambda picked, its validation recalls, the time) without "
            + "registering a model.")
    public Stream<EaseSupport.TrainResult> stats(
            @Name(value = "graphName", description = Docs.GRAPH_NAME) String graphName,
            @Name(value = "config", description = "rec.ease.train's configuration; modelName is not used.") Map<String, Object> config) {
        EaseTrainConfig c = EaseTrainConfig.parse(EaseTrainConfig.STATS, config);
        EaseSupport support = new EaseSupport(db, tx, log, guard);
        EaseSupport.Input input = support.resolve(c, graphName);
        EaseSupport.checkMemory(c, input);
        GdsInteractions.Loaded loaded = support.read(c, input);
        return Stream.of(new EaseSupport.TrainResult(null, loaded, support.fit(c, loaded)));
    }

    @Procedure(name = EaseTrainConfig.ESTIMATE, mode = Mode.READ)
    @Description("Estimates the memory rec.ease.train needs on a GDS graph, without fitting: on the heap items^2 floats "
            + "(the model) plus the interaction lists; off the heap (mapView.offHeapGram, not in bytesMax) the items^2 "
            + "floats factored and inverted in place.")
    public Stream<MemoryEstimateResult> trainEstimate(
            @Name(value = "graphName", description = Docs.GRAPH_NAME) String graphName,
            @Name(value = "config", description = "rec.ease.train's configuration.") Map<String, Object> config) {
        EaseTrainConfig c = EaseTrainConfig.parse(EaseTrainConfig.ESTIMATE, config);
        EaseSupport.Input input = new EaseSupport(db, tx, log, guard).resolve(c, graphName);
        return Stream.of(new MemoryEstimateResult(EaseSupport.estimate(c, input), input.sizes().users() + input.sizes().items(),
                input.graph().graph().relationshipCount()));
    }
}
