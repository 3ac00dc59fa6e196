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
    /** The item vectors, row-major in storage order: by norm ({@link #ofModelRows}) or as given. */
    private final float[] itemMatrix;
    /** Where each item row's vector starts in itemMatrix, divided by width. */
    private final int[] position;
    private final float[] itemNorms;
    /** The item rows by norm, largest first (ties: lower row first), when stored by norm; else null. */
    private final int[] byNorm;
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

    private ItemSpace(int width, float[] userMatrix, float[] itemMatrix, long[] userIds, long[] itemIds,
            boolean storedByNorm) {
        if (userMatrix.length != (long) userIds.length * width || itemMatrix.length != (long) itemIds.length * width) {
            throw new IllegalStateException("the matrices hold " + userMatrix.length + " and " + itemMatrix.length
                    + " values for " + userIds.length + " users and " + itemIds.length + " items of width " + width);
        }
        this.width = width;
        this.users = userIds.length;
        this.items = itemIds.length;
        this.userMatrix = userMatrix;
        this.itemNorms = new float[items];
        for (int i = 0; i < items; i++) {
            itemNorms[i] = (float) Math.sqrt(Vectors.dot(itemMatrix, i * width, itemMatrix, i * width, width));
        }
        // only a space stored by norm is scanned by norm: no sort for one taken as it is (per request on the property path)
        this.byNorm = storedByNorm ? normOrder(itemNorms) : null;
        this.position = new int[items];
        if (storedByNorm) { // a copy in norm order: a scan by norm reads memory in sequence
            this.itemMatrix = new float[itemMatrix.length];
            for (int at = 0; at < items; at++) {
                position[byNorm[at]] = at;
                System.arraycopy(itemMatrix, byNorm[at] * width, this.itemMatrix, at * width, width);
            }
        } else {
            this.itemMatrix = itemMatrix;
            for (int row = 0; row < items; row++) {
                position[row] = row;
            }
        }
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.userLookup = Lookup.of(userIds);
        this.itemLookup = Lookup.of(itemIds);
    }

    /**
     * From one embedding matrix whose first {@code userIds.length} rows are the users and the rest the items (as a
     * trained model stores them); the arrays are copied, the items in the order of their norms.
     */
    public static ItemSpace ofModelRows(int width, float[] embeddings, long[] userIds, long[] itemIds) {
        int u = userIds.length * width;
        return new ItemSpace(width, Arrays.copyOfRange(embeddings, 0, u),
                Arrays.copyOfRange(embeddings, u, u + itemIds.length * width), userIds.clone(), itemIds.clone(), true);
    }

    /** Items only (e.g. vectors kept on item nodes), no users; the matrix is taken as it is (not copied). */
    public static ItemSpace ofItems(int width, float[] itemMatrix, long[] itemIds) {
        return new ItemSpace(width, new float[0], itemMatrix, new long[0], itemIds, false);
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
        return Arrays.copyOfRange(itemMatrix, position[row] * width, (position[row] + 1) * width);
    }

    /** Coordinate {@code column} of item {@code row}'s vector. */
    public float itemValue(int row, int column) {
        return itemMatrix[position[row] * width + column];
    }

    public float itemNorm(int row) {
        return itemNorms[row];
    }

    private static int[] normOrder(float[] norms) {
        // norms are +0, positive or NaN: their bits order as the values do (NaN above infinity)
        long[] keys = new long[norms.length];
        for (int row = 0; row < norms.length; row++) {
            keys[row] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(norms[row])) << 32) | row;
        }
        Arrays.sort(keys);
        int[] order = new int[norms.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = (int) keys[k];
        }
        return order;
    }

    /**
     * The item rows ordered by their norm, largest first (NaN first, ties: lower row first), or null when the space is
     * not stored by norm ({@link #ofItems}); do not modify.
     */
    int[] rowsByNorm() {
        return byNorm;
    }

    /**
     * An upper bound of every dot product {@link #scores} computes for this query, as a factor of the item's stored
     * norm: dot(q, v) <= |q| |v| (Cauchy-Schwarz), widened for the rounding of the float sums and of the stored norm
     * (each within (width + 2) units in the last place, relative); +infinity when the query's norm is not finite.
     */
    double boundFactor(float[] query) {
        double squares = 0;
        for (float q : query) {
            squares += (double) q * q;
        }
        double norm = Math.sqrt(squares);
        return Double.isFinite(norm) ? norm * (1 + 4.0 * (width + 2) * Math.ulp(1f)) : Double.POSITIVE_INFINITY;
    }

    /** The dot product of a query with item {@code row}. */
    public float score(float[] query, int row) {
        return Vectors.dot(query, 0, itemMatrix, position[row] * width, width);
    }

    /**
     * The dot products of a query with the items {@code rows} (any order, repeats allowed) into {@code out}: the same
     * floats as {@link #score} row by row (each row's products summed in column order), computed four rows at a time,
     * which keeps four independent sums in flight and reads the query once per four rows (top-10 of 50,000 items at
     * width 64: 1.3x one row at a time, see ScoringBenchmark).
     */
    public void scores(float[] query, int[] rows, float[] out) {
        scores(query, rows, rows.length, out);
    }

    /** As {@link #scores(float[], int[], float[])}, over the first {@code n} of {@code rows}. */
    public void scores(float[] query, int[] rows, int n, float[] out) {
        int i = 0;
        for (; i + 3 < n; i += 4) {
            dots4(query, position[rows[i]] * width, position[rows[i + 1]] * width, position[rows[i + 2]] * width,
                    position[rows[i + 3]] * width, out, i);
        }
        for (; i < n; i++) {
            out[i] = score(query, rows[i]);
        }
    }

    /**
     * The dot products of a query with the items {@code rowsByNorm()[from .. from + n)} into {@code out[0 .. n)}, read
     * in sequence from a space stored by norm; the same floats as {@link #score}.
     */
    void scoresByNorm(float[] query, int from, int n, float[] out) {
        if (byNorm == null) {
            throw new IllegalStateException("the item vectors are not stored by norm");
        }
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int o = (from + i) * width;
            dots4(query, o, o + width, o + 2 * width, o + 3 * width, out, i);
        }
        for (; i < n; i++) {
            out[i] = Vectors.dot(query, 0, itemMatrix, (from + i) * width, width);
        }
    }

    /**
     * Four dot products at once (the vectors at offsets o0..o3), each summed in column order as {@link Vectors#dot}:
     * four independent sums in flight and the query read once per four rows (top-10 of 50,000 items at width 64: 1.3x
     * one row at a time, see ScoringBenchmark).
     */
    private void dots4(float[] query, int o0, int o1, int o2, int o3, float[] out, int at) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int c = 0; c < width; c++) {
            float q = query[c];
            s0 += q * itemMatrix[o0 + c];
            s1 += q * itemMatrix[o1 + c];
            s2 += q * itemMatrix[o2 + c];
            s3 += q * itemMatrix[o3 + c];
        }
        out[at] = s0;
        out[at + 1] = s1;
        out[at + 2] = s2;
        out[at + 3] = s3;
    }

    /** The dot product of items a and b. */
    public float itemDot(int a, int b) {
        return Vectors.dot(itemMatrix, position[a] * width, itemMatrix, position[b] * width, width);
    }

    /** The cosine between items a and b (0 when either is the zero vector). */
    public float itemCosine(int a, int b) {
        float na = itemNorms[a], nb = itemNorms[b];
        return na == 0 || nb == 0 ? 0 : itemDot(a, b) / (na * nb);
    }
}
