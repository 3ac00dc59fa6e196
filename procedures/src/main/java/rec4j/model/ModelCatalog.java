package rec4j.model;

import rec4j.config.ModelNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import rec4j.recommend.ServingModel;
import rec4j.serving.ItemSpace;

/**
 * The trained models of this DBMS, per database and name: kept in memory and persisted under
 * {@code server.rec4j.model_directory}/gcn/&lt;database&gt;/&lt;name&gt;.rec4j (atomic write, checksum verified on load).
 * After a restart a model is loaded from disk the first time it is asked for.
 */
public final class ModelCatalog {

    private final Path root;
    private final Map<String, StoredModel> models = new ConcurrentHashMap<>();
    private final Map<String, Served> serving = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final EaseCatalog ease;

    public ModelCatalog(Path modelDirectory) {
        this.root = modelDirectory.resolve("gcn");
        this.ease = new EaseCatalog(modelDirectory);
    }

    /** Model names become file names: letters, digits, '.', '_' and '-', starting with a letter or digit. */
    public static String requireValidName(String procedure, String name) {
        return ModelNames.require(procedure, "modelName", name);
    }

    /**
     * Runs {@code work} holding the model's lock: train, fold-in, text tower and drop of one model are serialised, so
     * none reads a model another is replacing or dropping (a fold-in never resurrects a dropped model).
     */
    public <T> T locked(String database, String name, java.util.function.Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(key(database, name), k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Writes the model to disk (file and directory synced), then registers it; a failed write registers nothing. */
    public void store(StoredModel model) {
        String name = requireValidName("rec4j", model.name());
        locked(model.database(), name, () -> {
            storeLocked(model);
            return null;
        });
    }

    private void storeLocked(StoredModel model) {
        if (ease.exists(model.database(), model.name())) {
            throw new IllegalArgumentException("'modelName': '" + model.name() + "' is an EASE model; drop it "
                    + "(rec.model.drop) or pick another name");
        }
        try {
            ModelFiles.write(directory(model.database()), model);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write model '" + model.name() + "': " + e.getClass().getSimpleName(), e);
        }
        models.put(key(model.database(), model.name()), model);
        serving.remove(key(model.database(), model.name()));
    }

    /**
     * Replaces a model by {@code change} of its current version, holding its lock from read to write; an error naming
     * the models there are when it does not exist (any more).
     */
    public StoredModel update(String procedure, String database, String name, java.util.function.UnaryOperator<StoredModel> change) {
        requireValidName(procedure, name);
        return locked(database, name, () -> {
            StoredModel current = require(procedure, database, name);
            StoredModel updated = change.apply(current);
            if (updated != current) {
                storeLocked(updated);
            }
            return updated;
        });
    }

    /** The serving form of a model (item matrix, id lookups), built once and kept until the model is replaced or dropped. */
    public ServingModel serving(StoredModel model) {
        String key = key(model.database(), model.name());
        Served held = serving.get(key);
        if (held != null && held.stored() == model) {
            return held.model();
        }
        ServingModel built = new ServingModel(model.name(), ItemSpace.ofModelRows(model.model().width(),
                model.model().embeddings(), model.userNodeIds(), model.itemNodeIds()), model.userLabel(), model.itemLabel(),
                model.identity(), model.relationshipTypes()).withCalibration(model.training().calibration());
        StoredModel.Hybrid hybrid = model.training().hybrid();
        if (hybrid != null) {
            // a hybrid's GCN part: blended with its EASE part, which must still be in the catalog
            EaseModel part = getEase(model.database(), hybrid.easeModel()).orElseThrow(() -> new IllegalArgumentException(
                    "model '" + model.name() + "' is a hybrid whose EASE part '" + hybrid.easeModel() + "' is no longer in "
                    + "the catalog; train the hybrid again (rec.hybrid.train)"));
            built = built.withHybrid(ease.serving(part), hybrid.weight());
        }
        if (models.get(key) == model) {
            serving.put(key, new Served(model, built)); // a dropped or replaced model is served to this caller, not cached
        }
        return built;
    }

    private record Served(StoredModel stored, ServingModel model) {}

    /** Writes the EASE model to disk, then registers it; refused when the name belongs to a GCN model. */
    public void storeEase(String procedure, EaseModel model) {
        requireValidName(procedure, model.name());
        locked(model.database(), model.name(), () -> {
            if (models.containsKey(key(model.database(), model.name())) || Files.isRegularFile(file(model.database(), model.name()))) {
                throw new IllegalArgumentException(procedure + ": 'modelName': '" + model.name() + "' is a GCN model; drop "
                        + "it (rec.model.drop) or pick another name");
            }
            ease.store(model);
            return null;
        });
    }

    /** The EASE model of that name, loaded on first use; empty when there is none (or the name is a GCN model). */
    public Optional<EaseModel> getEase(String database, String name) {
        requireValidName("rec4j", name);
        return locked(database, name, () -> ease.get(database, name));
    }

    /** The serving form of the model of that name, GCN or EASE; an error naming the models when there is none. */
    public ServingModel serving(String procedure, String database, String name) {
        requireValidName(procedure, name);
        Optional<StoredModel> gcn = get(database, name);
        if (gcn.isPresent()) {
            return serving(gcn.get());
        }
        return getEase(database, name).map(ease::serving).orElseThrow(() -> new IllegalArgumentException(procedure
                + ": no model named '" + name + "' in database '" + database + "'; models: " + names(database)));
    }

    /** The EASE models of the database that can be loaded. */
    public List<EaseModel> listEase(String database) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        ease.addNames(database, names);
        List<EaseModel> out = new java.util.ArrayList<>();
        for (String name : names) {
            try {
                getEase(database, name).ifPresent(out::add);
            } catch (IllegalStateException damaged) {
                // reported when the model is asked for by name
            }
        }
        return out;
    }

    /** The model, loaded from its file on first use; empty when there is none. An invalid name is an error. */
    public Optional<StoredModel> get(String database, String name) {
        requireValidName("rec4j", name);
        StoredModel loaded = models.get(key(database, name));
        if (loaded != null) {
            return Optional.of(loaded);
        }
        Path file = file(database, name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        // loading takes the lock: a drop between the check above and the load cannot leave the model in memory
        return locked(database, name, () -> {
            StoredModel again = models.get(key(database, name));
            if (again != null) {
                return Optional.of(again);
            }
            if (!Files.isRegularFile(file)) {
                return Optional.<StoredModel>empty();
            }
            StoredModel read = load(file, name);
            models.put(key(database, name), read);
            return Optional.of(read);
        });
    }

    /** Whether the model is held in memory now (not only on disk). */
    public boolean isLoaded(String database, String name) {
        return models.containsKey(key(database, name));
    }

    public StoredModel require(String database, String name) {
        return get(database, name).orElseThrow(() -> new IllegalArgumentException("no model named '" + name
                + "' in database '" + database + "'; models: " + names(database)));
    }

    /** As {@link #require(String, String)}, the error prefixed with the procedure. */
    public StoredModel require(String procedure, String database, String name) {
        requireValidName(procedure, name);
        return get(database, name).orElseThrow(() -> new IllegalArgumentException(procedure + (ease.exists(database, name)
                ? ": model '" + name + "' is an EASE model; " + procedure + " needs a GCN model (rec.gcn.train)"
                : ": no model named '" + name + "' in database '" + database + "'; models: " + names(database))));
    }

    /** The names of the database's models, in memory or on disk, without loading any. */
    public List<String> names(String database) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        models.values().stream().filter(m -> m.database().equals(database)).forEach(m -> names.add(m.name()));
        ModelStreams.addNames(directory(database), ModelFiles.SUFFIX, names);
        ease.addNames(database, names);
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

    /** Removes the model from memory and disk, damaged or not; an error when there was no such model. */
    public Optional<StoredModel> drop(String procedure, String database, String name) {
        requireValidName(procedure, name);
        return locked(database, name, () -> {
            Path file = file(database, name);
            Optional<StoredModel> model;
            try {
                model = get(database, name);
            } catch (IllegalStateException damaged) {
                model = Optional.empty();
            }
            boolean existed;
            try {
                existed = Files.deleteIfExists(file) | models.remove(key(database, name)) != null
                        | ease.drop(database, name);
                serving.remove(key(database, name));
                if (existed) {
                    ModelFiles.syncDirectory(file.getParent());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete model '" + name + "': " + e.getClass().getSimpleName(), e);
            }
            if (!existed) {
                throw new IllegalArgumentException(procedure + ": no model named '" + name + "' in database '" + database
                        + "'; models: " + names(database));
            }
            return model;
        });
    }

    private Path directory(String database) {
        return root.resolve(ModelNames.require("rec4j", "database", database));
    }

    private Path file(String database, String name) {
        return ModelNames.file("rec4j", directory(database), name, ModelFiles.SUFFIX);
    }

    private static StoredModel load(Path file, String name) {
        try {
            return ModelFiles.read(file);
        } catch (java.nio.file.NoSuchFileException gone) {
            throw new IllegalArgumentException("no model named '" + name + "' (it was dropped)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read model '" + name + "': " + e.getClass().getSimpleName(), e);
        }
    }

    private static String key(String database, String name) {
        return database + "\u0000" + name;
    }
}
