package rec4j.gcn;

/**
 * The parameters the trainer returns: an average over its checkpoints (every {@code evaluateEvery} epochs and the
 * last epoch; when they are at least {@link #MIN_EVALUATE_EVERY} epochs apart) instead of the last step's values. Up
 * to eight checkpoints weigh equally; from then on it is a moving average that keeps {@link #DECAY} of the average at
 * each checkpoint. Validation ranks the averaged parameters, and a
 * refit for the picked epoch count ends on the same average, so the two runs agree.
 *
 * <p>Why: BPR with Adam at the default learning rate keeps the embeddings moving around a good region; their average
 * over the last checkpoints ranks better than any one of them. On MovieLens 100K through the procedures (three split
 * seeds) the defaults went from Recall@20 0.3693 to 0.3799 and NDCG@20 from 0.3224 to 0.3352 (docs/benchmarks.md, "GCN
 * defaults", with the equal-weight window of 8 checkpoints it was measured against). One copy of the parameters;
 * element by element, so the same floats at any concurrency.
 */
final class ParameterAverage {

    /** The share of the average kept at each checkpoint once it spans 1 / (1 - DECAY) = 8 checkpoints. */
    static final double DECAY = 0.875;

    /**
     * Checkpoints at least this many epochs apart are averaged; closer ones (evaluateEvery 'auto' above 65,536
     * interactions: every epoch or few) are not, and the model is the checkpoint's own parameters. There consecutive
     * checkpoints still carry the training's progress, and the average lagged behind it: on a generated graph of 1M
     * interactions, validated every 2 epochs, it came within 2 % of the reference's best after 10 epochs instead of 6.
     */
    static final int MIN_EVALUATE_EVERY = 10;

    private final float[][] average; // null when the checkpoints are not averaged
    private int checkpoints;

    ParameterAverage(GcnNetwork net) {
        this.average = !averages(net.params) ? null : new float[][] {new float[net.id.length],
                net.projection == null ? null : new float[net.projection.length],
                net.gate == null ? null : new float[net.gate.length]};
    }

    /** Whether training with these parameters averages its checkpoints. */
    static boolean averages(GcnParameters p) {
        return p.evaluateEvery() >= MIN_EVALUATE_EVERY;
    }

    /** Adds the network's parameters now as the next checkpoint. */
    void add(GcnNetwork net) {
        checkpoints++;
        if (average == null) {
            return;
        }
        float keep = (float) Math.min(DECAY, (checkpoints - 1.0) / checkpoints);
        float[][] now = {net.id, net.projection, net.gate};
        for (int k = 0; k < 3; k++) {
            if (average[k] == null) {
                continue;
            }
            for (int x = 0; x < average[k].length; x++) {
                average[k][x] = keep * average[k][x] + (1 - keep) * now[k][x];
            }
        }
    }

    /** Whether a checkpoint was added. */
    boolean isEmpty() {
        return checkpoints == 0;
    }

    /** A copy of the averaged parameters (of the network's own when not averaging): {id, projection or null, gate or null}. */
    float[][] mean(GcnNetwork net) {
        float[][] from = average != null ? average : new float[][] {net.id, net.projection, net.gate};
        float[][] copy = new float[3][];
        for (int k = 0; k < 3; k++) {
            copy[k] = from[k] == null ? null : from[k].clone();
        }
        return copy;
    }

    /** The final embeddings (nodes x width) of the averaged parameters (the network's own when not averaging), a copy. */
    float[] embeddings(GcnNetwork net) {
        return average == null ? net.embeddings() : net.embeddings(average[0], average[1], average[2]);
    }
}
