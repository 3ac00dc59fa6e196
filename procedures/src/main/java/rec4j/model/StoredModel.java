package rec4j.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import rec4j.evaluate.Calibration;
import rec4j.gcn.GcnModel;
import rec4j.gcn.TextTower;
import rec4j.recommend.NodeIdentity;

/**
 * A trained GCN and what it was trained on; row r of the embeddings belongs to node userNodeIds[r] /
 * itemNodeIds[r - users], checked by {@code identity}. relationshipTypes are the Neo4j relationship types of the
 * interactions it learned from (the GDS graph's types; a fold-in or a recommendation reads them from the database).
 * Build one with {@link #builder}.
 */
public record StoredModel(String name, String database, GcnModel model, long[] userNodeIds, long[] itemNodeIds,
        String graphName, String userLabel, String itemLabel, List<String> relationshipTypes,
        String relationshipWeightProperty, List<String> featureProperties, Instant trainedAt, Training training,
        TextTower.Weights textTower, List<String> textTowerProperties, NodeIdentity identity) {

    /**
     * How the training went, typed from the trainer to the file and the rec.model.list row: the columns of
     * rec.gcn.train of the same names. {@code selectedEpochs} is the epoch count picked on validation (null without);
     * {@code refit} whether the model was then retrained on all interactions for that many epochs; {@code calibration}
     * maps a user's score to a probability of interaction (fitted on the validation part; null without validation);
     * {@code hybrid}: this model is the GCN part of a hybrid (rec.hybrid.train), null for a plain GCN.
     */
    public record Training(long bestEpoch, Double validationRecall, boolean didConverge, long trainMillis,
            Long selectedEpochs, boolean refit, Calibration.Platt calibration, Hybrid hybrid) {

        public Training(long bestEpoch, Double validationRecall, boolean didConverge, long trainMillis,
                Long selectedEpochs, boolean refit) {
            this(bestEpoch, validationRecall, didConverge, trainMillis, selectedEpochs, refit, null, null);
        }

        public Training(long bestEpoch, Double validationRecall, boolean didConverge, long trainMillis,
                Long selectedEpochs, boolean refit, Calibration.Platt calibration) {
            this(bestEpoch, validationRecall, didConverge, trainMillis, selectedEpochs, refit, calibration, null);
        }

        /** This training as the GCN part of a hybrid. */
        public Training withHybrid(Hybrid value) {
            return new Training(bestEpoch, validationRecall, didConverge, trainMillis, selectedEpochs, refit, calibration,
                    value);
        }

        /** As a Cypher map (rec.model.list's trainInfo), with what the model checks of its nodes. */
        public Map<String, Object> toMap(NodeIdentity identity, String userLabel, String itemLabel) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("bestEpoch", bestEpoch);
            info.put("validationRecall", validationRecall);
            info.put("didConverge", didConverge);
            info.put("trainMillis", trainMillis);
            info.put("selectedEpochs", selectedEpochs);
            info.put("refit", refit);
            info.put("calibration", calibration == null ? null : Map.of("a", calibration.a(), "b", calibration.b()));
            if (hybrid != null) {
                info.put("hybrid", Map.of("easeModel", hybrid.easeModel(), "weight", hybrid.weight()));
            }
            info.put("nodeIdentity", identity.hasFingerprints() ? identity.describe(userLabel, itemLabel)
                    : "labels only (a model file before format 4)");
            return info;
        }
    }

    /**
     * The GCN part of a hybrid: served blended with the EASE model {@code easeModel} (z-scores, {@code weight} the GCN's
     * share, picked on validation).
     */
    public record Hybrid(String easeModel, double weight) {}

    /** The fields a model starts with; what a fold-in or text tower changes comes by the withers below. */
    public static Builder builder(String name, String database, GcnModel model) {
        return new Builder(name, database, model);
    }

    /** Named steps instead of a 16-argument constructor. */
    public static final class Builder {
        private final String name;
        private final String database;
        private final GcnModel model;
        private long[] userNodeIds = new long[0];
        private long[] itemNodeIds = new long[0];
        private String graphName = "";
        private String userLabel = "User";
        private String itemLabel = "Item";
        private List<String> relationshipTypes = List.of();
        private String weightProperty;
        private List<String> featureProperties = List.of();
        private Instant trainedAt = Instant.EPOCH;
        private Training training = new Training(0, null, false, 0, null, false);
        private NodeIdentity identity = NodeIdentity.LABELS_ONLY;

        private Builder(String name, String database, GcnModel model) {
            this.name = name;
            this.database = database;
            this.model = model;
        }

        public Builder nodes(long[] users, long[] items, NodeIdentity value) {
            this.userNodeIds = users;
            this.itemNodeIds = items;
            this.identity = value;
            return this;
        }

        public Builder graph(String graph, String users, String items, List<String> types, String weight,
                List<String> features) {
            this.graphName = graph;
            this.userLabel = users;
            this.itemLabel = items;
            this.relationshipTypes = List.copyOf(types);
            this.weightProperty = weight;
            this.featureProperties = List.copyOf(features);
            return this;
        }

        public Builder trained(Instant at, Training value) {
            this.trainedAt = at;
            this.training = value;
            return this;
        }

        public StoredModel build() {
            return new StoredModel(name, database, model, userNodeIds, itemNodeIds, graphName, userLabel, itemLabel,
                    relationshipTypes, weightProperty, featureProperties, trainedAt, training, null, List.of(), identity);
        }
    }

    /** rec.model.list's trainInfo. */
    public Map<String, Object> trainInfo() {
        return training.toMap(identity, userLabel, itemLabel);
    }

    /** This model with other embeddings, rows and identity (a fold-in), everything else kept. */
    public StoredModel withRows(GcnModel grown, long[] users, long[] items, NodeIdentity grownIdentity) {
        return new StoredModel(name, database, grown, users, items, graphName, userLabel, itemLabel, relationshipTypes,
                relationshipWeightProperty, featureProperties, trainedAt, training, textTower, textTowerProperties,
                grownIdentity);
    }

    /** This model with a text tower fitted on the items' {@code properties}. */
    public StoredModel withTextTower(TextTower.Weights tower, List<String> properties) {
        return new StoredModel(name, database, model, userNodeIds, itemNodeIds, graphName, userLabel, itemLabel,
                relationshipTypes, relationshipWeightProperty, featureProperties, trainedAt, training, tower,
                List.copyOf(properties), identity);
    }

    /** This model with another node identity. */
    public StoredModel withIdentity(NodeIdentity value) {
        return new StoredModel(name, database, model, userNodeIds, itemNodeIds, graphName, userLabel, itemLabel,
                relationshipTypes, relationshipWeightProperty, featureProperties, trainedAt, training, textTower,
                textTowerProperties, value);
    }

    /** Rows of the embedding matrix: users, then items. */
    public int rows() {
        return model.users() + model.items();
    }

    /** The Neo4j node id of an embedding row ({@link NodeIdentity#RETIRED} for a retired row). */
    public long nodeId(int row) {
        return row < model.users() ? userNodeIds[row] : itemNodeIds[row - model.users()];
    }

    /**
     * The live node of an embedding row, or null when it was deleted, retired, or its id now belongs to another
     * node (wrong label or key).
     */
    public Node node(Transaction tx, int row) {
        boolean user = row < model.users();
        return identity.live(tx, user, user ? row : row - model.users(), nodeId(row), user ? userLabel : itemLabel);
    }

    /** A copy of the final embedding of a row. */
    public float[] embedding(int row) {
        int width = model.width();
        return Arrays.copyOfRange(model.embeddings(), row * width, (row + 1) * width);
    }
}
