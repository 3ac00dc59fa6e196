package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hand-derived gradients of one BPR step (loss + L2) against central finite differences, for every parameter
 * group: ID embeddings, text projection, attention gate; with dropped IDs and weighted edges.
 */
class GradientCheckTest {

    static final int USERS = 4, ITEMS = 5, FEATURES = 6;

    static Interactions graph() {
        int[] u = {0, 0, 0, 1, 1, 2, 2, 3, 3, 3};
        int[] i = {0, 1, 3, 1, 2, 2, 4, 0, 3, 4};
        float[] w = {1f, 2f, 1f, 5f, 1f, 3f, 1f, 1f, 4f, 2f};
        Random random = new Random(7);
        float[] features = new float[(USERS + ITEMS) * FEATURES];
        for (int k = 0; k < features.length; k++) {
            features[k] = k / FEATURES == 2 ? 0f : (float) random.nextGaussian(); // node 2 has no text
        }
        return Interactions.of(USERS, ITEMS, u, i, w, features, FEATURES);
    }

    @ParameterizedTest
    @EnumSource(GcnParameters.Fusion.class)
    void analyticGradientsMatchFiniteDifferences(GcnParameters.Fusion fusion) {
        Interactions data = graph();
        GcnParameters p = new GcnParameters(4, 2, 1, 4, 0.01, 0.05, 1.0, 1, fusion, 0.3, 1, 1, 1L, 1);
        try (GcnNetwork net = new GcnNetwork(p, data.adjacency(), data, new Random(3))) {
            Random random = new Random(11);
            for (int k = 0; k < net.id.length; k++) {
                net.id[k] = (float) random.nextGaussian();
            }
            if (net.projection != null) {
                for (int k = 0; k < net.projection.length; k++) {
                    net.projection[k] = (float) (random.nextGaussian() * 0.5);
                }
            }
            if (net.gate != null) {
                for (int k = 0; k < net.gate.length; k++) {
                    net.gate[k] = (float) (random.nextGaussian() * 0.5);
                }
            }
            boolean[] dropped = {false, true, false, false, false, false, true, false, false};
            int[] bu = {0, 1, 2, 3, 0}, bi = {1, 2, 4, 3, 0}, bj = {2, 0, 0, 1, 4};
            int n = net.nodes * net.width;
            float[] gradId = new float[net.id.length];
            float[] gradW = net.projection == null ? null : new float[net.projection.length];
            float[] gradGate = net.gate == null ? null : new float[net.gate.length];
            BprStep.step(net, USERS, bu, bi, bj, bu.length, dropped, new float[n], new float[n], gradId, gradW, gradGate, p.l2());

            double errorId = check(net, net.id, gradId, bu, bi, bj, dropped, p.l2());
            System.out.printf("%s: relative error ID embeddings %.2e", fusion, errorId);
            assertThat(errorId).isLessThan(1e-3);
            if (gradW != null) {
                double errorW = check(net, net.projection, gradW, bu, bi, bj, dropped, p.l2());
                System.out.printf(", text projection %.2e", errorW);
                assertThat(errorW).isLessThan(1e-3);
            }
            if (gradGate != null) {
                double errorGate = check(net, net.gate, gradGate, bu, bi, bj, dropped, p.l2());
                System.out.printf(", attention gate %.2e", errorGate);
                assertThat(errorGate).isLessThan(1e-3);
            }
            System.out.println();
        }
    }

    /** ||analytic - numeric|| / ||numeric|| over one parameter group, central differences. */
    private static double check(GcnNetwork net, float[] params, float[] analytic, int[] bu, int[] bi, int[] bj,
            boolean[] dropped, double l2) {
        float[] expected = analytic.clone();
        double eps = 1e-2;
        double diff = 0, norm = 0;
        int n = net.nodes * net.width;
        for (int k = 0; k < params.length; k++) {
            float original = params[k];
            params[k] = (float) (original + eps);
            double plus = loss(net, bu, bi, bj, dropped, l2, n);
            params[k] = (float) (original - eps);
            double minus = loss(net, bu, bi, bj, dropped, l2, n);
            params[k] = original;
            double numeric = (plus - minus) / (2 * eps);
            diff += (expected[k] - numeric) * (expected[k] - numeric);
            norm += numeric * numeric;
        }
        assertThat(norm).as("a gradient that is not zero").isGreaterThan(1e-6);
        return Math.sqrt(diff / norm);
    }

    private static double loss(GcnNetwork net, int[] bu, int[] bi, int[] bj, boolean[] dropped, double l2, int n) {
        return BprStep.step(net, USERS, bu, bi, bj, bu.length, dropped, new float[n], new float[n],
                new float[net.id.length], net.projection == null ? null : new float[net.projection.length],
                net.gate == null ? null : new float[net.gate.length], l2);
    }
}
