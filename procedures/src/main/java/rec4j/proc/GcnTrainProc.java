package rec4j.proc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.GdsInteractions;
import rec4j.model.ModelCatalog;

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

    @Procedure(name = "rec.gcn.train", mode = Mode.READ)
    @Description("Trains the GCN recommender (symmetric-normalised, edge-weighted propagation; BPR; Adam) on a GDS "
            + "graph of users and items, optionally fusing node text vectors with learned ID embeddings, and registers "
            + "it in rec4j's model catalog. Early stopping on a validation split of the training interactions.")
    public Stream<GcnSupport.TrainResult> train(
            @Name(value = "graphName", description = "The name of a GDS graph holding users, items and their interactions.")
                    String graphName,
            @Name(value = "config", description = "{modelName (required), nodeLabels: ['User', 'Item'] (users, then items), "
                    + "relationshipTypes (default all), relationshipWeightProperty, featureProperties: [], fusion: 'none' | "
                    + "'sum' | 'concat' | 'attention', embeddingDimension: 64, layers: 3, epochs: 200, batchSize: 2048, "
                    + "learningRate: 0.001, l2: 1e-4, negativeSamples: 1, idDropout: 0.0, validationFraction: 0.1, "
                    + "evaluateEvery: 10, patience: 5, randomSeed: 42, concurrency: min(4, cores), missingFeatures: 'error' | 'zero', "
                    + "sudo: false (true: run although the memory estimate exceeds the free heap)}")
                    Map<String, Object> config) {
        GcnSupport.TrainConfig c = GcnSupport.TrainConfig.parse("rec.gcn.train", config, true);
        GcnSupport.Input input = support().resolve(c, graphName);
        MemoryGuard.check(c.procedure(), GcnSupport.estimate(c, input).estimate(), c.sudo(), GcnSupport.TRAIN_MEMORY_KEYS);
        GdsInteractions.Loaded loaded = GcnSupport.read(c, input);
        List<Map<String, Object>> epochs = new ArrayList<>();
        GcnTrainer.Result result = support().fit(c, loaded, epochs);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("bestEpoch", (long) result.bestEpoch());
        info.put("validationRecall", result.bestValidationRecall() < 0 ? null : result.bestValidationRecall());
        info.put("didConverge", result.didConverge());
        info.put("trainMillis", result.trainMillis());
        runtime.models().store(new ModelCatalog.StoredModel(c.modelName(), db.databaseName(), result.model(),
                loaded.userNodeIds(), loaded.itemNodeIds(), graphName, c.labels().get(0), c.labels().get(1),
                input.relationshipTypes(), c.weightProperty(), c.featureProperties(), Instant.now(), info));
        return Stream.of(new GcnSupport.TrainResult(c.modelName(), loaded, result, epochs));
    }

    private GcnSupport support() {
        return new GcnSupport(db, tx, log, guard);
    }
}
