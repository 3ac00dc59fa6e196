package rec4j.gcn;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import rec4j.numeric.Pools;

/**
 * The symmetric-normalised, edge-weighted adjacency D^-1/2 A_w D^-1/2 of an undirected graph in CSR form,
 * and the propagation h' = D^-1/2 A_w D^-1/2 h that every GCN layer applies. The matrix is symmetric, so
 * the same propagation is also the backward pass of a layer.
 *
 * <p>Nodes are rows 0..n-1; {@code offsets} has n+1 entries; {@code targets} and {@code weights} hold the
 * normalised weight w_ij / sqrt(d_i d_j) of each stored relationship, where d_i is the weighted degree.
 */
public record NormalizedAdjacency(int nodeCount, int[] offsets, int[] targets, float[] weights) {

    /**
     * From rows of an adjacency given as (source, target, weight) triples, each undirected edge listed once;
     * both directions are stored.
     */
    public static NormalizedAdjacency fromEdges(int nodeCount, int[] sources, int[] targetsIn, float[] weightsIn) {
        if (sources.length != targetsIn.length || sources.length != weightsIn.length) {
            throw new IllegalArgumentException("sources, targets and weights differ in length: "
                    + sources.length + ", " + targetsIn.length + ", " + weightsIn.length);
        }
        int[] offsets = new int[nodeCount + 1];
        for (int e = 0; e < sources.length; e++) {
            offsets[sources[e] + 1]++;
            offsets[targetsIn[e] + 1]++;
        }
        for (int node = 0; node < nodeCount; node++) {
            offsets[node + 1] += offsets[node];
        }
        int[] cursor = offsets.clone();
        int[] targets = new int[offsets[nodeCount]];
        float[] raw = new float[offsets[nodeCount]];
        for (int e = 0; e < sources.length; e++) {
            int a = cursor[sources[e]]++;
            targets[a] = targetsIn[e];
            raw[a] = weightsIn[e];
            int b = cursor[targetsIn[e]]++;
            targets[b] = sources[e];
            raw[b] = weightsIn[e];
        }
        return normalize(nodeCount, offsets, targets, raw);
    }

    private static NormalizedAdjacency normalize(int n, int[] offsets, int[] targets, float[] raw) {
        double[] inverseSqrtDegree = new double[n];
        for (int node = 0; node < n; node++) {
            double degree = 0;
            for (int e = offsets[node]; e < offsets[node + 1]; e++) {
                if (!(raw[e] > 0) || Float.isInfinite(raw[e])) {
                    throw new IllegalArgumentException("Relationship weights must be finite and > 0, got "
                            + raw[e] + " on a relationship of node " + node);
                }
                degree += raw[e];
            }
            inverseSqrtDegree[node] = degree > 0 ? 1.0 / Math.sqrt(degree) : 0.0;
        }
        float[] weights = new float[raw.length];
        for (int node = 0; node < n; node++) {
            for (int e = offsets[node]; e < offsets[node + 1]; e++) {
                weights[e] = (float) (raw[e] * inverseSqrtDegree[node] * inverseSqrtDegree[targets[e]]);
            }
        }
        return new NormalizedAdjacency(n, offsets, targets, weights);
    }

    /**
     * out = Â · in, for row-major matrices of {@code dimension} columns; rows are split into
     * {@code concurrency} contiguous ranges, so the result does not depend on the concurrency.
     */
    public void propagate(float[] in, float[] out, int dimension, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        if (concurrency == 1) {
            propagate(in, out, dimension, null, 1);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            propagate(in, out, dimension, pool, concurrency);
        } finally {
            pool.shutdownNow();
        }
    }

    /** As {@link #propagate(float[], float[], int, int)} on a pool that the caller keeps (null: this thread). */
    public void propagate(float[] in, float[] out, int dimension, ExecutorService pool, int parts) {
        if (in.length != nodeCount * dimension || out.length != in.length) {
            throw new IllegalArgumentException("Expected " + nodeCount + " x " + dimension + " values, got "
                    + in.length + " in and " + out.length + " out");
        }
        int chunk = Math.max(1, (nodeCount + parts - 1) / Math.max(1, parts));
        int chunks = (nodeCount + chunk - 1) / chunk;
        Pools.forEachPart(pool, chunks, k -> propagateRows(in, out, dimension, k * chunk,
                Math.min(nodeCount, (k + 1) * chunk)), "Propagation");
    }

    private void propagateRows(float[] in, float[] out, int dimension, int from, int to) {
        for (int node = from; node < to; node++) {
            int row = node * dimension;
            java.util.Arrays.fill(out, row, row + dimension, 0f);
            for (int e = offsets[node]; e < offsets[node + 1]; e++) {
                float w = weights[e];
                int source = targets[e] * dimension;
                for (int c = 0; c < dimension; c++) {
                    out[row + c] += w * in[source + c];
                }
            }
        }
    }
}
