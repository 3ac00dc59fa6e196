package rec4j.recommend;

import java.util.Arrays;
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
    private final long[] userIds;
    private final int[] userRows;
    private final long[] itemIds;
    private final int[] itemRows;

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
        long[][] u = sortedLookup(stored.userNodeIds());
        this.userIds = u[0];
        this.userRows = toInts(u[1]);
        long[][] it = sortedLookup(stored.itemNodeIds());
        this.itemIds = it[0];
        this.itemRows = toInts(it[1]);
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

    /** The row of a user node, or -1 when the model has no embedding for it. */
    public int userRow(long nodeId) {
        int at = Arrays.binarySearch(userIds, nodeId);
        return at < 0 ? -1 : userRows[at];
    }

    /** The row of an item node, or -1 when the model has no embedding for it. */
    public int itemRow(long nodeId) {
        int at = Arrays.binarySearch(itemIds, nodeId);
        return at < 0 ? -1 : itemRows[at];
    }

    public long itemNodeId(int row) {
        return stored.itemNodeIds()[row];
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

    private static long[][] sortedLookup(long[] nodeIds) {
        long[] ids = new long[nodeIds.length];
        long[] rows = new long[nodeIds.length];
        Integer[] index = new Integer[nodeIds.length];
        for (int r = 0; r < nodeIds.length; r++) {
            index[r] = r;
        }
        Arrays.sort(index, (a, b) -> Long.compare(nodeIds[a], nodeIds[b]));
        for (int k = 0; k < index.length; k++) {
            ids[k] = nodeIds[index[k]];
            rows[k] = index[k];
            if (k > 0 && ids[k] == ids[k - 1]) {
                throw new IllegalStateException("two rows of the model hold node " + ids[k]);
            }
        }
        return new long[][] {ids, rows};
    }

    private static int[] toInts(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }
}
