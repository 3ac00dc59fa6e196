package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guard with a given free heap: it refuses what does not fit, unless sudo, and lets through what fits. */
class MemoryGuardTest {

    private static final long GIB = 1L << 30;

    private static GcnMemoryEstimate.Estimate estimate() {
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put("interactions", 100L << 20);
        parts.put("batchTriples", 2 * GIB);
        parts.put("embeddingsAndAdam", GIB);
        parts.put("propagationBuffers", 512L << 20);
        parts.put("phaseTrain", 3 * GIB + (100L << 20));
        return new GcnMemoryEstimate.Estimate(3 * GIB + (100L << 20), parts);
    }

    @Test
    void refusesAnEstimateAboveTheFreeHeapWithTheNumbersAndTheKeys() {
        assertThatThrownBy(() -> MemoryGuard.check("rec.gcn.train", estimate(), false, "batchSize or negativeSamples",
                GIB + GIB / 5, 4 * GIB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.gcn.train: the estimated heap needed, 3.1 GiB, exceeds the free heap, 1.2 GiB (max heap "
                        + "4.0 GiB; largest parts: batchTriples 2.0 GiB, embeddingsAndAdam 1.0 GiB, propagationBuffers "
                        + "512.0 MiB); lower batchSize or negativeSamples, or pass sudo: true to run anyway");
    }

    @Test
    void sudoRunsAnyway() {
        assertThatCode(() -> MemoryGuard.check("rec.gcn.train", estimate(), true, "batchSize", GIB, 4 * GIB))
                .doesNotThrowAnyException();
    }

    @Test
    void anEstimateThatFitsPasses() {
        assertThatCode(() -> MemoryGuard.check("rec.gcn.train", estimate(), false, "batchSize", 3 * GIB + (100L << 20), 4 * GIB))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> MemoryGuard.check("rec.gcn.write", estimate(), false, "batchSize", 3 * GIB + (100L << 20) - 1,
                4 * GIB)).hasMessageStartingWith("rec.gcn.write: the estimated heap needed");
    }
}
