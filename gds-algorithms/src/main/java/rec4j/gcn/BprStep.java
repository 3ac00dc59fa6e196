package rec4j.gcn;

import java.util.Arrays;

/**
 * One BPR step of the GCN: forward, the mean loss of a batch of (user, positive, negative) triples plus L2 on their
 * layer-0 rows, and the parameter gradients (checked against finite differences by GradientCheckTest).
 */
final class BprStep {

    /** Triples per chunk of a step's loss: fixed, so that the summed loss does not depend on the concurrency. */
    static final int LOSS_CHUNK = 8192;

    private BprStep() {}

    /**
     * One BPR step: forward, the mean loss of the triples (plus L2), and the parameter gradients.
     *
     * <p>In parallel and yet the same floats at any concurrency: the triples' scores and loss are computed in fixed
     * chunks (summed in chunk order); each thread then adds the triples' gradients only into the rows it owns, visiting
     * the triples in order, so every row receives its terms in the order a single thread would add them.
     */
    static double step(GcnNetwork net, int users, int[] bu, int[] bi, int[] bj, int triples, boolean[] dropped,
            float[] dOutput, float[] dLayer0, float[] gradId, float[] gradProjection, float[] gradGate, double l2) {
        int width = net.width;
        net.forward(dropped);
        float[] e = net.output;
        float[] e0 = net.layer0;
        double scale = 1.0 / triples;
        float[] g = new float[triples];
        int chunks = (triples + LOSS_CHUNK - 1) / LOSS_CHUNK;
        double[] chunkLoss = new double[chunks], chunkReg = new double[chunks];
        int parts = Math.max(1, net.params.concurrency());
        net.parallel(part -> {
            for (int chunk = part; chunk < chunks; chunk += parts) {
                double loss = 0, reg = 0;
                for (int t = chunk * LOSS_CHUNK; t < Math.min(triples, (chunk + 1) * LOSS_CHUNK); t++) {
                    int ru = bu[t] * width, ri = (users + bi[t]) * width, rj = (users + bj[t]) * width;
                    double x = 0;
                    for (int c = 0; c < width; c++) {
                        x += e[ru + c] * (e[ri + c] - e[rj + c]);
                    }
                    loss += x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x)); // softplus(-x) = -ln sigmoid(x)
                    g[t] = (float) (-scale / (1 + Math.exp(x))); // d/dx softplus(-x) = -sigmoid(-x)
                    for (int which = 0; which < 3; which++) {
                        int row = which == 0 ? ru : which == 1 ? ri : rj;
                        for (int c = 0; c < width; c++) {
                            reg += e0[row + c] * e0[row + c];
                        }
                    }
                }
                chunkLoss[chunk] = loss;
                chunkReg[chunk] = reg;
            }
        });
        int nodes = net.nodes;
        Arrays.fill(dOutput, 0f);
        net.parallel(part -> {
            int from = bound(nodes, part, parts), to = bound(nodes, part + 1, parts);
            for (int t = 0; t < triples; t++) {
                int u = bu[t], i = users + bi[t], j = users + bj[t];
                int ru = u * width, ri = i * width, rj = j * width;
                float gt = g[t];
                if (u >= from && u < to) {
                    for (int c = 0; c < width; c++) {
                        dOutput[ru + c] += gt * (e[ri + c] - e[rj + c]);
                    }
                }
                if (i >= from && i < to) {
                    for (int c = 0; c < width; c++) {
                        dOutput[ri + c] += gt * e[ru + c];
                    }
                }
                if (j >= from && j < to) {
                    for (int c = 0; c < width; c++) {
                        dOutput[rj + c] -= gt * e[ru + c];
                    }
                }
            }
        });
        net.smooth(dOutput, dLayer0); // A is symmetric: the backward of the smoothing is the smoothing
        float l2s = (float) (l2 * scale);
        net.parallel(part -> {
            int from = bound(nodes, part, parts), to = bound(nodes, part + 1, parts);
            for (int t = 0; t < triples; t++) {
                for (int which = 0; which < 3; which++) {
                    int node = which == 0 ? bu[t] : users + (which == 1 ? bi[t] : bj[t]);
                    if (node < from || node >= to) {
                        continue;
                    }
                    int row = node * width;
                    for (int c = 0; c < width; c++) {
                        dLayer0[row + c] += l2s * e0[row + c];
                    }
                }
            }
        });
        net.backwardFromLayer0(dLayer0, dropped, gradId, gradProjection, gradGate);
        double loss = 0, reg = 0;
        for (int chunk = 0; chunk < chunks; chunk++) {
            loss += chunkLoss[chunk];
            reg += chunkReg[chunk];
        }
        return loss * scale + 0.5 * l2 * reg * scale;
    }

    /** The first row of part {@code part} of {@code parts} contiguous ranges over {@code rows} rows. */
    private static int bound(int rows, int part, int parts) {
        return (int) ((long) rows * part / parts);
    }
}
