package rec4j.proc;

import java.time.Instant;
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
import rec4j.Rec4jRuntime;
import rec4j.ease.EaseFit;
import rec4j.gcn.GdsInteractions;
import rec4j.model.EaseModel;
import rec4j.recommend.NodeIdentity;

/** {@code rec.ease.train}: fits EASE on a GDS graph and registers it. */
public class EaseTrainProc {

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

    @Procedure(name = EaseTrainConfig.TRAIN, mode = Mode.WRITE)
    @Description(EaseTrainConfig.DESCRIPTION)
    public Stream<EaseSupport.TrainResult> train(
            @Name(value = "graphName", description = Docs.GRAPH_NAME) String graphName,
            @Name(value = "config", description = EaseTrainConfig.DOC) Map<String, Object> config) {
        EaseTrainConfig c = EaseTrainConfig.parse(EaseTrainConfig.TRAIN, config);
        EaseSupport support = new EaseSupport(db, tx, log, guard);
        EaseSupport.Input input = support.resolve(c, graphName);
        EaseSupport.checkMemory(c, input);
        GdsInteractions.Loaded loaded = support.read(c, input);
        EaseFit.Outcome o = support.fit(c, loaded);
        // each item row remembers its node's key (see NodeIdentity): a node reusing a deleted item's id is never served
        NodeIdentity identity = NodeIdentity.of(tx, c.labels().get(0), c.labels().get(1), new long[0],
                loaded.itemNodeIds(), guard::check);
        runtime.models().storeEase(c.procedure(), new EaseModel(c.modelName(), db.databaseName(), o.model(),
                loaded.itemNodeIds(), identity, graphName, c.labels().get(0), c.labels().get(1),
                input.graph().relationshipTypes(), Instant.now(), EaseSupport.training(o, loaded)));
        return Stream.of(new EaseSupport.TrainResult(c.modelName(), loaded, o));
    }
}
