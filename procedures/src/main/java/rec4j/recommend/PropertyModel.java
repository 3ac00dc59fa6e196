package rec4j.recommend;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import rec4j.config.ConfigMap;
import rec4j.serving.ItemSpace;

/**
 * Embeddings kept as node properties (e.g. written by rec.gcn.write) instead of a catalog model: the items are the
 * nodes of {@code itemLabel} that have the property, read at each call; the user's vector is the same property on
 * the user node; interactions of every relationship type count as the user's items unless excludeRelationshipTypes
 * says otherwise.
 */
public record PropertyModel(String embeddingProperty, String itemLabel, String userLabel) {

    /** The keys embeddingProperty, itemLabel and userLabel of a config; null when embeddingProperty is absent. */
    public static PropertyModel parse(ConfigMap map) {
        String property = map.string("embeddingProperty", null);
        String itemLabel = map.string("itemLabel", null);
        String userLabel = map.string("userLabel", "User");
        if (property == null) {
            if (itemLabel != null) {
                throw new IllegalArgumentException(map.procedure() + ": 'itemLabel' goes with 'embeddingProperty' (a "
                        + "model knows its item label)");
            }
            return null;
        }
        if (itemLabel == null) {
            throw new IllegalArgumentException(map.procedure() + ": 'itemLabel' is required with 'embeddingProperty'");
        }
        return new PropertyModel(property, itemLabel, userLabel);
    }

    /** The serving model of the items' vectors now (the nodes are read in this transaction: their labels suffice). */
    public ServingModel read(String procedure, Transaction tx) {
        List<Long> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        try (ResourceIterator<Node> nodes = tx.findNodes(Label.label(itemLabel))) {
            while (nodes.hasNext()) {
                Node n = nodes.next();
                if (!n.hasProperty(embeddingProperty)) {
                    continue;
                }
                float[] v = NodeVectors.vector(procedure, n, embeddingProperty);
                if (!vectors.isEmpty() && v.length != vectors.get(0).length) {
                    throw new IllegalArgumentException(procedure + ": property '" + embeddingProperty + "' of "
                            + NodeVectors.describe(n) + " has " + v.length + " values, others have " + vectors.get(0).length);
                }
                ids.add(n.getId());
                vectors.add(v);
            }
        }
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException(procedure + ": no :" + itemLabel + " node has the property '"
                    + embeddingProperty + "'");
        }
        int width = vectors.get(0).length;
        float[] matrix = new float[vectors.size() * width];
        for (int i = 0; i < vectors.size(); i++) {
            System.arraycopy(vectors.get(i), 0, matrix, i * width, width);
        }
        ItemSpace space = ItemSpace.ofItems(width, matrix, ids.stream().mapToLong(Long::longValue).toArray());
        return new ServingModel("(property " + embeddingProperty + ")", space, userLabel, itemLabel,
                NodeIdentity.LABELS_ONLY, List.of());
    }
}
