package rec4j.gcn;

/**
 * Layer-0 (ID) embeddings to start training from instead of random ones: a model's rows for the nodes it already
 * knows, and for the others the fold-in of those rows (the weighted mean over the node's known neighbours); a node
 * with no known neighbour keeps its random initialisation. Only the rows with {@code given} set are copied over it.
 *
 * @param id    nodes x embeddingDimension, users then items, as the network's own
 * @param given which rows to copy
 */
public record WarmStart(float[] id, boolean[] given, int known, int foldedIn) {

    /**
     * @param oldId    the earlier model's ID embeddings (its users, then its items; {@code d} columns)
     * @param oldUsers the earlier model's user count
     * @param userFrom per user of {@code data}, the earlier model's row of the same node, or -1
     * @param itemFrom per item of {@code data}, the earlier model's item row of the same node, or -1
     */
    public static WarmStart from(Interactions data, int d, float[] oldId, int oldUsers, int[] userFrom, int[] itemFrom) {
        int users = data.users(), items = data.items();
        float[] id = new float[data.nodes() * d];
        boolean[] given = new boolean[data.nodes()];
        int known = 0;
        for (int n = 0; n < data.nodes(); n++) {
            int from = n < users ? userFrom[n] : itemFrom[n - users];
            if (from < 0) {
                continue;
            }
            int row = n < users ? from : oldUsers + from;
            boolean nonZero = false; // rows a fold-in added hold no ID embedding (zeros): treat them as new
            for (int c = 0; c < d; c++) {
                id[n * d + c] = oldId[row * d + c];
                nonZero |= oldId[row * d + c] != 0;
            }
            given[n] = nonZero;
            known += nonZero ? 1 : 0;
        }
        // fold-in of the new nodes from their known neighbours (read before any new row is written)
        boolean[] knownRows = given.clone();
        float[] sum = new float[data.nodes() * d];
        double[] weight = new double[data.nodes()];
        for (int u = 0; u < users; u++) {
            int[] pos = data.positives()[u];
            float[] w = data.weights()[u];
            for (int k = 0; k < pos.length; k++) {
                int item = users + pos[k];
                if (!knownRows[u] && knownRows[item]) {
                    add(sum, u, id, item, d, w[k]);
                    weight[u] += w[k];
                }
                if (!knownRows[item] && knownRows[u]) {
                    add(sum, item, id, u, d, w[k]);
                    weight[item] += w[k];
                }
            }
        }
        int folded = 0;
        for (int n = 0; n < data.nodes(); n++) {
            if (!knownRows[n] && weight[n] > 0) {
                for (int c = 0; c < d; c++) {
                    id[n * d + c] = (float) (sum[n * d + c] / weight[n]);
                }
                given[n] = true;
                folded++;
            }
        }
        return new WarmStart(id, given, known, folded);
    }

    private static void add(float[] sum, int to, float[] id, int from, int d, float w) {
        for (int c = 0; c < d; c++) {
            sum[to * d + c] += w * id[from * d + c];
        }
    }

    /** Copies the given rows over a network's randomly initialised ID embeddings. */
    void applyTo(float[] networkId, int d) {
        if (networkId.length != id.length) {
            throw new IllegalStateException("a warm start of " + id.length / d + " rows for a network of "
                    + networkId.length / d);
        }
        for (int n = 0; n < given.length; n++) {
            if (given[n]) {
                System.arraycopy(id, n * d, networkId, n * d, d);
            }
        }
    }
}
