package rec4j.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import rec4j.gcn.GcnModel;

/**
 * The trained models of this DBMS, per database and name: kept in memory and persisted under
 * {@code server.rec4j.model_directory}/gcn/&lt;database&gt;/&lt;name&gt;.rec4j (atomic write, checksum verified on load).
 * After a restart a model is loaded from disk the first time it is asked for.
 */
public final class ModelCatalog {

    /**
     * A trained GCN and what it was trained on; row r of the embeddings belongs to node userNodeIds[r] /
     * itemNodeIds[r - users]. relationshipTypes are the Neo4j relationship types of the interactions it learned from
     * (the GDS graph's types; a fold-in or a recommendation reads them from the database).
     */
    public record StoredModel(String name, String database, GcnModel model, long[] userNodeIds, long[] itemNodeIds,
            String graphName, String userLabel, String itemLabel, List<String> relationshipTypes,
            String relationshipWeightProperty, List<String> featureProperties, Instant trainedAt,
            Map<String, Object> trainInfo, rec4j.gcn.TextTower.Weights textTower, List<String> textTowerProperties) {

        /** A model without a text tower. */
        public StoredModel(String name, String database, GcnModel model, long[] userNodeIds, long[] itemNodeIds,
                String graphName, String userLabel, String itemLabel, List<String> relationshipTypes,
                String relationshipWeightProperty, List<String> featureProperties, Instant trainedAt,
                Map<String, Object> trainInfo) {
            this(name, database, model, userNodeIds, itemNodeIds, graphName, userLabel, itemLabel, relationshipTypes,
                    relationshipWeightProperty, featureProperties, trainedAt, trainInfo, null, List.of());
        }

        /** This model with other embeddings and rows (a fold-in), everything else kept. */
        public StoredModel withRows(GcnModel grown, long[] users, long[] items) {
            return new StoredModel(name, database, grown, users, items, graphName, userLabel, itemLabel, relationshipTypes,
                    relationshipWeightProperty, featureProperties, trainedAt, trainInfo, textTower, textTowerProperties);
        }

        /** This model with a text tower fitted on the items' {@code properties}. */
        public StoredModel withTextTower(rec4j.gcn.TextTower.Weights tower, List<String> properties) {
            return new StoredModel(name, database, model, userNodeIds, itemNodeIds, graphName, userLabel, itemLabel,
                    relationshipTypes, relationshipWeightProperty, featureProperties, trainedAt, trainInfo, tower,
                    List.copyOf(properties));
        }

        /** Rows of the embedding matrix: users, then items. */
        public int rows() {
            return model.users() + model.items();
        }

        /** The Neo4j node id of an embedding row. */
        public long nodeId(int row) {
            return row < model.users() ? userNodeIds[row] : itemNodeIds[row - model.users()];
        }

        /** A copy of the final embedding of a row. */
        public float[] embedding(int row) {
            int width = model.width();
            return java.util.Arrays.copyOfRange(model.embeddings(), row * width, (row + 1) * width);
        }
    }

    static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path root;
    private final Map<String, StoredModel> models = new ConcurrentHashMap<>();
    private final Map<String, rec4j.recommend.ServingModel> serving = new ConcurrentHashMap<>();

    public ModelCatalog(Path modelDirectory) {
        this.root = modelDirectory.resolve("gcn");
    }

    /** Model names become file names: letters, digits, '.', '_' and '-', starting with a letter or digit. */
    public static String requireValidName(String procedure, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(procedure + ": 'modelName' must be 1-128 letters, digits, '.', '_' or '-' "
                    + "starting with a letter or digit, got '" + name + "'");
        }
        return name;
    }

    /** Writes the model to disk, then registers it (a failed write registers nothing). */
    public void store(StoredModel model) {
        try {
            ModelFiles.write(directory(model.database()), model);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write model " + model.name() + " to " + directory(model.database()), e);
        }
        models.put(key(model.database(), model.name()), model);
        serving.remove(key(model.database(), model.name()));
    }

    /** The serving form of a model (item matrix, id lookups), built once and kept until the model is replaced or dropped. */
    public rec4j.recommend.ServingModel serving(StoredModel model) {
        String key = key(model.database(), model.name());
        rec4j.recommend.ServingModel held = serving.get(key);
        if (held != null && held.stored() == model) {
            return held;
        }
        rec4j.recommend.ServingModel built = rec4j.recommend.ServingModel.of(model);
        serving.put(key, built);
        return built;
    }

    public Optional<StoredModel> get(String database, String name) {
        StoredModel loaded = models.get(key(database, name));
        if (loaded != null || !NAME.matcher(name).matches()) {
            return Optional.ofNullable(loaded);
        }
        Path file = directory(database).resolve(name + ModelFiles.SUFFIX);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(models.computeIfAbsent(key(database, name), k -> load(file)));
    }

    /** Whether the model is held in memory now (not only on disk). */
    public boolean isLoaded(String database, String name) {
        return models.containsKey(key(database, name));
    }

    public StoredModel require(String database, String name) {
        return get(database, name).orElseThrow(() -> new IllegalArgumentException("no model named '" + name
                + "' in database '" + database + "'; models: " + names(database)));
    }

    /** The names of the database's models, in memory or on disk, without loading any. */
    public List<String> names(String database) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        models.values().stream().filter(m -> m.database().equals(database)).forEach(m -> names.add(m.name()));
        Path directory = directory(database);
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.map(f -> f.getFileName().toString())
                        .filter(f -> f.endsWith(ModelFiles.SUFFIX))
                        .forEach(f -> names.add(f.substring(0, f.length() - ModelFiles.SUFFIX.length())));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list models in " + directory, e);
            }
        }
        return List.copyOf(names);
    }

    /** Every model of the database that can be loaded (a damaged file fails when the model is asked for by name). */
    public List<StoredModel> list(String database) {
        List<StoredModel> out = new java.util.ArrayList<>();
        for (String name : names(database)) {
            try {
                get(database, name).ifPresent(out::add);
            } catch (IllegalStateException damaged) {
                // reported by rec.gcn.stream / rec.model.drop for that name
            }
        }
        return out;
    }

    /** Removes the model from memory and disk, damaged or not; empty when there was no such model. */
    public Optional<StoredModel> drop(String database, String name) {
        Path file = directory(database).resolve(name + ModelFiles.SUFFIX);
        Optional<StoredModel> model;
        try {
            model = get(database, name);
        } catch (IllegalStateException damaged) {
            model = Optional.empty();
        }
        boolean existed;
        try {
            existed = Files.deleteIfExists(file) | models.remove(key(database, name)) != null;
            serving.remove(key(database, name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete model " + name, e);
        }
        if (!existed) {
            throw new IllegalArgumentException("no model named '" + name + "' in database '" + database + "'; models: "
                    + names(database));
        }
        return model;
    }

    private Path directory(String database) {
        return root.resolve(database);
    }

    private static StoredModel load(Path file) {
        try {
            return ModelFiles.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read model file " + file, e);
        }
    }

    private static String key(String database, String name) {
        return database + "\u0000" + name;
    }
}
