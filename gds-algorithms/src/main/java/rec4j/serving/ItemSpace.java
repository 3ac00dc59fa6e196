package rec4j.serving;

import java.util.Arrays;

/**
 * A trained model's embedding space as serving reads it: user and item vectors (row-major, {@code width} columns),
 * each item's norm, and node-id-to-row lookups. Plain arrays only: which live node a row is, is the caller's
 * business (see rec4j.recommend.ServingModel).
 */
public final class ItemSpace {

    /** A node id that no row answers to (a retired row). */
    public static final long NO_NODE = -1;

    private final int width;
    private final int users;
    private final int items;
    private final float[] userMatrix;
    private final float[] itemMatrix;
    private final float[] itemNorms;
    private final long[] userIds;
    private final long[] itemIds;
    private final Lookup userLookup;
    private final Lookup itemLookup;

    /** Node id to row: the node ids sorted, and the row of each; {@link #NO_NODE} rows are left out. */
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
                if (id == NO_NODE) {
                    continue;
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

    private ItemSpace(int width, float[] userMatrix, float[] itemMatrix, long[] userIds, long[] itemIds) {
        if (userMatrix.length != (long) userIds.length * width || itemMatrix.length != (long) itemIds.length * width) {
            throw new IllegalStateException("the matrices hold " + userMatrix.length + " and " + itemMatrix.length
                    + " values for " + userIds.length + " users and " + itemIds.length + " items of width " + width);
        }
        this.width = width;
        this.users = userIds.length;
        this.items = itemIds.length;
        this.userMatrix = userMatrix;
        this.itemMatrix = itemMatrix;
        this.itemNorms = new float[items];
        for (int i = 0; i < items; i++) {
            itemNorms[i] = (float) Math.sqrt(Vectors.dot(itemMatrix, i * width, itemMatrix, i * width, width));
        }
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.userLookup = Lookup.of(userIds);
        this.itemLookup = Lookup.of(itemIds);
    }

    /**
     * From one embedding matrix whose first {@code userIds.length} rows are the users and the rest the items (as a
     * trained model stores them); the arrays are copied.
     */
    public static ItemSpace ofModelRows(int width, float[] embeddings, long[] userIds, long[] itemIds) {
        int u = userIds.length * width;
        return new ItemSpace(width, Arrays.copyOfRange(embeddings, 0, u),
                Arrays.copyOfRange(embeddings, u, u + itemIds.length * width), userIds.clone(), itemIds.clone());
    }

    /** Items only (e.g. vectors kept on item nodes), no users; the matrix is taken as it is. */
    public static ItemSpace ofItems(int width, float[] itemMatrix, long[] itemIds) {
        return new ItemSpace(width, new float[0], itemMatrix, new long[0], itemIds);
    }

    public int width() {
        return width;
    }

    public int users() {
        return users;
    }

    public int items() {
        return items;
    }

    /** The row holding a user (item) node id, or -1; says nothing about whether that node is still the same node. */
    public int rowHoldingId(boolean user, long nodeId) {
        return (user ? userLookup : itemLookup).row(nodeId);
    }

    /** The node id a user (item) row was trained on, or {@link #NO_NODE} for a retired row. */
    public long nodeId(boolean user, int row) {
        return user ? userIds[row] : itemIds[row];
    }

    public float[] userVector(int row) {
        return Arrays.copyOfRange(userMatrix, row * width, (row + 1) * width);
    }

    public float[] itemVector(int row) {
        return Arrays.copyOfRange(itemMatrix, row * width, (row + 1) * width);
    }

    /** Coordinate {@code column} of item {@code row}'s vector. */
    public float itemValue(int row, int column) {
        return itemMatrix[row * width + column];
    }

    public float itemNorm(int row) {
        return itemNorms[row];
    }

    /** The dot product of a query with item {@code row}. */
    public float score(float[] query, int row) {
        return Vectors.dot(query, 0, itemMatrix, row * width, width);
    }

    /**
     * The dot products of a query with the items {@code rows} (any order, repeats allowed) into {@code out}: the same
     * floats as {@link #score} row by row (each row's products summed in column order), computed four rows at a time,
     * which keeps four independent sums in flight and reads the query once per four rows (top-10 of 50,000 items at
     * width 64: 1.3x one row at a time, see ScoringBenchmark).
     */
    public void scores(float[] query, int[] rows, float[] out) {
        int n = rows.length, i = 0;
        for (; i + 3 < n; i += 4) {
            int o0 = rows[i] * width, o1 = rows[i + 1] * width, o2 = rows[i + 2] * width, o3 = rows[i + 3] * width;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int c = 0; c < width; c++) {
                float q = query[c];
                s0 += q * itemMatrix[o0 + c];
                s1 += q * itemMatrix[o1 + c];
                s2 += q * itemMatrix[o2 + c];
                s3 += q * itemMatrix[o3 + c];
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (; i < n; i++) {
            out[i] = score(query, rows[i]);
        }
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
