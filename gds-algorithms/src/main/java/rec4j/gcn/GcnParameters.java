package rec4j.gcn;

/**
 * Hyper-parameters of the GCN recommender, already validated by whoever built them.
 *
 * @param learningRateDecay the learning rate's factor per epoch: epoch e (from 1) trains at
 *                          {@code learningRate * learningRateDecay^(e - 1)}; 1 keeps it constant. The schedule depends on
 *                          the epoch alone, so a refit for the picked epoch count retraces the selection run's rates
 * @param fusion            how layer 0 combines the learned ID embedding with the projected text features
 * @param idDropout         probability, per node and mini-batch, of training a node on its text alone (cold start)
 * @param evaluateEvery     epochs between validation evaluations (early stopping looks at these)
 * @param patience          evaluations without improvement before training stops
 */
public record GcnParameters(
        int embeddingDimension,
        int layers,
        int epochs,
        int batchSize,
        double learningRate,
        double l2,
        double learningRateDecay,
        int negativeSamples,
        Fusion fusion,
        double idDropout,
        int evaluateEvery,
        int patience,
        long randomSeed,
        int concurrency) {

    public enum Fusion { NONE, SUM, CONCAT, ATTENTION }

    public static GcnParameters defaults() {
        return new GcnParameters(64, 3, 200, 2048, 0.001, 1e-4, 1.0, 1, Fusion.NONE, 0.0, 10, 5, 42L, 1);
    }

    public GcnParameters withEpochs(int value) {
        return new GcnParameters(embeddingDimension, layers, value, batchSize, learningRate, l2, learningRateDecay,
                negativeSamples, fusion, idDropout, evaluateEvery, patience, randomSeed, concurrency);
    }

    public GcnParameters withLearningRate(double value) {
        return new GcnParameters(embeddingDimension, layers, epochs, batchSize, value, l2, learningRateDecay,
                negativeSamples, fusion, idDropout, evaluateEvery, patience, randomSeed, concurrency);
    }

    public GcnParameters withBatchSize(int value) {
        return new GcnParameters(embeddingDimension, layers, epochs, value, learningRate, l2, learningRateDecay,
                negativeSamples, fusion, idDropout, evaluateEvery, patience, randomSeed, concurrency);
    }

    public GcnParameters withEvaluateEvery(int value) {
        return new GcnParameters(embeddingDimension, layers, epochs, batchSize, learningRate, l2, learningRateDecay,
                negativeSamples, fusion, idDropout, value, patience, randomSeed, concurrency);
    }

    public GcnParameters withRandomSeed(long value) {
        return new GcnParameters(embeddingDimension, layers, epochs, batchSize, learningRate, l2, learningRateDecay,
                negativeSamples, fusion, idDropout, evaluateEvery, patience, value, concurrency);
    }

    public GcnParameters withConcurrency(int value) {
        return new GcnParameters(embeddingDimension, layers, epochs, batchSize, learningRate, l2, learningRateDecay,
                negativeSamples, fusion, idDropout, evaluateEvery, patience, randomSeed, value);
    }

    public GcnParameters withFusion(Fusion value, double dropout) {
        return new GcnParameters(embeddingDimension, layers, epochs, batchSize, learningRate, l2, learningRateDecay,
                negativeSamples, value, dropout, evaluateEvery, patience, randomSeed, concurrency);
    }

    /** The dimension of a final embedding: twice the embedding dimension for CONCAT. */
    public int outputDimension() {
        return fusion == Fusion.CONCAT ? 2 * embeddingDimension : embeddingDimension;
    }
}
