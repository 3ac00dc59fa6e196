package rec4j.recommend;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import rec4j.config.ConfigMap;
import rec4j.serving.ItemSpace;

/**
 * Embeddings kept as node properties (e.g. written by rec.gcn.write) instead of a catalog model: the items are the
 * nodes of {@code itemLabel} that have the property; the user's vector is the same property on the user node;
 * interactions of every relationship type count as the user's items unless excludeRelationshipTypes says otherwise.
 * Without a vector index every item is read at each call ({@link #read}); with the index of rec.recommend.createIndex
 * (null, {embeddingProperty, itemLabel}) only the candidates it returns are ({@link #of}, {@link #fromIndex}): this is
 * how a cluster's secondaries serve, as properties and indexes replicate and model files do not.
 */
public record PropertyModel(String embeddingProperty, String itemLabel, String userLabel) {

    /** The default user label. */
    public static final String USER_LABEL = "User";

    /** The start of the default name of a vector index over vectors kept on nodes. */
    public static final String INDEX_PREFIX = "rec4j_property_";

    /** The keys embeddingProperty, itemLabel and userLabel of a config; null when embeddingProperty is absent. */
    public static PropertyModel parse(ConfigMap map) {
        String property = map.string("embeddingProperty", null);
        String itemLabel = map.string("itemLabel", null);
        String userLabel = map.string("userLabel", USER_LABEL);
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

    /** The serving model of all the items' vectors now (the nodes are read in this transaction: their labels suffice). */
    public ServingModel read(String procedure, Transaction tx) {
        try (ResourceIterator<Node> nodes = tx.findNodes(Label.label(itemLabel))) {
            ServingModel model = of(procedure, nodes);
            if (model == null) {
                throw new IllegalArgumentException(procedure + ": no :" + itemLabel + " node has the property '"
                        + embeddingProperty + "'");
            }
            return model;
        }
    }

    /**
     * The serving model of some items' vectors: those of the given nodes that have the label and the property (each
     * once); null when none has. Used for the candidates of the vector index, with the user's and the seed items.
     */
    public ServingModel of(String procedure, Iterator<Node> nodes) {
        Set<Long> seen = new HashSet<>();
        List<Long> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        Label label = Label.label(itemLabel);
        while (nodes.hasNext()) {
            Node n = nodes.next();
            if (!n.hasLabel(label) || !n.hasProperty(embeddingProperty) || !seen.add(n.getId())) {
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
        if (vectors.isEmpty()) {
            return null;
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

    /** The default name of the vector index over these items' vectors (see rec.recommend.createIndex). */
    public String defaultIndexName() {
        return (INDEX_PREFIX + itemLabel + "_" + embeddingProperty).replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * The item nodes of the vector index nearest to a query, at most {@code n} (the index holds the vectors augmented
     * for maximum inner product search, so the query is the unit vector with a 0 appended: see
     * rec.recommend.createIndex).
     */
    public static List<Node> fromIndex(Transaction tx, String indexName, float[] query, int n) {
        List<Node> nodes = new ArrayList<>(n);
        for (long id : VectorIndex.nearest(tx, indexName, Candidates.indexQuery(query), n)) {
            try {
                nodes.add(tx.getNodeById(id));
            } catch (NotFoundException deleted) { // deleted in this transaction
            }
        }
        return nodes;
    }

    /** The item nodes (with the label) a node has relationships of the given types with, either direction. */
    public List<Node> neighbours(Node node, List<String> types) {
        Label label = Label.label(itemLabel);
        List<Node> items = new ArrayList<>();
        for (org.neo4j.graphdb.Relationship r : UserItems.relationships(node, UserItems.types(types))) {
            Node other = r.getOtherNode(node);
            if (other.hasLabel(label)) {
                items.add(other);
            }
        }
        return items;
    }
}
