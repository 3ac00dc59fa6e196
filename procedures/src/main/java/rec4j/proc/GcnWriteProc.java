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
import rec4j.model.StoredModel;
import rec4j.Rec4jRuntime;

/** {@code rec.gcn.write}: a model's final embeddings as node properties. */
public class GcnWriteProc {

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

    @Procedure(name = "rec.gcn.write", mode = Mode.WRITE)
    @Description("Writes the final embedding of every user and item of a trained GCN model to a node property (a float "
            + "list), in batched transactions with the caller's rights.")
    public Stream<WriteResult> write(
            @Name(value = "modelName", description = Docs.MODEL_NAME) String modelName,
            @Name(value = "config", defaultValue = "{}", description = GcnWriteConfig.DOC) Map<String, Object> config) {
        GcnWriteConfig cfg = GcnWriteConfig.parse("rec.gcn.write", config);
        String property = cfg.writeProperty();
        int batchSize = cfg.batchSize();
        StoredModel stored = runtime.models().require("rec.gcn.write", db.databaseName(), modelName);
        // the model is resident now: what remains to fit is the write transactions
        MemoryGuard.check("rec.gcn.write", rec4j.gcn.GcnMemoryEstimate.write(stored.rows(), stored.model().width(),
                stored.model().parameters().embeddingDimension(), batchSize, true), cfg.sudo(), "batchSize");
        long start = System.nanoTime();
        rec4j.embed.BatchWriter writer = new rec4j.embed.BatchWriter(db, tx);
        int rows = stored.rows();
        long[] written = {0, 0};
        for (int from = 0; from < rows; from += batchSize) {
            guard.check();
            int first = from, last = Math.min(rows, from + batchSize);
            writer.commit(wtx -> {
                for (int r = first; r < last; r++) {
                    // a deleted node, or one that took over a deleted node's id, is skipped and counted
                    org.neo4j.graphdb.Node node = stored.node(wtx, r);
                    if (node == null) {
                        written[1]++;
                    } else {
                        node.setProperty(property, stored.embedding(r));
                        written[0]++;
                    }
                }
            });
        }
        log.info("rec.gcn.write %s: %d node properties written, %d nodes no longer exist", modelName, written[0], written[1]);
        return Stream.of(new WriteResult(written[0], written[1], writer.committedBatches(), (System.nanoTime() - start) / 1_000_000));
    }

    @Procedure(name = "rec.gcn.write.estimate", mode = Mode.READ)
    @Description("Estimates the heap that rec.gcn.write needs for a model and configuration, without writing.")
    public Stream<MemoryEstimateResult> writeEstimate(
            @Name(value = "modelName", description = Docs.MODEL_NAME) String modelName,
            @Name(value = "config", defaultValue = "{}", description = "rec.gcn.write's configuration.") Map<String, Object> config) {
        int batchSize = GcnWriteConfig.parse("rec.gcn.write.estimate", config).batchSize();
        boolean inMemory = runtime.models().isLoaded(db.databaseName(), modelName);
        StoredModel stored = runtime.models().require("rec.gcn.write.estimate", db.databaseName(), modelName);
        rec4j.gcn.GcnMemoryEstimate.Estimate e = rec4j.gcn.GcnMemoryEstimate.write(stored.rows(), stored.model().width(),
                stored.model().parameters().embeddingDimension(), batchSize, inMemory);
        return Stream.of(new MemoryEstimateResult(e, stored.rows(), 0));
    }

    public record WriteResult(
            @Description("Nodes whose embedding was written.")
            long nodePropertiesWritten,
            @Description("Rows of the model whose node no longer exists (deleted since training, or its id taken over by another node).")
            long nodesMissing,
            @Description(Docs.COMMITTED_BATCHES)
            long committedBatches,
            @Description("Milliseconds spent writing.")
            long writeMillis) {}
}
