package rec4j.gcn;

import java.util.Arrays;
import rec4j.numeric.Shuffle;

/**
 * A bipartite user-item interaction graph in the algorithm's own numbering: users are rows 0..users-1, items rows
 * users..users+items-1 of every embedding matrix. {@code positives[u]} are the item indices (0..items-1) that user
 * u interacted with, sorted; {@code weights[u][k]} the weight of that interaction (1 when unweighted).
 * {@code features} (row-major, nodes x featureDimension) may be null; a node without text has a zero row.
 */
public record Interactions(int users, int items, int[][] positives, float[][] weights, float[] features,
        int featureDimension) {

    public Interactions {
        if (positives.length != users || weights.length != users) {
            throw new IllegalArgumentException("positives and weights need one row per user (" + users + ")");
        }
        for (int u = 0; u < users; u++) {
            if (positives[u].length != weights[u].length) {
                throw new IllegalArgumentException("user " + u + " has " + positives[u].length + " items but "
                        + weights[u].length + " weights");
            }
        }
        if (features != null && features.length != (long) (users + items) * featureDimension) {
            throw new IllegalArgumentException("features must be (users + items) x " + featureDimension + " = "
                    + ((long) (users + items) * featureDimension) + " values, got " + features.length);
        }
    }

    public int nodes() {
        return users + items;
    }

    public long interactionCount() {
        long count = 0;
        for (int[] p : positives) {
            count += p.length;
        }
        return count;
    }

    public boolean hasFeatures() {
        return features != null;
    }

    /** True when user u interacted with item i (binary search in the sorted positives). */
    public boolean isPositive(int u, int item) {
        return Arrays.binarySearch(positives[u], item) >= 0;
    }

    /** The symmetric-normalised adjacency of this bipartite graph (both directions stored). */
    public NormalizedAdjacency adjacency() {
        int total = (int) interactionCount();
        int[] sources = new int[total];
        int[] targets = new int[total];
        float[] w = new float[total];
        int at = 0;
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < positives[u].length; k++) {
                sources[at] = u;
                targets[at] = users + positives[u][k];
                w[at] = weights[u][k];
                at++;
            }
        }
        return NormalizedAdjacency.fromEdges(nodes(), users, sources, targets, w);
    }

    /** Training interactions and the items held out of them per user. */
    public record HoldOut(Interactions train, int[][] heldOut) {}

    /**
     * Holds out {@code fraction} of the items of each user who has at least 5 (seeded), e.g. as a validation split for
     * early stopping; the held-out pairs leave the returned training graph.
     */
    public HoldOut holdOut(double fraction, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int[][] keep = new int[users][];
        float[][] keepWeights = new float[users][];
        int[][] held = new int[users][];
        for (int u = 0; u < users; u++) {
            int size = positives[u].length;
            int count = size >= 5 ? (int) Math.round(size * fraction) : 0;
            int[] order = Shuffle.permutation(size, random);
            boolean[] out = new boolean[size];
            for (int k = 0; k < count; k++) {
                out[order[k]] = true;
            }
            keep[u] = new int[size - count];
            keepWeights[u] = new float[size - count];
            held[u] = new int[count];
            for (int k = 0, a = 0, b = 0; k < size; k++) {
                if (out[k]) {
                    held[u][b++] = positives[u][k];
                } else {
                    keep[u][a] = positives[u][k];
                    keepWeights[u][a++] = weights[u][k];
                }
            }
        }
        return new HoldOut(new Interactions(users, items, keep, keepWeights, features, featureDimension), held);
    }

    /**
     * {@code split} (a hold-out of this graph) with the held-out items kept only for the users whose row in
     * {@code keepFor} is not empty; every other user gets their interactions back, with their weights.
     */
    public HoldOut holdOutOnly(HoldOut split, int[][] keepFor) {
        int[][] keep = new int[users][];
        float[][] keepWeights = new float[users][];
        int[][] held = new int[users][];
        for (int u = 0; u < users; u++) {
            boolean kept = keepFor[u] != null && keepFor[u].length > 0;
            keep[u] = kept ? split.train().positives()[u] : positives[u];
            keepWeights[u] = kept ? split.train().weights()[u] : weights[u];
            held[u] = kept ? split.heldOut()[u] : new int[0];
        }
        return new HoldOut(new Interactions(users, items, keep, keepWeights, features, featureDimension), held);
    }

    /** Builds sorted, de-duplicated positives from parallel (user, item, weight) arrays; a repeated pair keeps the last weight. */
    public static Interactions of(int users, int items, int[] userOf, int[] itemOf, float[] weightOf, float[] features,
            int featureDimension) {
        int[] counts = new int[users];
        for (int u : userOf) {
            counts[u]++;
        }
        int[][] pos = new int[users][];
        float[][] wts = new float[users][];
        for (int u = 0; u < users; u++) {
            pos[u] = new int[counts[u]];
            wts[u] = new float[counts[u]];
        }
        int[] fill = new int[users];
        Integer[] order = new Integer[userOf.length];
        for (int e = 0; e < order.length; e++) {
            order[e] = e;
        }
        Arrays.sort(order, (a, b) -> userOf[a] != userOf[b] ? Integer.compare(userOf[a], userOf[b]) : Integer.compare(itemOf[a], itemOf[b]));
        for (int e : order) {
            int u = userOf[e];
            int f = fill[u];
            if (f > 0 && pos[u][f - 1] == itemOf[e]) {
                wts[u][f - 1] = weightOf == null ? 1f : weightOf[e];
                continue;
            }
            pos[u][f] = itemOf[e];
            wts[u][f] = weightOf == null ? 1f : weightOf[e];
            fill[u]++;
        }
        for (int u = 0; u < users; u++) {
            pos[u] = Arrays.copyOf(pos[u], fill[u]);
            wts[u] = Arrays.copyOf(wts[u], fill[u]);
        }
        return new Interactions(users, items, pos, wts, features, featureDimension);
    }
}
