package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training estimate counts every allocation that grows with the configuration, in long arithmetic. */
class GcnMemoryEstimateTest {

    /** What one array may take beyond its payload: its header, and under G1 the rest of its last region (at most 32 MiB). */
    private static final long SLACK = 32L << 20;

    private static GcnParameters params(int dimension, int batchSize, int negatives, GcnParameters.Fusion fusion) {
        GcnParameters d = GcnParameters.defaults();
        return new GcnParameters(dimension, d.layers(), 1, batchSize, d.learningRate(), d.l2(), 1.0, negatives, fusion,
                d.idDropout(), d.evaluateEvery(), d.patience(), d.randomSeed(), 1);
    }

    /** 6,000 users and 4,000 items, batches of 2048 with one negative each. */
    private static GcnMemoryEstimate.Estimate small(long interactions, int featureDimension, int dimension,
            GcnParameters.Fusion fusion, double validationFraction) {
        return GcnMemoryEstimate.train(6_000, 4_000, interactions, featureDimension,
                params(dimension, 2048, 1, fusion), validationFraction);
    }

    @Test
    void countsTheBatchTriplesOfAClampedBatch() {
        // 6,000 users, 4,000 items, 1,000,000 interactions: a batch of 10,000,000 is one epoch, 1,000,000 triples x 100;
        // per triple three ints (user, positive, negative) and a float (its loss gradient)
        GcnMemoryEstimate.Estimate huge = GcnMemoryEstimate.train(6_000, 4_000, 1_000_000, 0,
                params(64, 10_000_000, 100, GcnParameters.Fusion.NONE), 0.0);
        assertThat(huge.components().get("batchTriples")).isBetween(4L * 4 * 1_000_000 * 100, 4L * 4 * 1_000_000 * 100 + 4 * SLACK);
        assertThat(huge.bytes()).isGreaterThan(1_200_000_000L);

        GcnMemoryEstimate.Estimate small = GcnMemoryEstimate.train(6_000, 4_000, 1_000_000, 0,
                params(64, 2048, 100, GcnParameters.Fusion.NONE), 0.0);
        assertThat(small.components().get("batchTriples")).isBetween(4L * 4 * 2048 * 100, 4L * 4 * 2048 * 100 + 4 * SLACK);
        assertThat(small.bytes()).isLessThan(huge.bytes() - 1_000_000_000L);
    }

    @Test
    void aBatchBeyondIntegerRangeGivesAHugeEstimateNotAnOverflow() {
        // 10,000,000 x 100 triples: 1e9 per array, 1.6e10 bytes for the four, beyond Integer.MAX_VALUE
        GcnMemoryEstimate.Estimate e = GcnMemoryEstimate.train(1_000_000, 1_000_000, 50_000_000, 0,
                params(64, 10_000_000, 100, GcnParameters.Fusion.NONE), 0.1);
        assertThat(e.components().get("batchTriples")).isBetween(16_000_000_000L, 16_000_000_000L + 4 * SLACK);
        assertThat(e.bytes()).isGreaterThan(16_000_000_000L);
        assertThat(e.components().values()).allMatch(v -> v >= 0);
    }

    @Test
    void theEmbeddingMatricesGrowWithTheDimension() {
        // the repro: embeddingDimension 4096 on 65,000 nodes; a float matrix is 65,000 x 4096 x 4 = 1.06 GB,
        // and training holds at least ten of them (parameters, Adam's moments, gradient, six propagation buffers)
        GcnMemoryEstimate.Estimate e = GcnMemoryEstimate.train(40_000, 25_000, 1_000_000, 0,
                params(4096, 2048, 1, GcnParameters.Fusion.NONE), 0.0);
        assertThat(e.bytes()).isGreaterThan(10L * 65_000 * 4096 * 4);
        assertThat(e.components().get("phaseTrain")).isEqualTo(e.bytes());
    }

    @Test
    void textFusionCountsTheFeaturesAndTheProjection() {
        GcnMemoryEstimate.Estimate none = small(100_000, 384, 128, GcnParameters.Fusion.NONE, 0.0);
        GcnMemoryEstimate.Estimate sum = small(100_000, 384, 128, GcnParameters.Fusion.SUM, 0.0);
        GcnMemoryEstimate.Estimate concat = small(100_000, 384, 128, GcnParameters.Fusion.CONCAT, 0.0);
        assertThat(none.components().get("features")).isZero();
        assertThat(sum.components().get("features")).isBetween(10_000L * 384 * 4, 10_000L * 384 * 4 + SLACK);
        // the features, the projected rows, and the projection with its Adam state and gradient
        assertThat(sum.bytes() - none.bytes()).isGreaterThanOrEqualTo(10_000L * 384 * 4 + 10_000L * 128 * 4 + 4L * 384 * 128 * 4);
        // concat doubles the width of the propagated matrices
        assertThat(concat.components().get("propagationBuffers")).isBetween(6L * 10_000 * 256 * 4, 6L * 10_000 * 256 * 4 + 7 * SLACK);
        assertThat(sum.components().get("propagationBuffers")).isBetween(6L * 10_000 * 128 * 4, 6L * 10_000 * 128 * 4 + 7 * SLACK);
    }

    @Test
    void validationAddsTheSplitAndTheEvaluationCopies() {
        GcnMemoryEstimate.Estimate without = small(1_000_000, 0, 64, GcnParameters.Fusion.NONE, 0.0);
        GcnMemoryEstimate.Estimate with = small(1_000_000, 0, 64, GcnParameters.Fusion.NONE, 0.1);
        assertThat(with.components().get("interactions") - without.components().get("interactions"))
                .isGreaterThanOrEqualTo(1_000_000L * 12);
        assertThat(with.bytes()).isGreaterThan(without.bytes());
    }

    @Test
    void aRefitKeepsTheSelectionModelBesideItsRun() {
        GcnParameters sum = params(128, 2048, 1, GcnParameters.Fusion.SUM);
        GcnMemoryEstimate.Estimate selectOnly = GcnMemoryEstimate.train(6_000, 4_000, 100_000, 384, sum, 0.1, false);
        GcnMemoryEstimate.Estimate refit = GcnMemoryEstimate.train(6_000, 4_000, 100_000, 384, sum, 0.1, true);
        // the selection's final and ID embeddings and its projection: 10,000 x 128 floats twice and 384 x 128 floats
        long selectionModel = refit.components().get("selectionModel");
        assertThat(selectionModel).isBetween(2L * 10_000 * 128 * 4 + 384 * 128 * 4,
                2L * 10_000 * 128 * 4 + 384 * 128 * 4 + 3 * SLACK);
        assertThat(selectOnly.components()).doesNotContainKey("selectionModel");
        assertThat(refit.components().get("phaseEnd") - selectOnly.components().get("phaseEnd")).isEqualTo(selectionModel);
        assertThat(refit.components().get("phaseSave") - selectOnly.components().get("phaseSave")).isEqualTo(selectionModel);
        // in training, the refit's step (projected-row and projection gradients) beside the selection model takes the
        // place of the selection run's evaluation copies where it is larger
        Map<String, Long> c = refit.components();
        long extra = Math.max(0, c.get("textStep") + selectionModel - Math.max(c.get("textStep"), c.get("evaluation")));
        assertThat(c.get("phaseTrain") - selectOnly.components().get("phaseTrain")).isEqualTo(extra);
        assertThat(refit.bytes()).isGreaterThanOrEqualTo(selectOnly.bytes());
        // without validation there is no refit
        assertThat(GcnMemoryEstimate.train(6_000, 4_000, 100_000, 384, sum, 0.0, true))
                .isEqualTo(GcnMemoryEstimate.train(6_000, 4_000, 100_000, 384, sum, 0.0, false));
    }
}
