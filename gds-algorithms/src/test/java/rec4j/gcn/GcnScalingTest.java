package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GcnScalingTest {

    @Test
    void smallGraphsKeepTheReferenceBatchAndRate() {
        assertThat(GcnScaling.batchSize(1)).isEqualTo(GcnScaling.BASE_BATCH);
        assertThat(GcnScaling.batchSize(50_000)).isEqualTo(GcnScaling.BASE_BATCH); // ML-100K, the demo
        assertThat(GcnScaling.batchSize((long) GcnScaling.BASE_BATCH * GcnScaling.STEPS_PER_EPOCH))
                .isEqualTo(GcnScaling.BASE_BATCH);
        assertThat(GcnScaling.learningRate(0.01, GcnScaling.BASE_BATCH)).isEqualTo(0.01);
    }

    @Test
    void largerGraphsGetAPowerOfTwoBatchWithAtMostTheStepsPerEpoch() {
        for (long interactions : new long[] {(long) GcnScaling.BASE_BATCH * GcnScaling.STEPS_PER_EPOCH + 1, 300_000,
                1_000_000, 3_000_000, 10_000_000}) {
            int batch = GcnScaling.batchSize(interactions);
            assertThat(Integer.bitCount(batch)).isEqualTo(1);
            assertThat(batch).isGreaterThan(GcnScaling.BASE_BATCH);
            assertThat((interactions + batch - 1) / batch).isLessThanOrEqualTo(GcnScaling.STEPS_PER_EPOCH);
            assertThat((interactions + batch / 2 - 1) / (batch / 2)).isGreaterThan(GcnScaling.STEPS_PER_EPOCH);
        }
        assertThat(GcnScaling.batchSize(Long.MAX_VALUE / 2)).isEqualTo(GcnScaling.MAX_BATCH);
    }

    @Test
    void theRateGrowsWithTheSquareRootOfTheBatchUpToTheCap() {
        assertThat(GcnScaling.learningRate(0.01, 4 * GcnScaling.BASE_BATCH)).isCloseTo(0.02, within(1e-12));
        assertThat(GcnScaling.learningRate(0.01, GcnScaling.MAX_BATCH))
                .isCloseTo(0.01 * GcnScaling.MAX_RATE_FACTOR, within(1e-12));
        assertThat(GcnScaling.learningRate(0.01, 16)).isEqualTo(0.01); // below the reference batch: unchanged
    }

    @Test
    void validationComesEvery10EpochsOnSmallGraphsAndAfterAboutAsManySamplesOnLargerOnes() {
        assertThat(GcnScaling.evaluateEvery(1)).isEqualTo(10);
        assertThat(GcnScaling.evaluateEvery(50_000)).isEqualTo(10); // ML-100K, the demo: as before
        assertThat(GcnScaling.evaluateEvery((long) GcnScaling.BASE_BATCH * GcnScaling.STEPS_PER_EPOCH)).isEqualTo(10);
        assertThat(GcnScaling.evaluateEvery(100_000)).isEqualTo(6);
        assertThat(GcnScaling.evaluateEvery(300_000)).isEqualTo(2);
        for (long interactions : new long[] {1_000_000, 10_000_000, Long.MAX_VALUE}) {
            assertThat(GcnScaling.evaluateEvery(interactions)).isEqualTo(1);
        }
        for (long interactions = 70_000; interactions <= GcnScaling.SAMPLES_PER_EVALUATION; interactions += 10_000) {
            int every = GcnScaling.evaluateEvery(interactions);
            assertThat((long) every * interactions).isBetween(GcnScaling.SAMPLES_PER_EVALUATION / 2,
                    GcnScaling.SAMPLES_PER_EVALUATION);
        }
    }
}
