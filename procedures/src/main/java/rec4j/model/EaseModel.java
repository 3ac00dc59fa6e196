package rec4j.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rec4j.ease.Ease;
import rec4j.recommend.NodeIdentity;
import rec4j.recommend.ServingModel;
import rec4j.serving.ItemSpace;

/**
 * A trained EASE model (rec.ease.train) and what it was trained on: item i's row of {@link Ease.Model#itemVectors()}
 * belongs to node {@code itemNodeIds[i]}, checked by {@code identity} (items only: EASE has no user rows; a user is
 * served from its current interactions).
 */
public record EaseModel(String name, String database, Ease.Model ease, long[] itemNodeIds, NodeIdentity identity,
        String graphName, String userLabel, String itemLabel, List<String> relationshipTypes, Instant trainedAt,
        Training training) {

    /**
     * @param lambdaPicked      whether lambda was picked on a validation split (else given)
     * @param validationRecalls per lambda tried, its validation Recall@20 (empty when lambda was given)
     * @param calibration       maps a user's score to a probability of interaction (fitted on the validation part;
     *                          null when lambda was given)
     */
    public record Training(boolean lambdaPicked, Map<Double, Double> validationRecalls, long users, long interactions,
            long trainMillis, rec4j.evaluate.Calibration.Platt calibration) {

        Map<String, Object> toMap(double lambda) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("lambda", lambda);
            info.put("lambdaPicked", lambdaPicked);
            info.put("validationRecalls", asCypher(validationRecalls));
            info.put("users", users);
            info.put("interactions", interactions);
            info.put("trainMillis", trainMillis);
            info.put("calibration", calibration == null ? null : Map.of("a", calibration.a(), "b", calibration.b()));
            return info;
        }
    }

    /** Recalls per lambda as Cypher takes them: {"400.0": 0.37, ...} (map keys are strings). */
    public static Map<String, Object> asCypher(Map<Double, Double> recalls) {
        Map<String, Object> out = new LinkedHashMap<>();
        recalls.forEach((lambda, recall) -> out.put(String.valueOf(lambda), recall));
        return out;
    }

    public int items() {
        return ease.items();
    }

    /** rec.model.list's trainInfo. */
    public Map<String, Object> trainInfo() {
        Map<String, Object> info = training.toMap(ease.lambda());
        info.put("nodeIdentity", identity.hasFingerprints() ? identity.describe(userLabel, itemLabel) : "labels only");
        return info;
    }

    /** The serving form: item i's vector is its column of B over the catalog, scored against the user's items. */
    ServingModel serving() {
        return ServingModel.itemItem(name, ItemSpace.ofItems(ease.items(), ease.itemVectors(), itemNodeIds), userLabel,
                itemLabel, identity, relationshipTypes).withCalibration(training.calibration());
    }
}
