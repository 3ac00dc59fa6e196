package rec4j.model;

import rec4j.config.ModelNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import rec4j.embed.TextEncoder;
import rec4j.sentiment.DefaultSentiment;
import rec4j.sentiment.SentimentClassifier;

/**
 * The sentiment classifiers of this DBMS: the built-in {@value #DEFAULT} model (fitted once per text model on first use)
 * and trained ones, per database and name, persisted under
 * {@code server.rec4j.model_directory}/sentiment/&lt;database&gt;/&lt;name&gt;.rec4j-sentiment (atomic write, checksum
 * verified on load) and loaded from disk the first time they are asked for.
 */
public final class SentimentCatalog {

    public static final String DEFAULT = "default";

    /**
     * A trained classifier and what it was trained with.
     *
     * @param textModel   the text model whose vectors it classifies, as given to {@code TextModels.get}
     * @param classCounts training examples per class, in the classifier's class order
     * @param trainInfo   flat facts of the training run: numbers, booleans and strings
     */
    public record StoredSentiment(String name, String database, String textModel, SentimentClassifier classifier,
            Map<String, Long> classCounts, Instant trainedAt, Map<String, Object> trainInfo) {}

    static final String SUFFIX = ".rec4j-sentiment";
    private static final int MAGIC = 0x52433453; // "RC4S"
    private static final int VERSION = 1;

    private final Path root;
    private final Map<String, StoredSentiment> models = new ConcurrentHashMap<>();
    private final Map<String, SentimentClassifier> defaults = new ConcurrentHashMap<>();

    public SentimentCatalog(Path modelDirectory) {
        this.root = modelDirectory.resolve("sentiment");
    }

    /** The default classifier for the vectors of {@code encoder}, fitted on first use. */
    public SentimentClassifier defaultClassifier(TextEncoder encoder) {
        return defaults.computeIfAbsent(encoder.name(), k -> DefaultSentiment.fit(encoder));
    }

    /** Writes the model to disk, then registers it (a failed write registers nothing). */
    public void store(StoredSentiment model) {
        if (model.name().equals(DEFAULT)) {
            throw new IllegalArgumentException("'modelName' '" + DEFAULT + "' is the built-in sentiment model; choose another name");
        }
        Path file = ModelNames.file("rec.sentiment.train", root.resolve(model.database()), model.name(), SUFFIX);
        try {
            ModelFiles.writeAtomically(file.getParent(), file.getFileName().toString(), encode(model));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write sentiment model '" + model.name() + "': " + e.getClass().getSimpleName(), e);
        }
        models.put(key(model.database(), model.name()), model);
    }

    public Optional<StoredSentiment> get(String database, String name) {
        StoredSentiment loaded = models.get(key(database, name));
        if (loaded != null) {
            return Optional.of(loaded);
        }
        Path file = ModelNames.file("rec.sentiment", root.resolve(database), name, SUFFIX);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(models.computeIfAbsent(key(database, name), k -> load(file)));
    }

    /** The stored model, or an error naming the models there are. */
    public StoredSentiment require(String procedure, String database, String name) {
        return get(database, name).orElseThrow(() -> new IllegalArgumentException(procedure + ": no sentiment model named '"
                + name + "' in database '" + database + "'; models: " + names(database)));
    }

    /** 'default' and the names of the database's trained models, in memory or on disk, without loading any. */
    public List<String> names(String database) {
        TreeSet<String> names = new TreeSet<>();
        models.values().stream().filter(m -> m.database().equals(database)).forEach(m -> names.add(m.name()));
        Path directory = root.resolve(database);
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(SUFFIX))
                        .map(f -> f.substring(0, f.length() - SUFFIX.length())).filter(ModelNames::isValid)
                        .forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the sentiment models of database '" + database + "'", e);
            }
        }
        List<String> out = new ArrayList<>();
        out.add(DEFAULT);
        out.addAll(names);
        return out;
    }

    private static byte[] encode(StoredSentiment model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ModelFiles.writeHeader(out, MAGIC, VERSION, model.name(), model.database());
            out.writeUTF(model.textModel());
            out.writeLong(model.trainedAt().toEpochMilli());
            SentimentClassifier c = model.classifier();
            out.writeInt(c.classes().size());
            for (String name : c.classes()) {
                out.writeUTF(name);
                out.writeLong(model.classCounts().getOrDefault(name, 0L));
            }
            out.writeInt(c.dimension());
            out.writeDouble(c.neutralMargin());
            ModelFiles.writeFloats(out, c.weights());
            ModelFiles.writeFloats(out, c.bias());
            out.writeInt(model.trainInfo().size());
            for (Map.Entry<String, Object> e : model.trainInfo().entrySet()) {
                out.writeUTF(e.getKey());
                Object v = e.getValue();
                if (v == null) {
                    out.writeByte('0');
                } else if (v instanceof Long || v instanceof Integer) {
                    out.writeByte('L');
                    out.writeLong(((Number) v).longValue());
                } else if (v instanceof Double d) {
                    out.writeByte('D');
                    out.writeDouble(d);
                } else if (v instanceof Boolean b) {
                    out.writeByte('B');
                    out.writeBoolean(b);
                } else if (v instanceof String s) {
                    out.writeByte('S');
                    out.writeUTF(s);
                } else {
                    throw new IllegalStateException("trainInfo '" + e.getKey() + "' has an unsupported type " + v.getClass());
                }
            }
        }
        return bytes.toByteArray();
    }

    private static StoredSentiment load(Path file) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(ModelFiles.readVerified(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalStateException("Model file " + file.getFileName() + " is not a rec4j sentiment model of format version "
                        + VERSION);
            }
            String name = in.readUTF(), database = in.readUTF(), textModel = in.readUTF();
            Instant trainedAt = Instant.ofEpochMilli(in.readLong());
            List<String> classes = new ArrayList<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int k = in.readInt(); k > 0; k--) {
                String c = in.readUTF();
                classes.add(c);
                counts.put(c, in.readLong());
            }
            int dimension = in.readInt();
            double margin = in.readDouble();
            SentimentClassifier classifier = new SentimentClassifier(classes, dimension, ModelFiles.readFloats(in),
                    ModelFiles.readFloats(in), margin);
            Map<String, Object> info = new LinkedHashMap<>();
            for (int k = in.readInt(); k > 0; k--) {
                String key = in.readUTF();
                byte tag = in.readByte();
                info.put(key, switch (tag) {
                    case '0' -> null;
                    case 'L' -> in.readLong();
                    case 'D' -> in.readDouble();
                    case 'B' -> in.readBoolean();
                    case 'S' -> in.readUTF();
                    default -> throw new IllegalStateException("Model file " + file.getFileName() + " has an unknown value tag " + tag);
                });
            }
            return new StoredSentiment(name, database, textModel, classifier, counts, trainedAt, info);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sentiment model file " + file.getFileName(), e);
        }
    }

    private static String key(String database, String name) {
        return database + "\u0000" + name;
    }
}
