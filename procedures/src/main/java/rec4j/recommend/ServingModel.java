package rec4j.recommend;

import java.util.Arrays;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import rec4j.model.ModelCatalog.StoredModel;

/**
 * A model as recommendations read it, built once per stored model and held by the catalog until the model is
 * retrained, folded into or dropped: the item matrix (row-major, {@code width} columns), each item's norm, and
 * node-id-to-row lookups for users and items.
 */
public final class ServingModel {

    private final StoredModel stored;
    private final int width;
    private final int items;
    private final float[] itemMatrix;
    private final float[] itemNorms;
    private final Lookup userLookup;
    private final Lookup itemLookup;

    /** Node id to row: the node ids sorted, and the row of each. */
    private record Lookup(long[] ids, int[] rows) {

        static Lookup of(long[] nodeIds) {
            Integer[] order = new Integer[nodeIds.length];
            for (int r = 0; r < order.length; r++) {
                order[r] = r;
            }
            Arrays.sort(order, (x, y) -> Long.compare(nodeIds[x], nodeIds[y]));
            long[] ids = new long[order.length];
            int[] rows = new int[order.length];
            int n = 0;
            for (int k = 0; k < order.length; k++) {
                long id = nodeIds[order[k]];
                if (id == rec4j.model.NodeIdentity.RETIRED) {
                    continue; // a retired row: its node id was taken over by a node folded in again
                }
                if (n > 0 && id == ids[n - 1]) {
                    throw new IllegalStateException("two rows of the model hold node " + id);
                }
                ids[n] = id;
                rows[n++] = order[k];
            }
            return new Lookup(Arrays.copyOf(ids, n), Arrays.copyOf(rows, n));
        }

        int row(long nodeId) {
            int at = Arrays.binarySearch(ids, nodeId);
            return at < 0 ? -1 : rows[at];
        }
    }

    private ServingModel(StoredModel stored) {
        this.stored = stored;
        this.width = stored.model().width();
        this.items = stored.model().items();
        int users = stored.model().users();
        this.itemMatrix = Arrays.copyOfRange(stored.model().embeddings(), users * width, (users + items) * width);
        this.itemNorms = new float[items];
        for (int i = 0; i < items; i++) {
            itemNorms[i] = (float) Math.sqrt(Vectors.dot(itemMatrix, i * width, itemMatrix, i * width, width));
        }
        this.userLookup = Lookup.of(stored.userNodeIds());
        this.itemLookup = Lookup.of(stored.itemNodeIds());
    }

    public static ServingModel of(StoredModel stored) {
        return new ServingModel(stored);
    }

    public StoredModel stored() {
        return stored;
    }

    public int width() {
        return width;
    }

    public int items() {
        return items;
    }

    /**
     * The row of a user node, or -1 when the model has no embedding for it: also when the node only took over the id
     * of a deleted node the model was trained on (its label or key differs, see {@link rec4j.model.NodeIdentity}).
     */
    public int userRow(Node node) {
        int row = userLookup.row(node.getId());
        return row >= 0 && stored.identity().matches(true, row, node, stored.userLabel()) ? row : -1;
    }

    /** The row of an item node, or -1 when the model has no embedding for it (checked as {@link #userRow}). */
    public int itemRow(Node node) {
        int row = itemLookup.row(node.getId());
        return row >= 0 && stored.identity().matches(false, row, node, stored.itemLabel()) ? row : -1;
    }

    /** The embedding row (users, then items) of a user or item node, or -1 (checked as {@link #userRow}). */
    public int row(Node node) {
        int user = userRow(node);
        if (user >= 0) {
            return user;
        }
        int item = itemRow(node);
        return item < 0 ? -1 : stored.model().users() + item;
    }

    /** The row of an item given by node id (e.g. from a vector index), or -1; checked as {@link #userRow}. */
    public int itemRow(Transaction tx, long nodeId) {
        int row = itemLookup.row(nodeId);
        return row >= 0 && itemNode(tx, row) != null ? row : -1;
    }

    /**
     * The row that holds a node id on one side, unchecked: a row whose node was deleted and whose id a new node took
     * over still answers here (rec.gcn.foldIn retires such rows); -1 when no row holds the id.
     */
    public int rowHoldingId(boolean user, long nodeId) {
        return (user ? userLookup : itemLookup).row(nodeId);
    }

    /** The live node of item {@code row}, or null when it was deleted or its id now belongs to another node. */
    public Node itemNode(Transaction tx, int row) {
        return stored.node(tx, stored.model().users() + row);
    }

    public float[] userVector(int row) {
        return stored.embedding(row);
    }

    public float[] itemVector(int row) {
        return Arrays.copyOfRange(itemMatrix, row * width, (row + 1) * width);
    }

    public float itemNorm(int row) {
        return itemNorms[row];
    }

    /** The dot product of a query with item {@code row}. */
    public float score(float[] query, int row) {
        return Vectors.dot(query, 0, itemMatrix, row * width, width);
    }

    /** The dot product of items a and b. */
    public float itemDot(int a, int b) {
        return Vectors.dot(itemMatrix, a * width, itemMatrix, b * width, width);
    }

    /** The cosine between items a and b (0 when either is the zero vector). */
    public float itemCosine(int a, int b) {
        float na = itemNorms[a], nb = itemNorms[b];
        return na == 0 || nb == 0 ? 0 : Vectors.dot(itemMatrix, a * width, itemMatrix, b * width, width) / (na * nb);
    }
}
