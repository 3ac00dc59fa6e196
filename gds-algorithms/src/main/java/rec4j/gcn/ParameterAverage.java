package rec4j.gcn;

/**
 * The parameters the trainer returns: an average over its checkpoints (every {@code evaluateEvery} epochs and the
 * last epoch) instead of the last step's values. Up to eight checkpoints weigh equally; from then on it is an
 * exponential moving average that keeps {@link #DECAY} of the average at each checkpoint. Validation ranks with the
 * averaged parameters, and a refit for the picked epoch count ends with the same average, so the two runs agree.
 *
 * <p>Why: BPR with Adam at the default learning rate keeps the embeddings moving around a good region; their average
 * over the last checkpoints ranks better than any one of them. On MovieLens 100K through the procedures (three split
 * seeds) the defaults went from Recall@20 0.3693 to 0.3799 and NDCG@20 0.3224 to 0.3352 (docs/benchmarks.md, "GCN
 * defaults"). One copy of the parameters; element by element, so the same floats at any concurrency.
 */
final class ParameterAverage {

    /** The share of the average kept at each checkpoint once it spans 1 / (1 - DECAY) checkpoints. */
    static final double DECAY = 0.875;

    final float[] id;
    final float[] projection;
    final float[] gate;
    private int checkpoints;

    ParameterAverage(GcnNetwork net) {
        this.id = new float[net.id.length];
        this.projection = net.projection == null ? null : new float[net.projection.length];
        this.gate = net.gate == null ? null : new float[net.gate.length];
    }

    /** Adds the network's parameters now as the next checkpoint. */
    void add(GcnNetwork net) {
        checkpoints++;
        float keep = (float) Math.min(DECAY, (checkpoints - 1.0) / checkpoints);
        mix(id, net.id, keep);
        mix(projection, net.projection, keep);
        mix(gate, net.gate, keep);
    }

    /** Whether a checkpoint was added. */
    boolean isEmpty() {
        return checkpoints == 0;
    }

    /** The final embeddings of the averaged parameters (nodes x width), a copy. */
    float[] embeddings(GcnNetwork net) {
        return net.embeddings(id, projection, gate);
    }

    /** A copy of the averaged parameters: {id, projection or null, gate or null}. */
    float[][] copy() {
        return new float[][] {id.clone(), projection == null ? null : projection.clone(), gate == null ? null : gate.clone()};
    }

    private static void mix(float[] average, float[] now, float keep) {
        if (average == null) {
            return;
        }
        for (int x = 0; x < average.length; x++) {
            average[x] = keep * average[x] + (1 - keep) * now[x];
        }
    }
}
