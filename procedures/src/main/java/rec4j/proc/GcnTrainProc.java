package rec4j.proc;

import rec4j.gcn.MemoryGuard;
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
import rec4j.model.StoredModel;
import rec4j.Rec4jRuntime;
import rec4j.gcn.GcnFit;
import rec4j.gcn.GdsInteractions;
import rec4j.recommend.NodeIdentity;

/** {@code rec.gcn.train}: trains a GCN model on a GDS graph and registers it. */
public class GcnTrainProc {

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

    @Procedure(name = "rec.gcn.train", mode = Mode.WRITE)
    @Description("Trains the GCN recommender (symmetric-normalised, edge-weighted propagation; BPR; Adam) on a GDS "
            + "graph of users and items, optionally fusing node text vectors with learned ID embeddings, and registers "
            + "it in rec4j's model catalog. With a validationFraction, early stopping on a validation split of the "
            + "interactions picks the epoch count; then (refit: true) it trains again on all interactions for that many "
            + "epochs.")
    public Stream<GcnSupport.TrainResult> train(
            @Name(value = "graphName", description = Docs.GRAPH_NAME) String graphName,
            @Name(value = "config", description = GcnTrainConfig.DOC) Map<String, Object> config) {
        GcnTrainConfig c = GcnTrainConfig.parse("rec.gcn.train", config, true);
        GdsGraph input = GcnSupport.graph(c, db, tx, graphName);
        MemoryGuard.check(c.procedure(), GcnEstimates.train(c, input, tx).estimate(), c.sudo(), GcnTrainConfig.MEMORY_KEYS);
        GdsInteractions.Loaded loaded = GcnSupport.read(c, input);
        GcnFit.Outcome outcome = support().fit(c, loaded, GcnStart.initial(runtime, db.databaseName(), c));
        GcnSupport.TrainResult row = new GcnSupport.TrainResult(c.modelName(), loaded, outcome);
        // each row remembers its node's key (see NodeIdentity), so that a node reusing a deleted node's id is never served
        NodeIdentity identity = NodeIdentity.of(tx, c.labels().get(0), c.labels().get(1), loaded.userNodeIds(),
                loaded.itemNodeIds(), guard::check);
        GcnSupport.Towered towered = support().textTower(c, loaded, outcome.model().model());
        StoredModel model = towered.attach(StoredModel.builder(c.modelName(), db.databaseName(), towered.model())
                .nodes(loaded.userNodeIds(), loaded.itemNodeIds(), identity)
                .graph(graphName, c.labels().get(0), c.labels().get(1), input.relationshipTypes(), c.weightProperty(),
                        c.featureProperties())
                .trained(Instant.now(), row.training(outcome))
                .build(), c.featureProperties());
        runtime.models().store(model);
        return Stream.of(row);
    }

    private GcnSupport support() {
        return new GcnSupport(db, tx, log, guard);
    }
}
