package rec4j.recommend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;

/** A node's interactions in the database, read the one way every rec.* path reads them: no types means all types. */
public final class UserItems {

    private UserItems() {}

    public static RelationshipType[] types(List<String> names) {
        return names.stream().map(RelationshipType::withName).toArray(RelationshipType[]::new);
    }

    /** A node's relationships of the given types, either direction; no types means all of them. */
    public static Iterable<Relationship> relationships(Node node, RelationshipType[] types) {
        return types.length == 0 ? node.getRelationships(Direction.BOTH) : node.getRelationships(Direction.BOTH, types);
    }

    /** A node's number of relationships of the given types, either direction; no types means all of them. */
    public static long degree(Node node, RelationshipType[] types) {
        if (types.length == 0) {
            return node.getDegree(Direction.BOTH);
        }
        long degree = 0;
        for (RelationshipType type : types) {
            degree += node.getDegree(type, Direction.BOTH);
        }
        return degree;
    }

    /** The model rows of the items a node interacts with through the given relationship types (either direction). */
    public static Map<Integer, Relationship> interactedItems(ServingModel model, Node node, List<String> types) {
        Map<Integer, Relationship> rows = new LinkedHashMap<>();
        for (Relationship r : relationships(node, types(types))) {
            int row = model.itemRow(r.getOtherNode(node));
            if (row >= 0) {
                rows.putIfAbsent(row, r);
            }
        }
        return rows;
    }

    /**
     * The time of each item row a node interacts with (as {@link #interactedItems}), in epoch milliseconds, read from
     * {@code timeProperty} of the relationships: the latest where there are several; an interaction without a time
     * there is refused, naming the relationship.
     */
    public static Map<Integer, Long> interactionTimes(String procedure, ServingModel model, Node node, List<String> types,
            String timeProperty) {
        Map<Integer, Long> times = new LinkedHashMap<>();
        for (Relationship r : relationships(node, types(types))) {
            int row = model.itemRow(r.getOtherNode(node));
            if (row < 0) {
                continue;
            }
            Long t = rec4j.feedback.Times.millis(r.getProperty(timeProperty, null));
            if (t == null) {
                throw new IllegalArgumentException(procedure + ": 'timeProperty': relationship " + r.getElementId()
                        + " of the user has no time in '" + timeProperty + "' (" + rec4j.feedback.Times.ALLOWED + ")");
            }
            times.merge(row, t, Math::max);
        }
        return times;
    }

    /** The number of nodes with a label, from Neo4j's count store (constant time). */
    public static long labelCount(org.neo4j.graphdb.Transaction tx, String label) {
        try (org.neo4j.graphdb.Result result = tx.execute("MATCH (n:" + rec4j.config.Cypher.quote(label)
                + ") RETURN count(n) AS n")) {
            return (Long) result.next().get("n");
        }
    }

    /** The number of relationships of a type, from Neo4j's count store (constant time). */
    public static long relationshipCount(org.neo4j.graphdb.Transaction tx, String type) {
        try (org.neo4j.graphdb.Result result = tx.execute("MATCH ()-[r:" + rec4j.config.Cypher.quote(type)
                + "]->() RETURN count(r) AS n")) {
            return (Long) result.next().get("n");
        }
    }

    /** The popularity of every item of the model: its number of relationships of the given types (-1: gone). */
    public static float[] popularity(org.neo4j.graphdb.Transaction tx, ServingModel model, List<String> types) {
        RelationshipType[] relTypes = types(types);
        float[] degree = new float[model.items()];
        for (int row = 0; row < degree.length; row++) {
            Node node = model.itemNode(tx, row);
            degree[row] = node == null ? -1 : degree(node, relTypes);
        }
        return degree;
    }
}
