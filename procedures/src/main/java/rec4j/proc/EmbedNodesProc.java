package rec4j.proc;

import rec4j.config.Cypher;
import java.util.ArrayList;
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
import rec4j.embed.BatchWriter;
import rec4j.embed.EmbedConfig;
import rec4j.embed.EntityTextEmbedder;
import rec4j.embed.TextEncoder;

/** {@code rec.embed.nodes} and {@code rec.embed.relationships}: text properties to vector properties, in the database. */
public class EmbedNodesProc {

    static final String NODES = "rec.embed.nodes";
    static final String RELATIONSHIPS = "rec.embed.relationships";

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

    @Procedure(name = NODES, mode = Mode.SCHEMA) // SCHEMA: it may create a vector index
    @Description("Embeds the text properties of nodes with the configured text model and writes the vector (a float "
            + "list) to a property, in batched transactions that run with the caller's rights. Nodes with no text are "
            + "skipped and counted, never given a zero vector. On an error or a terminated transaction only whole "
            + "batches are committed; rerun with skipExisting: true to complete the rest.")
    public Stream<EmbedResult> nodes(
            @Name(value = "config", description = "{nodeLabels: ['Item'] (required), textProperties: ['title', "
                    + "'description'] (required; joined by newlines), " + EmbedConfig.ENTITY_TEXT_DOC + ", vectorIndex: "
                    + EmbedConfig.VECTOR_INDEX + " (create a cosine vector index per label)}") Map<String, Object> config) {
        EmbedConfig.Nodes c = EmbedConfig.Nodes.of(NODES, config);
        EntityTextEmbedder.Job job = c.text().job("node", encoder(c.text()));
        Entities.requireKnown(NODES, "nodeLabels", "label", c.nodeLabels(), Entities.labelsInUse(tx));
        Entities.requireKnownProperties(tx, NODES, "textProperties", job.textProperties());

        long[] ids = Entities.nodeIds(tx, c.nodeLabels());
        EntityTextEmbedder.Progress progress = new EntityTextEmbedder.Progress();
        BatchWriter writer = new BatchWriter(db, tx);
        run(job, progress, () -> EntityTextEmbedder.run(job, ids,
                tx::getNodeById, (wtx, id) -> wtx.getNodeById(id), writer, () -> Entities.terminated(guard), log, progress));
        String index = null;
        if (c.vectorIndex() && progress.embedded > 0) {
            index = createVectorIndexes(writer, c.nodeLabels(), job.writeProperty(), job.encoder().dimension());
        }
        return Stream.of(new EmbedResult(progress, job.encoder(), index));
    }

    @Procedure(name = RELATIONSHIPS, mode = Mode.WRITE)
    @Description("Embeds text properties of relationships (e.g. the review text on RATED) and writes the vector to a "
            + "relationship property, in batched transactions with the caller's rights; same rules as rec.embed.nodes.")
    public Stream<EmbedResult> relationships(
            @Name(value = "config", description = "{relationshipTypes: ['RATED'] (required), textProperties: ['review'] "
                    + "(required), " + EmbedConfig.ENTITY_TEXT_DOC + "}") Map<String, Object> config) {
        EmbedConfig.Relationships c = EmbedConfig.Relationships.of(RELATIONSHIPS, config);
        EntityTextEmbedder.Job job = c.text().job("relationship", encoder(c.text()));
        Entities.requireKnown(RELATIONSHIPS, "relationshipTypes", "relationship type", c.relationshipTypes(),
                Entities.typesInUse(tx));
        Entities.requireKnownProperties(tx, RELATIONSHIPS, "textProperties", job.textProperties());

        long[] ids = Entities.relationshipIds(tx, c.relationshipTypes());
        EntityTextEmbedder.Progress progress = new EntityTextEmbedder.Progress();
        BatchWriter writer = new BatchWriter(db, tx);
        run(job, progress, () -> EntityTextEmbedder.run(job, ids, tx::getRelationshipById,
                (wtx, id) -> wtx.getRelationshipById(id), writer, () -> Entities.terminated(guard), log, progress));
        return Stream.of(new EmbedResult(progress, job.encoder(), null));
    }

    private TextEncoder encoder(EmbedConfig.EntityText text) {
        return runtime.textModels().get(EmbedConfig.TEXT_MODEL, text.textModel());
    }

    private void run(EntityTextEmbedder.Job job, EntityTextEmbedder.Progress progress, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            throw Entities.stopped(log, guard, job.procedure(), job.kind() + "s", progress.embedded, progress.committedBatches, e);
        }
        log.info("%s: %d %ss embedded, %d without text, %d already embedded, compute %d ms, write %d ms", job.procedure(),
                progress.embedded, job.kind(), progress.skippedNoText, progress.skippedExisting, progress.computeMillis,
                progress.writeMillis);
    }

    private String createVectorIndexes(BatchWriter writer, List<String> labels, String property, int dimension) {
        List<String> names = new ArrayList<>();
        for (String label : labels) {
            String name = ("rec4j_" + label + "_" + property).replaceAll("[^A-Za-z0-9_]", "_");
            writer.commit(itx -> itx.execute("CREATE VECTOR INDEX " + Cypher.quote(name) + " IF NOT EXISTS FOR (n:"
                    + Cypher.quote(label) + ") ON (n." + Cypher.quote(property) + ") OPTIONS {indexConfig: "
                    + "{`vector.dimensions`: $dimension, `vector.similarity_function`: 'cosine'}}",
                    Map.of("dimension", dimension)).close());
            names.add(name);
        }
        return String.join(",", names);
    }

    public record EmbedResult(
            @Description("Nodes (or relationships) whose embedding was written and committed.")
            long embedded,
            @Description(Docs.SKIPPED_NO_TEXT)
            long skippedNoText,
            @Description(Docs.SKIPPED_EXISTING)
            long skippedExisting,
            @Description(Docs.COMMITTED_BATCHES)
            long committedBatches,
            @Description("The dimension of the written vectors.")
            long dimension,
            @Description("The text model used.")
            String model,
            @Description("Milliseconds spent tokenizing and running the model.")
            long computeMillis,
            @Description("Milliseconds spent writing and committing.")
            long writeMillis,
            @Description("The vector index(es) created or found (comma-separated names), or null when none was asked for.")
            String vectorIndex) {

        EmbedResult(EntityTextEmbedder.Progress p, TextEncoder encoder, String vectorIndex) {
            this(p.embedded, p.skippedNoText, p.skippedExisting, p.committedBatches, encoder.dimension(), encoder.name(),
                    p.computeMillis, p.writeMillis, vectorIndex);
        }
    }
}
