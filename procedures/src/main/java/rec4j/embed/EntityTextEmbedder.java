package rec4j.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;

/**
 * Embeds a text made of properties of nodes or relationships and writes the vector to a property, in windows:
 * read a window of entities, embed its texts (sorted by length), write it in transactions of
 * {@code batchSize}. Whatever stops it (an error, a terminated transaction) leaves only whole committed
 * batches, and {@link Progress} says how many entities they hold.
 */
public final class EntityTextEmbedder {

    /** What to embed and how. {@code kind} is "node" or "relationship", for messages. */
    public record Job(String procedure, String kind, List<String> textProperties, String writeProperty,
            boolean skipExisting, boolean coerceNonStrings, int batchSize, int concurrency, TextEncoder encoder) {}

    /** Counts so far; complete when {@link #run} returns. */
    public static final class Progress {
        public long embedded;
        public long skippedNoText;
        public long skippedExisting;
        public long committedBatches;
        public long computeMillis;
        public long writeMillis;
    }

    private static final int INFERENCE_BATCH = 8; // fastest on 2 cores with one ONNX thread per inference: see EncoderTuning
    private static final int MIN_WINDOW = 256;

    private EntityTextEmbedder() {}

    /**
     * @param ids      the entities, by id, found in the caller's transaction
     * @param reader   id → entity in the caller's transaction (reads)
     * @param writerLookup (write transaction, id) → entity in that transaction
     * @param stop     true when the caller's transaction is terminated
     */
    public static Progress run(Job job, long[] ids, Function<Long, Entity> reader,
            java.util.function.BiFunction<Transaction, Long, Entity> writerLookup, BatchWriter writer,
            BooleanSupplier stop, Log log, Progress progress) {
        return run(job, ids, reader, writerLookup, (entity, vector) -> entity.setProperty(job.writeProperty(), vector),
                writer, stop, log, progress);
    }

    /**
     * Like {@link #run(Job, long[], Function, java.util.function.BiFunction, BatchWriter, BooleanSupplier, Log, Progress)},
     * but {@code output} writes what it wants of each entity's vector (in the write transaction); {@code job.writeProperty}
     * is still the property that {@code skipExisting} looks at.
     */
    public static Progress run(Job job, long[] ids, Function<Long, Entity> reader,
            java.util.function.BiFunction<Transaction, Long, Entity> writerLookup,
            java.util.function.BiConsumer<Entity, float[]> output, BatchWriter writer,
            BooleanSupplier stop, Log log, Progress progress) {
        // a whole number of write batches, at least MIN_WINDOW texts to sort by length
        int window = job.batchSize() * Math.max(16, (MIN_WINDOW + job.batchSize() - 1) / job.batchSize());
        long lastLog = System.nanoTime();
        for (int start = 0; start < ids.length; start += window) {
            if (stop.getAsBoolean()) {
                throw new TextEncoder.EmbeddingCancelledException();
            }
            int end = Math.min(ids.length, start + window);
            List<Long> todo = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int i = start; i < end; i++) {
                Entity entity;
                try {
                    entity = reader.apply(ids[i]);
                } catch (NotFoundException deletedMeanwhile) {
                    continue;
                }
                if (job.skipExisting() && entity.hasProperty(job.writeProperty())) {
                    progress.skippedExisting++;
                    continue;
                }
                String text = text(job, entity);
                if (text == null) {
                    progress.skippedNoText++;
                    continue;
                }
                todo.add(ids[i]);
                texts.add(text);
            }
            long t0 = System.nanoTime();
            float[][] vectors = job.encoder().embed(texts, Math.min(INFERENCE_BATCH, job.batchSize()), job.concurrency(), stop);
            long t1 = System.nanoTime();
            progress.computeMillis += (t1 - t0) / 1_000_000;
            for (int from = 0; from < todo.size(); from += job.batchSize()) {
                if (stop.getAsBoolean()) {
                    throw new TextEncoder.EmbeddingCancelledException();
                }
                int first = from;
                int last = Math.min(todo.size(), from + job.batchSize());
                writer.commit(tx -> {
                    for (int k = first; k < last; k++) {
                        try {
                            output.accept(writerLookup.apply(tx, todo.get(k)), vectors[k]);
                        } catch (NotFoundException deletedMeanwhile) {
                            // nothing to write
                        }
                    }
                });
                progress.embedded += last - first;
                progress.committedBatches = writer.committedBatches();
            }
            progress.writeMillis += (System.nanoTime() - t1) / 1_000_000;
            if (System.nanoTime() - lastLog > 10_000_000_000L || end == ids.length) {
                log.info("%s: %d of %d %ss done, %d embedded in %d committed batches", job.procedure(), end, ids.length,
                        job.kind(), progress.embedded, progress.committedBatches);
                lastLog = System.nanoTime();
            }
        }
        return progress;
    }

    /** The entity's text properties joined by a newline; null when all are missing or blank. */
    public static String text(Job job, Entity entity) {
        List<String> parts = new ArrayList<>(job.textProperties().size());
        for (String key : job.textProperties()) {
            Object value = entity.getProperty(key, null);
            if (value == null) {
                continue;
            }
            String part;
            if (value instanceof String s) {
                part = s;
            } else if (job.coerceNonStrings()) {
                part = coerce(value);
            } else {
                throw new IllegalArgumentException(job.procedure() + ": property '" + key + "' of " + job.kind() + " "
                        + entity.getElementId() + " is " + typeName(value) + ", not a string; pass coerceNonStrings: true "
                        + "to embed its text form");
            }
            parts.add(part);
        }
        return EntityTexts.join(parts);
    }

    private static String coerce(Object value) {
        if (value instanceof String[] strings) {
            return String.join(", ", strings);
        }
        if (value.getClass().isArray()) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(java.lang.reflect.Array.get(value, i));
            }
            return out.toString();
        }
        return String.valueOf(value);
    }

    /**
     * The Cypher type of a value, for messages and logs: never the value itself, which may be personal data (a message
     * names the element by its id instead).
     */
    public static String typeName(Object value) {
        if (value.getClass().isArray()) {
            Class<?> component = value.getClass().getComponentType();
            return component == String.class ? "a list of strings" : component == boolean.class ? "a list of booleans"
                    : component == float.class || component == double.class ? "a list of floats"
                    : component.isPrimitive() ? "a list of integers" : "a list";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return "an integer";
        }
        if (value instanceof Double || value instanceof Float) {
            return "a float";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof java.util.List<?>) {
            return "a list";
        }
        if (value instanceof java.util.Map<?, ?>) {
            return "a map";
        }
        if (value instanceof org.neo4j.graphdb.Node) {
            return "a node";
        }
        if (value instanceof org.neo4j.graphdb.Relationship) {
            return "a relationship";
        }
        if (value instanceof org.neo4j.graphdb.Path) {
            return "a path";
        }
        if (value instanceof java.time.temporal.TemporalAccessor || value instanceof java.time.temporal.TemporalAmount) {
            return "a temporal value";
        }
        if (value instanceof org.neo4j.graphdb.spatial.Point) {
            return "a point";
        }
        return "a value of another type";
    }
}
