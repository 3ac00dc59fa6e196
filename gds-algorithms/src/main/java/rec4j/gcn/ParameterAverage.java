package rec4j.gcn;

import java.util.ArrayDeque;

/**
 * The parameters the trainer returns: the mean over its last {@link #WINDOW} checkpoints (a checkpoint every
 * {@code evaluateEvery} epochs and at the last epoch; fewer at the start) instead of the last step's values. Validation
 * ranks the averaged parameters, and a refit for the picked epoch count ends on the same mean, so the two runs agree.
 *
 * <p>Why: BPR with Adam at the default learning rate keeps the embeddings moving around a good region; their mean over
 * the last checkpoints ranks better than any one of them (docs/benchmarks.md, "GCN defaults": on MovieLens 100K the
 * defaults gain on each split seed). Memory: {@link #WINDOW} copies of the parameters and their sum; element by element
 * in checkpoint order, so the same floats at any concurrency.
 */
final class ParameterAverage {

    /** The checkpoints averaged. */
    static final int WINDOW = 8;

    private final ArrayDeque<float[][]> window = new ArrayDeque<>();
    private final double[][] sum;

    ParameterAverage(GcnNetwork net) {
        this.sum = new double[][] {new double[net.id.length],
                net.projection == null ? null : new double[net.projection.length],
                net.gate == null ? null : new double[net.gate.length]};
    }

    /** Adds the network's parameters now as the next checkpoint; the oldest leaves once there are {@link #WINDOW}. */
    void add(GcnNetwork net) {
        float[][] now = {net.id.clone(), net.projection == null ? null : net.projection.clone(),
                net.gate == null ? null : net.gate.clone()};
        float[][] leaving = window.size() == WINDOW ? window.removeFirst() : null;
        window.addLast(now);
        for (int k = 0; k < 3; k++) {
            if (sum[k] == null) {
                continue;
            }
            for (int x = 0; x < sum[k].length; x++) {
                sum[k][x] += now[k][x] - (leaving == null ? 0 : leaving[k][x]);
            }
        }
    }

    /** Whether a checkpoint was added. */
    boolean isEmpty() {
        return window.isEmpty();
    }

    /** The averaged parameters, new arrays: {id, projection or null, gate or null}. */
    float[][] mean() {
        float[][] mean = new float[3][];
        for (int k = 0; k < 3; k++) {
            if (sum[k] != null) {
                mean[k] = new float[sum[k].length];
                for (int x = 0; x < mean[k].length; x++) {
                    mean[k][x] = (float) (sum[k][x] / window.size());
                }
            }
        }
        return mean;
    }

    /** The final embeddings (nodes x width) of the given averaged parameters ({@link #mean}), a copy. */
    static float[] embeddings(GcnNetwork net, float[][] mean) {
        return net.embeddings(mean[0], mean[1], mean[2]);
    }
}
