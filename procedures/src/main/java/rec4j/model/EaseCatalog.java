package rec4j.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import rec4j.config.ModelNames;
import rec4j.recommend.ServingModel;

/**
 * The EASE models of this DBMS, under {@code server.rec4j.model_directory}/ease/&lt;database&gt;/&lt;name&gt;.rec4j-ease,
 * held in memory once loaded, with their serving form. No locking here: {@link ModelCatalog} holds a model name's
 * lock around every change, for both kinds, so that one name is one model.
 */
final class EaseCatalog {

    private final Path root;
    private final Map<String, EaseModel> models = new ConcurrentHashMap<>();
    private final Map<String, Served> serving = new ConcurrentHashMap<>();

    private record Served(EaseModel source, ServingModel model) {}

    EaseCatalog(Path modelDirectory) {
        this.root = modelDirectory.resolve("ease");
    }

    void store(EaseModel model) {
        try {
            EaseFiles.write(directory(model.database()), model);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write model '" + model.name() + "': " + e.getClass().getSimpleName(), e);
        }
        models.put(key(model.database(), model.name()), model);
        serving.remove(key(model.database(), model.name()));
    }

    boolean exists(String database, String name) {
        return models.containsKey(key(database, name)) || Files.isRegularFile(file(database, name));
    }

    /** The model, loaded from its file on first use (the caller holds the name's lock when it may load). */
    Optional<EaseModel> get(String database, String name) {
        EaseModel held = models.get(key(database, name));
        if (held != null) {
            return Optional.of(held);
        }
        Path file = file(database, name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            EaseModel read = EaseFiles.read(file);
            models.put(key(database, name), read);
            return Optional.of(read);
        } catch (java.nio.file.NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read model '" + name + "': " + e.getClass().getSimpleName(), e);
        }
    }

    ServingModel serving(EaseModel model) {
        String key = key(model.database(), model.name());
        Served held = serving.get(key);
        if (held != null && held.source() == model) {
            return held.model();
        }
        ServingModel built = model.serving();
        if (models.get(key) == model) {
            serving.put(key, new Served(model, built)); // a dropped or replaced model is served to this caller, not cached
        }
        return built;
    }

    /** Removes the model from memory and disk; whether there was one. */
    boolean drop(String database, String name) throws IOException {
        Path file = file(database, name);
        boolean existed = Files.deleteIfExists(file) | models.remove(key(database, name)) != null;
        serving.remove(key(database, name));
        if (existed) {
            ModelStreams.syncDirectory(file.getParent());
        }
        return existed;
    }

    /** Adds the names of the database's EASE models, in memory or on disk, to {@code names}. */
    void addNames(String database, Set<String> names) {
        models.values().stream().filter(m -> m.database().equals(database)).forEach(m -> names.add(m.name()));
        ModelStreams.addNames(directory(database), EaseFiles.SUFFIX, names);
    }

    private Path directory(String database) {
        return root.resolve(ModelNames.require("rec4j", "database", database));
    }

    private Path file(String database, String name) {
        return ModelNames.file("rec4j", directory(database), name, EaseFiles.SUFFIX);
    }

    private static String key(String database, String name) {
        return database + "\u0000" + name;
    }
}
