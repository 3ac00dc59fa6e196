package rec4j.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import org.neo4j.procedure.UserFunction;
import rec4j.Rec4jRuntime;
import rec4j.config.ConfigMap;
import rec4j.embed.BatchWriter;
import rec4j.embed.EntityTextEmbedder;
import rec4j.embed.ProfileBuilder;
import rec4j.embed.TextEncoder;

/** {@code rec.embed.*}: text of nodes and relationships to vectors with a BERT-family model, in the database. */
public class EmbedProcedures {

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

    // ---------------------------------------------------------------- text

    @UserFunction("rec.embed.text")
    @Description("The unit-length embedding of a text with the configured text model (default all-MiniLM-L6-v2, 384 "
            + "dimensions). Text beyond the model's token limit (server.rec4j.max_tokens, default 256) is truncated.")
    public List<Double> text(
            @Name(value = "text", description = "The text to embed: a non-empty string.") Object text,
            @Name(value = "config", defaultValue = "{}", description = "{model: 'all-MiniLM-L6-v2' (default), a model "
                    + "directory under server.rec4j.model_directory, or a DJL URL when downloads are allowed}")
                    Map<String, Object> config) {
        ConfigMap map = new ConfigMap("rec.embed.text", config);
        TextEncoder encoder = runtime.textModels().get(map.string("model", null));
        map.rejectUnknown();
        float[] vector = encoder.embed(List.of(Entities.requireText("rec.embed.text", "text", text)), 1, 1, () -> false)[0];
        return Cypher.toList(vector);
    }

    @Procedure(name = "rec.embed.texts", mode = Mode.READ)
    @Description("Embeds a list of texts in batches sorted by length; one row per text, in the input order.")
    public Stream<TextEmbedding> texts(
            @Name(value = "texts", description = "The texts to embed: a list of non-empty strings.") List<Object> texts,
            @Name(value = "config", defaultValue = "{}", description = "{model, batchSize: 8 (texts per inference batch), concurrency: min(4, cores) (inference threads)}")
                    Map<String, Object> config) {
        ConfigMap map = new ConfigMap("rec.embed.texts", config);
        String model = map.string("model", null);
        int batchSize = map.intInRange("batchSize", 8, 1, 10_000);
        int concurrency = map.concurrency();
        map.rejectUnknown();
        if (texts == null) {
            throw new IllegalArgumentException("rec.embed.texts: 'texts' must be a list of non-empty strings, got null");
        }
        List<String> checked = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            checked.add(Entities.requireText("rec.embed.texts", "texts[" + i + "]", texts.get(i)));
        }
        TextEncoder encoder = runtime.textModels().get(model);
        float[][] vectors = encoder.embed(checked, batchSize, concurrency, () -> Entities.terminated(guard));
        return IntStream.range(0, vectors.length).mapToObj(i -> new TextEmbedding(i, checked.get(i), Cypher.toList(vectors[i])));
    }

    public static final class TextEmbedding {
        @Description("The position of the text in the input list, from 0.")
        public final long index;

        @Description("The text.")
        public final String text;

        @Description("Its unit-length embedding.")
        public final List<Double> embedding;

        TextEmbedding(long index, String text, List<Double> embedding) {
            this.index = index;
            this.text = text;
            this.embedding = embedding;
        }
    }

    // ---------------------------------------------------------------- nodes

    @Procedure(name = "rec.embed.nodes", mode = Mode.SCHEMA) // SCHEMA: it may create a vector index
    @Description("Embeds the text properties of nodes with the configured text model and writes the vector (a float "
            + "list) to a property, in batched transactions that run with the caller's rights. Nodes with no text are "
            + "skipped and counted, never given a zero vector. On an error or a terminated transaction only whole "
            + "batches are committed; rerun with skipExisting: true to complete the rest.")
    public Stream<EmbedResult> nodes(
            @Name(value = "config", description = "{nodeLabels: ['Item'] (required), textProperties: ['title', "
                    + "'description'] (required; joined by newlines), writeProperty: 'textEmbedding', batchSize: 64 "
                    + "(nodes per transaction), concurrency: min(4, cores) (inference threads), skipExisting: false, "
                    + "coerceNonStrings: false, model: 'all-MiniLM-L6-v2', vectorIndex: false (create a cosine "
                    + "vector index per label)}") Map<String, Object> config) {
        ConfigMap map = new ConfigMap("rec.embed.nodes", config);
        List<String> labels = map.requiredStringList("nodeLabels");
        EntityTextEmbedder.Job job = job(map, "rec.embed.nodes", "node");
        boolean vectorIndex = map.bool("vectorIndex", false);
        map.rejectUnknown();
        Entities.requireKnown("rec.embed.nodes", "nodeLabels", "label", labels, Entities.labelsInUse(tx));
        Entities.requireKnownProperties(tx, "rec.embed.nodes", "textProperties", job.textProperties());

        long[] ids = Entities.nodeIds(tx, labels);
        EntityTextEmbedder.Progress progress = new EntityTextEmbedder.Progress();
        BatchWriter writer = new BatchWriter(db, tx);
        run(job, progress, () -> EntityTextEmbedder.run(job, ids,
                tx::getNodeById, (wtx, id) -> wtx.getNodeById(id), writer, () -> Entities.terminated(guard), log, progress));
        String index = null;
        if (vectorIndex && progress.embedded > 0) {
            index = createVectorIndexes(writer, labels, job.writeProperty(), job.encoder().dimension());
        }
        return Stream.of(new EmbedResult(progress, job.encoder(), index));
    }

    private String createVectorIndexes(BatchWriter writer, List<String> labels, String property, int dimension) {
        List<String> names = new ArrayList<>();
        for (String label : labels) {
            String name = ("rec4j_" + label + "_" + property).replaceAll("[^A-Za-z0-9_]", "_");
            writer.commit(itx -> itx.execute("CREATE VECTOR INDEX " + Cypher.quote(name) + " IF NOT EXISTS FOR (n:" + Cypher.quote(label)
                    + ") ON (n." + Cypher.quote(property) + ") OPTIONS {indexConfig: {`vector.dimensions`: $dimension, "
                    + "`vector.similarity_function`: 'cosine'}}", Map.of("dimension", dimension)).close());
            names.add(name);
        }
        return String.join(",", names);
    }

    public static final class EmbedResult {
        @Description("Nodes (or relationships) whose embedding was written and committed.")
        public final long embedded;

        @Description("Nodes (or relationships) skipped because all their text properties are missing or blank.")
        public final long skippedNoText;

        @Description("Nodes (or relationships) skipped because skipExisting is true and they already have the write property.")
        public final long skippedExisting;

        @Description("Write transactions committed.")
        public final long committedBatches;

        @Description("The dimension of the written vectors.")
        public final long dimension;

        @Description("The text model used.")
        public final String model;

        @Description("Milliseconds spent tokenizing and running the model.")
        public final long computeMillis;

        @Description("Milliseconds spent writing and committing.")
        public final long writeMillis;

        @Description("The vector index(es) created or found (comma-separated names), or null when none was asked for.")
        public final String vectorIndex;

        EmbedResult(EntityTextEmbedder.Progress p, TextEncoder encoder, String vectorIndex) {
            this.embedded = p.embedded;
            this.skippedNoText = p.skippedNoText;
            this.skippedExisting = p.skippedExisting;
            this.committedBatches = p.committedBatches;
            this.dimension = encoder.dimension();
            this.model = encoder.name();
            this.computeMillis = p.computeMillis;
            this.writeMillis = p.writeMillis;
            this.vectorIndex = vectorIndex;
        }
    }

    // ---------------------------------------------------------------- relationships

    @Procedure(name = "rec.embed.relationships", mode = Mode.WRITE)
    @Description("Embeds text properties of relationships (e.g. the review text on RATED) and writes the vector to a "
            + "relationship property, in batched transactions with the caller's rights; same rules as rec.embed.nodes.")
    public Stream<EmbedResult> relationships(
            @Name(value = "config", description = "{relationshipTypes: ['RATED'] (required), textProperties: ['review'] "
                    + "(required), writeProperty: 'textEmbedding', batchSize: 64, concurrency: min(4, cores), skipExisting: false, "
                    + "coerceNonStrings: false, model: 'all-MiniLM-L6-v2'}") Map<String, Object> config) {
        ConfigMap map = new ConfigMap("rec.embed.relationships", config);
        List<String> types = map.requiredStringList("relationshipTypes");
        EntityTextEmbedder.Job job = job(map, "rec.embed.relationships", "relationship");
        map.rejectUnknown();
        Entities.requireKnown("rec.embed.relationships", "relationshipTypes", "relationship type", types,
                Entities.typesInUse(tx));
        Entities.requireKnownProperties(tx, "rec.embed.relationships", "textProperties", job.textProperties());

        long[] ids = Entities.relationshipIds(tx, types);
        EntityTextEmbedder.Progress progress = new EntityTextEmbedder.Progress();
        BatchWriter writer = new BatchWriter(db, tx);
        run(job, progress, () -> EntityTextEmbedder.run(job, ids,
                tx::getRelationshipById, (wtx, id) -> wtx.getRelationshipById(id), writer, () -> Entities.terminated(guard), log, progress));
        return Stream.of(new EmbedResult(progress, job.encoder(), null));
    }

    // ---------------------------------------------------------------- profiles

    @Procedure(name = "rec.embed.profiles", mode = Mode.WRITE)
    @Description("Writes each user's text profile: the weighted mean of the embeddings of the items the user interacted "
            + "with (weight from a relationship property, e.g. the rating), scaled to unit length. Users without any "
            + "embedded item are skipped and counted. The basis of cold-start and context features.")
    public Stream<ProfileResult> profiles(
            @Name(value = "config", description = "{nodeLabels: ['User'] (required), relationshipTypes: ['RATED'] "
                    + "(required), embeddingProperty: 'textEmbedding' (on the items), writeProperty: 'textProfile', "
                    + "weightProperty: null (weight 1), minWeight: null (e.g. 4: only ratings >= 4), direction: "
                    + "'OUTGOING' | 'INCOMING' | 'BOTH', batchSize: 1000}") Map<String, Object> config) {
        ConfigMap map = new ConfigMap("rec.embed.profiles", config);
        List<String> labels = map.requiredStringList("nodeLabels");
        List<String> types = map.requiredStringList("relationshipTypes");
        String embeddingProperty = map.string("embeddingProperty", "textEmbedding");
        String writeProperty = map.string("writeProperty", "textProfile");
        String weightProperty = map.string("weightProperty", null);
        Double minWeight = map.number("minWeight", null);
        Direction direction = Direction.valueOf(map.oneOf("direction", "OUTGOING", List.of("OUTGOING", "INCOMING", "BOTH")));
        int batchSize = map.intInRange("batchSize", 1000, 1, 1_000_000);
        map.rejectUnknown();
        Entities.requireKnown("rec.embed.profiles", "nodeLabels", "label", labels, Entities.labelsInUse(tx));
        Entities.requireKnown("rec.embed.profiles", "relationshipTypes", "relationship type", types,
                Entities.typesInUse(tx));
        Entities.requireKnownProperties(tx, "rec.embed.profiles", "embeddingProperty", List.of(embeddingProperty));
        if (weightProperty != null) {
            Entities.requireKnownProperties(tx, "rec.embed.profiles", "weightProperty", List.of(weightProperty));
        }

        long[] ids = Entities.nodeIds(tx, labels);
        RelationshipType[] relTypes = types.stream().map(RelationshipType::withName).toArray(RelationshipType[]::new);
        ProfileBuilder.Job job = new ProfileBuilder.Job(embeddingProperty, writeProperty, weightProperty, minWeight,
                direction, relTypes, batchSize);
        ProfileBuilder.Progress progress = new ProfileBuilder.Progress();
        BatchWriter writer = new BatchWriter(db, tx);
        try {
            ProfileBuilder.run(job, ids, tx::getNodeById, writer,
                    () -> Entities.terminated(guard), progress);
        } catch (RuntimeException e) {
            // no skipExisting here: a rerun recomputes every profile
            throw Entities.stopped(log, guard, "rec.embed.profiles", "users", progress.written, writer.committedBatches(), e,
                    false);
        }
        log.info("rec.embed.profiles: %d profiles written, %d users skipped", progress.written, progress.skipped);
        return Stream.of(new ProfileResult(progress, writer.committedBatches()));
    }

    public static final class ProfileResult {
        @Description("Users whose profile was written and committed.")
        public final long profilesWritten;

        @Description("Users skipped because none of their items (after minWeight) has an embedding.")
        public final long usersSkipped;

        @Description("Write transactions committed.")
        public final long committedBatches;

        @Description("The dimension of the written profiles (0 when none was written).")
        public final long dimension;

        ProfileResult(ProfileBuilder.Progress p, long batches) {
            this.profilesWritten = p.written;
            this.usersSkipped = p.skipped;
            this.committedBatches = batches;
            this.dimension = p.dimension;
        }
    }

    // ---------------------------------------------------------------- shared

    private EntityTextEmbedder.Job job(ConfigMap map, String procedure, String kind) {
        List<String> textProperties = map.requiredStringList("textProperties");
        String writeProperty = map.string("writeProperty", "textEmbedding");
        int batchSize = map.intInRange("batchSize", 64, 1, 1_000_000);
        int concurrency = map.concurrency();
        boolean skipExisting = map.bool("skipExisting", false);
        boolean coerce = map.bool("coerceNonStrings", false);
        String model = map.string("model", null);
        if (textProperties.contains(writeProperty)) {
            throw new IllegalArgumentException(procedure + ": 'writeProperty' '" + writeProperty
                    + "' is also one of the textProperties " + textProperties);
        }
        return new EntityTextEmbedder.Job(procedure, kind, textProperties, writeProperty, skipExisting, coerce, batchSize,
                concurrency, runtime.textModels().get(model));
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
}
