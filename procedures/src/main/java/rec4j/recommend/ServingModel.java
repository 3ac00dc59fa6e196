package rec4j.recommend;

import java.util.List;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import rec4j.serving.ItemSpace;

/**
 * A model as recommendations read it: its embedding space (plain arrays, {@link ItemSpace}) and how its rows map to
 * live nodes - the user and item labels and the {@link NodeIdentity} that tells a node the model was trained on from
 * one that took over its id. Built by the catalog once per stored model (see ModelCatalog#serving), or from vectors
 * kept on nodes ({@link PropertyModel}).
 *
 * @param name              the model's name, for messages
 * @param relationshipTypes the interactions it learned from (the user's own items to exclude)
 */
public record ServingModel(String name, ItemSpace space, String userLabel, String itemLabel, NodeIdentity identity,
        List<String> relationshipTypes) {

    public int width() {
        return space.width();
    }

    public int items() {
        return space.items();
    }

    /**
     * The row of a user node, or -1 when the model has no embedding for it: also when the node only took over the id
     * of a deleted node the model was trained on (its label or key differs).
     */
    public int userRow(Node node) {
        int row = space.rowHoldingId(true, node.getId());
        return row >= 0 && identity.matches(true, row, node, userLabel) ? row : -1;
    }

    /** The row of an item node, or -1 when the model has no embedding for it (checked as {@link #userRow}). */
    public int itemRow(Node node) {
        int row = space.rowHoldingId(false, node.getId());
        return row >= 0 && identity.matches(false, row, node, itemLabel) ? row : -1;
    }

    /** The embedding row (users, then items) of a user or item node, or -1 (checked as {@link #userRow}). */
    public int row(Node node) {
        int user = userRow(node);
        if (user >= 0) {
            return user;
        }
        int item = itemRow(node);
        return item < 0 ? -1 : space.users() + item;
    }

    /** The live node of item {@code row}, or null when it was deleted or its id now belongs to another node. */
    public Node itemNode(Transaction tx, int row) {
        return identity.live(tx, false, row, space.nodeId(false, row), itemLabel);
    }

    /** The row holding a node id on one side, unchecked (a fold-in retires such rows of reused ids). */
    public int rowHoldingId(boolean user, long nodeId) {
        return space.rowHoldingId(user, nodeId);
    }

    public float[] userVector(int row) {
        return space.userVector(row);
    }

    public float[] itemVector(int row) {
        return space.itemVector(row);
    }
}
