package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NormalizedAdjacencyTest {

    // Users 0 and 1, items 2 and 3: u0-i2 (w 2), u0-i3 (w 1), u1-i2 (w 1).
    private static NormalizedAdjacency smallGraph() {
        return NormalizedAdjacency.fromEdges(4, new int[] {0, 0, 1}, new int[] {2, 3, 2}, new float[] {2f, 1f, 1f});
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void propagatesWithSymmetricNormalisation(int concurrency) {
        // weighted degrees: d0 = 3, d1 = 1, d2 = 3, d3 = 1
        float[] h = {1, 10, 2, 20, 3, 30, 4, 40}; // 4 nodes x 2 columns
        float[] out = new float[8];
        smallGraph().propagate(h, out, 2, concurrency);

        double n02 = 2 / Math.sqrt(3 * 3), n03 = 1 / Math.sqrt(3 * 1), n12 = 1 / Math.sqrt(1 * 3);
        assertThat((double) out[0]).isCloseTo(n02 * 3 + n03 * 4, within(1e-6));
        assertThat((double) out[1]).isCloseTo(n02 * 30 + n03 * 40, within(1e-5));
        assertThat((double) out[2]).isCloseTo(n12 * 3, within(1e-6));
        assertThat((double) out[4]).isCloseTo(n02 * 1 + n12 * 2, within(1e-6));
        assertThat((double) out[6]).isCloseTo(n03 * 1, within(1e-6));
    }

    @Test
    void propagationIsSymmetricSoItIsItsOwnBackward() {
        // <A x, y> == <x, A y> for random x, y
        NormalizedAdjacency a = smallGraph();
        java.util.Random random = new java.util.Random(42);
        float[] x = new float[12], y = new float[12], ax = new float[12], ay = new float[12];
        for (int i = 0; i < 12; i++) {
            x[i] = (float) random.nextGaussian();
            y[i] = (float) random.nextGaussian();
        }
        a.propagate(x, ax, 3, 1);
        a.propagate(y, ay, 3, 1);
        double left = 0, right = 0;
        for (int i = 0; i < 12; i++) {
            left += ax[i] * y[i];
            right += x[i] * ay[i];
        }
        assertThat(left).isCloseTo(right, within(1e-5));
        assertThat(left).isNotZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4})
    void aBipartiteGraphPushesTheSmallerSideAndGivesTheSameFloatsAsGatheringEveryRow(int concurrency) {
        for (int[] shape : new int[][] {{30, 7}, {7, 30}, {12, 12}}) { // users x items: the smaller side pushed
            int users = shape[0], items = shape[1], nodes = users + items;
            java.util.Random random = new java.util.Random(7);
            java.util.List<int[]> edges = new java.util.ArrayList<>();
            for (int u = 0; u < users; u++) {
                for (int i = 0; i < items; i++) {
                    if (random.nextDouble() < 0.3) {
                        edges.add(new int[] {u, users + i});
                    }
                }
            }
            int[] s = edges.stream().mapToInt(e -> e[0]).toArray(), t = edges.stream().mapToInt(e -> e[1]).toArray();
            float[] w = new float[s.length];
            for (int e = 0; e < w.length; e++) {
                w[e] = 0.5f + random.nextFloat();
            }
            NormalizedAdjacency bipartite = NormalizedAdjacency.fromEdges(nodes, users, s, t, w);
            NormalizedAdjacency general = NormalizedAdjacency.fromEdges(nodes, s, t, w);
            float[] h = new float[nodes * 5];
            for (int k = 0; k < h.length; k++) {
                h[k] = (float) random.nextGaussian();
            }
            float[] pushed = new float[h.length], gathered = new float[h.length];
            java.util.Arrays.fill(pushed, Float.NaN); // every row is overwritten
            bipartite.propagate(h, pushed, 5, concurrency);
            general.propagate(h, gathered, 5, 1);
            assertThat(pushed).as("%d x %d", users, items).containsExactly(gathered);
        }
    }

    @Test
    void aBipartiteSplitRefusesAnEdgeWithinOneSide() {
        assertThatThrownBy(() -> NormalizedAdjacency.fromEdges(4, 2, new int[] {0, 0}, new int[] {2, 1}, new float[] {1f, 1f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("edge 0 - 1 does not cross the split at 2");
    }

    @Test
    void rejectsNonPositiveWeights() {
        assertThatThrownBy(() -> NormalizedAdjacency.fromEdges(2, new int[] {0}, new int[] {1}, new float[] {0f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights must be finite and > 0, got 0.0");
    }
}
