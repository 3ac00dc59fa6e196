package rec4j.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import rec4j.gcn.GcnModel;

/**
 * The trained models of this DBMS, per database and name, in memory. (Persistence to server.rec4j.model_directory
 * comes with the rest of the rec.gcn issue.)
 */
public final class ModelCatalog {

    /** A trained GCN and what it was trained on; row r of the embeddings belongs to node userNodeIds[r] / itemNodeIds[r - users]. */
    public record StoredModel(String name, String database, GcnModel model, long[] userNodeIds, long[] itemNodeIds,
            String graphName, String userLabel, String itemLabel, String relationshipWeightProperty,
            List<String> featureProperties, Instant trainedAt, Map<String, Object> trainInfo) {}

    private final Map<String, StoredModel> models = new ConcurrentHashMap<>();

    public void store(StoredModel model) {
        models.put(key(model.database(), model.name()), model);
    }

    public Optional<StoredModel> get(String database, String name) {
        return Optional.ofNullable(models.get(key(database, name)));
    }

    public StoredModel require(String database, String name) {
        return get(database, name).orElseThrow(() -> new IllegalArgumentException("no model named '" + name
                + "' in database '" + database + "'; models: " + list(database).stream().map(StoredModel::name).sorted().toList()));
    }

    public List<StoredModel> list(String database) {
        return models.values().stream().filter(m -> m.database().equals(database)).toList();
    }

    public Optional<StoredModel> drop(String database, String name) {
        return Optional.ofNullable(models.remove(key(database, name)));
    }

    private static String key(String database, String name) {
        return database + "\u0000" + name;
    }
}
