package rec4j.gcn;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import rec4j.numeric.Pools;

/**
 * The GCN's parameters and its forward and backward passes, gradients derived by hand.
 *
 * <pre>
 *   P   = X W                                  text features projected (ND4J GEMM), n x d
 *   E0  = fuse(U, P)                           NONE: U;  SUM: U + P;  CONCAT: [U | P];
 *                                              ATTENTION: g U + (1 - g) P with g = sigmoid([U | P] a + b) per node
 *   E   = (1 / (K + 1)) sum_k A^k E0           A = D^-1/2 A_w D^-1/2, symmetric
 *   backward: dE0 = (1 / (K + 1)) sum_k A^k dE (A is symmetric), then through fuse, dW = X^T dP (ND4J GEMM)
 * </pre>
 * A node whose ID is dropped (cold-start training) has U replaced by 0 in E0.
 */
final class GcnNetwork implements AutoCloseable {

    final GcnParameters params;
    final NormalizedAdjacency adjacency;
    final int nodes;
    final int d;
    final int width; // columns of E0 and E: d, or 2d for CONCAT
    final int featureDimension;

    final float[] id;         // U: nodes x d
    final float[] projection; // W: featureDimension x d (null without features)
    final float[] gate;       // a (2d) then b (1); ATTENTION only
    private final INDArray features; // X: nodes x featureDimension

    // forward results, reused between calls
    final float[] projected;  // P
    final float[] gates;      // g per node
    final float[] layer0;     // E0
    final float[] output;     // E
    private final float[] bufferA;
    private final float[] bufferB;
    private final java.util.concurrent.ExecutorService pool; // null at concurrency 1

    GcnNetwork(GcnParameters params, NormalizedAdjacency adjacency, Interactions data, Random random) {
        this.params = params;
        this.adjacency = adjacency;
        this.nodes = data.nodes();
        this.d = params.embeddingDimension();
        this.width = params.outputDimension();
        boolean text = params.fusion() != GcnParameters.Fusion.NONE;
        this.featureDimension = text ? data.featureDimension() : 0;
        this.id = new float[nodes * d];
        double std = 0.1; // LightGCN's normal init
        for (int i = 0; i < id.length; i++) {
            id[i] = (float) (random.nextGaussian() * std);
        }
        if (text) {
            this.projection = new float[featureDimension * d];
            double scale = Math.sqrt(1.0 / featureDimension); // unit-norm features -> projected rows of about id's scale
            for (int i = 0; i < projection.length; i++) {
                projection[i] = (float) (random.nextGaussian() * scale * std * Math.sqrt(d));
            }
            this.features = Nd4j.create(data.features(), new long[] {nodes, featureDimension}, 'c');
            this.projected = new float[nodes * d];
        } else {
            this.projection = null;
            this.features = null;
            this.projected = null;
        }
        this.gate = params.fusion() == GcnParameters.Fusion.ATTENTION ? new float[2 * d + 1] : null;
        this.gates = gate != null ? new float[nodes] : null;
        this.layer0 = new float[nodes * width];
        this.output = new float[nodes * width];
        this.bufferA = new float[nodes * width];
        this.bufferB = new float[nodes * width];
        this.pool = params.concurrency() > 1 ? Pools.daemon(params.concurrency(), "rec4j-gcn") : null;
    }

    /**
     * Runs {@code part.accept(k)} for k = 0 .. concurrency - 1, on the propagation threads (this thread at concurrency
     * 1), and waits for all; callers make the parts write disjoint places so the result does not depend on how many.
     */
    void parallel(java.util.function.IntConsumer part) {
        Pools.forEachPart(pool, Math.max(1, params.concurrency()), part, "GCN step");
    }

    /** Stops the propagation threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Computes E0 and E; {@code dropped} (may be null) marks nodes trained on text alone. */
    void forward(boolean[] dropped) {
        forward(id, projection, gate, dropped);
    }

    /** Computes E0 and E from the parameters given (this network's, or an average of them: {@link ParameterAverage}). */
    private void forward(float[] id, float[] projection, float[] gate, boolean[] dropped) {
        if (projection != null) {
            INDArray w = Nd4j.create(projection, new long[] {featureDimension, d}, 'c');
            float[] p = features.mmul(w).castTo(DataType.FLOAT).data().asFloat();
            System.arraycopy(p, 0, projected, 0, p.length);
        }
        for (int node = 0; node < nodes; node++) {
            boolean drop = dropped != null && dropped[node];
            int u = node * d;
            int e = node * width;
            switch (params.fusion()) {
                case NONE -> System.arraycopy(id, u, layer0, e, d);
                case SUM -> {
                    for (int c = 0; c < d; c++) {
                        layer0[e + c] = (drop ? 0 : id[u + c]) + projected[u + c];
                    }
                }
                case CONCAT -> {
                    for (int c = 0; c < d; c++) {
                        layer0[e + c] = drop ? 0 : id[u + c];
                        layer0[e + d + c] = projected[u + c];
                    }
                }
                case ATTENTION -> {
                    double z = gate[2 * d];
                    for (int c = 0; c < d; c++) {
                        z += (drop ? 0 : id[u + c]) * gate[c] + projected[u + c] * gate[d + c];
                    }
                    float g = (float) (1 / (1 + Math.exp(-z)));
                    gates[node] = g;
                    for (int c = 0; c < d; c++) {
                        layer0[e + c] = g * (drop ? 0 : id[u + c]) + (1 - g) * projected[u + c];
                    }
                }
            }
        }
        smooth(layer0, output);
    }

    /** out = (1 / (K + 1)) sum_{k=0..K} A^k in: the layer combination, forward and backward alike. */
    void smooth(float[] in, float[] out) {
        System.arraycopy(in, 0, out, 0, in.length);
        float[] current = in;
        float[] next = bufferA;
        for (int k = 1; k <= params.layers(); k++) {
            adjacency.propagate(current, next, width, pool, params.concurrency());
            for (int i = 0; i < out.length; i++) {
                out[i] += next[i];
            }
            current = next;
            next = next == bufferA ? bufferB : bufferA;
        }
        float scale = 1f / (params.layers() + 1);
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
    }

    /** Gradients of the parameters from dL/dE0; {@code gradId}, {@code gradProjection}, {@code gradGate} are overwritten. */
    void backwardFromLayer0(float[] dLayer0, boolean[] dropped, float[] gradId, float[] gradProjection, float[] gradGate) {
        float[] dProjected = projection != null ? new float[nodes * d] : null;
        if (gradGate != null) {
            Arrays.fill(gradGate, 0f);
        }
        for (int node = 0; node < nodes; node++) {
            boolean drop = dropped != null && dropped[node];
            int u = node * d;
            int e = node * width;
            switch (params.fusion()) {
                case NONE -> System.arraycopy(dLayer0, e, gradId, u, d);
                case SUM -> {
                    for (int c = 0; c < d; c++) {
                        gradId[u + c] = drop ? 0 : dLayer0[e + c];
                        dProjected[u + c] = dLayer0[e + c];
                    }
                }
                case CONCAT -> {
                    for (int c = 0; c < d; c++) {
                        gradId[u + c] = drop ? 0 : dLayer0[e + c];
                        dProjected[u + c] = dLayer0[e + d + c];
                    }
                }
                case ATTENTION -> {
                    float g = gates[node];
                    double s = 0; // dL/dz = (dE0 . (U - P)) g (1 - g)
                    for (int c = 0; c < d; c++) {
                        s += dLayer0[e + c] * ((drop ? 0 : id[u + c]) - projected[u + c]);
                    }
                    s *= g * (1 - g);
                    for (int c = 0; c < d; c++) {
                        gradId[u + c] = drop ? 0 : (float) (g * dLayer0[e + c] + s * gate[c]);
                        dProjected[u + c] = (float) ((1 - g) * dLayer0[e + c] + s * gate[d + c]);
                        gradGate[c] += (float) (s * (drop ? 0 : id[u + c]));
                        gradGate[d + c] += (float) (s * projected[u + c]);
                    }
                    gradGate[2 * d] += (float) s;
                }
            }
        }
        if (projection != null) {
            INDArray dp = Nd4j.create(dProjected, new long[] {nodes, d}, 'c');
            float[] dw = features.transpose().mmul(dp).castTo(DataType.FLOAT).data().asFloat();
            System.arraycopy(dw, 0, gradProjection, 0, dw.length);
        }
    }

    /** The final embeddings E as a copy (nodes x width). */
    float[] embeddings() {
        return embeddings(id, projection, gate);
    }

    /**
     * The final embeddings E of other parameters of this network's shape, as a copy; the forward buffers are
     * overwritten (a training step recomputes them).
     */
    float[] embeddings(float[] id, float[] projection, float[] gate) {
        forward(id, projection, gate, null);
        return output.clone();
    }
}
