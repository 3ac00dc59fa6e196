package rec4j.model;

import java.util.List;
import org.neo4j.graphdb.Node;
import rec4j.model.ModelCatalog.StoredModel;
import rec4j.recommend.NodeVectors;

/**
 * Text into a model's embedding space, for nodes or contexts the model has no trained row for: through the model's
 * text tower when it has one (a ridge map from item text vectors to final item embeddings, the better cold-start path
 * on MovieLens), else through a fused model's trained text projection. Used by rec.gcn.foldIn, rec.recommend.forText,
 * profile cold starts of rec.recommend.forUser, and rec.gcn.textTower (which reads the same item features).
 */
public final class TextSpace {

    private TextSpace() {}

    /** The node properties a model maps text features from: its text tower's, else its fused featureProperties. */
    public static List<String> textProperties(StoredModel stored) {
        if (stored.textTower() != null) {
            return stored.textTowerProperties();
        }
        return stored.model().projection() != null ? stored.featureProperties() : List.of();
    }

    /** A model that can map text features into its space, or an error saying why not. */
    public static void requireText(String procedure, StoredModel stored) {
        if (stored.textTower() == null && stored.model().projection() == null) {
            throw new IllegalArgumentException(procedure + ": model '" + stored.name() + "' was trained without text "
                    + "(fusion 'none') and has no text tower, so it cannot map a text into its space; fit one with "
                    + "rec.gcn.textTower('" + stored.name() + "', {featureProperties: [...]}), or train with "
                    + "featureProperties and fusion 'sum', 'concat' or 'attention'");
        }
    }

    /** The model-space embedding of a text-feature vector. */
    public static float[] fromText(String procedure, StoredModel stored, float[] features) {
        requireText(procedure, stored);
        rec4j.gcn.TextTower.Weights tower = stored.textTower();
        if (tower != null) {
            if (features.length != tower.featureDimension()) {
                throw new IllegalArgumentException(procedure + ": the text tower of model '" + stored.name() + "' takes "
                        + tower.featureDimension() + " text-feature values " + stored.textTowerProperties() + ", got a vector of "
                        + features.length);
            }
            return tower.embed(features);
        }
        if (features.length != stored.model().featureDimension()) {
            throw new IllegalArgumentException(procedure + ": model '" + stored.name() + "' takes "
                    + stored.model().featureDimension() + " text-feature values " + stored.featureProperties()
                    + ", got a vector of " + features.length);
        }
        return stored.model().embedFromText(features);
    }

    /** The model-space embedding of a node from its text properties (those of {@link #textProperties}). */
    public static float[] ofNode(String procedure, StoredModel stored, Node node) {
        return fromText(procedure, stored, NodeVectors.features(procedure, node, textProperties(stored)));
    }
}
