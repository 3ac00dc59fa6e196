package rec4j.gcn;

/**
 * The batch size and learning rate of rec.gcn.train where the user leaves them to the graph ('auto'). Every training
 * step propagates the whole graph, so an epoch costs (interactions / batch) propagations: at the reference batch of
 * 2048 a graph of 1M interactions pays 440 propagations an epoch. Here the batch grows with the graph so that an epoch
 * has at most {@link #STEPS_PER_EPOCH} steps, and the learning rate grows with the square root of the batch (the
 * gradient of a larger batch is less noisy; Adam's steps have a fixed size, so a linear rise overshoots), up to
 * {@link #MAX_RATE_FACTOR} times the reference rate (at 1M interactions 4x stalled 1.2 % lower than 2x). Graphs small
 * enough for the reference batch keep it, and with it the reference rate: ML-100K and the demo train as before.
 * Measured by bench TimeToQuality (docs/benchmarks.md "Training at scale").
 */
public final class GcnScaling {

    /** The reference batch (LightGCN's), kept while an epoch has at most {@link #STEPS_PER_EPOCH} batches. */
    public static final int BASE_BATCH = 2048;
    /** Above the reference batch: the most steps in an epoch. */
    public static final int STEPS_PER_EPOCH = 32;
    /** The largest automatic batch. */
    public static final int MAX_BATCH = 1 << 20;
    /** The most the automatic learning rate exceeds the given rate. */
    public static final double MAX_RATE_FACTOR = 2;
    /** Validation every this many epochs while the reference batch is kept. */
    public static final int BASE_EVALUATE_EVERY = 10;
    /**
     * Training samples between two validations on larger graphs: {@link #BASE_EVALUATE_EVERY} epochs of the largest graph
     * that keeps the reference batch (32 x 2048 interactions).
     */
    public static final long SAMPLES_PER_EVALUATION = (long) BASE_EVALUATE_EVERY * BASE_BATCH * STEPS_PER_EPOCH;

    private GcnScaling() {}

    /**
     * The automatic batch for {@code interactions} training interactions: the reference batch, doubled until an epoch
     * has at most {@link #STEPS_PER_EPOCH} steps (at most {@link #MAX_BATCH}).
     */
    public static int batchSize(long interactions) {
        long wanted = (interactions + STEPS_PER_EPOCH - 1) / STEPS_PER_EPOCH;
        int batch = BASE_BATCH;
        while (batch < wanted && batch < MAX_BATCH) {
            batch <<= 1;
        }
        return batch;
    }

    /** The automatic learning rate at {@code batch}: {@code rate} (the rate at the reference batch) x sqrt(batch / 2048), capped. */
    public static double learningRate(double rate, int batch) {
        double factor = Math.sqrt(Math.max(1.0, batch / (double) BASE_BATCH));
        return rate * Math.min(MAX_RATE_FACTOR, factor);
    }

    /**
     * The automatic validation period for {@code interactions} training interactions: every {@link #BASE_EVALUATE_EVERY}
     * epochs up to 65,536 interactions (ML-100K and the demo as before), above that after about
     * {@link #SAMPLES_PER_EVALUATION} samples, at least every epoch (1M interactions: every epoch). A larger graph needs
     * fewer epochs (on the generated graphs about as many samples) to converge, so a fixed period of 10 epochs, with
     * patience 5, would train 50 epochs past the best one.
     */
    public static int evaluateEvery(long interactions) {
        return (int) Math.max(1, Math.min(BASE_EVALUATE_EVERY, SAMPLES_PER_EVALUATION / Math.max(1, interactions)));
    }
}
