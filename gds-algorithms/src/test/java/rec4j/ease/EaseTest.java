package rec4j.ease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import rec4j.numeric.Cholesky;

/** EASE against the closed form computed independently in double precision, its zero diagonal and a planted structure. */
class EaseTest {

    /** Random binary users x items lists, about {@code density} filled. */
    private static int[][] random(int users, int items, double density, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] rows = new int[users][];
        for (int u = 0; u < users; u++) {
            rows[u] = java.util.stream.IntStream.range(0, items).filter(i -> r.nextDouble() < density).toArray();
        }
        return rows;
    }

    /** B computed the textbook way: P = (X^T X + lambda I)^-1 by solving G P = I in double, B = -P / diag(P), diag 0. */
    private static double[][] reference(int items, int[][] rows, double lambda) {
        double[] g = new double[items * items];
        for (int[] row : rows) {
            for (int a : row) {
                for (int b : row) {
                    g[a * items + b]++;
                }
            }
        }
        for (int i = 0; i < items; i++) {
            g[i * items + i] += lambda;
        }
        double[] p = new double[items * items];
        for (int i = 0; i < items; i++) {
            p[i * items + i] = 1;
        }
        Cholesky.solveInPlace(g, items, p, items);
        double[][] b = new double[items][items];
        for (int j = 0; j < items; j++) {
            for (int i = 0; i < items; i++) {
                b[j][i] = i == j ? 0 : -p[j * items + i] / p[i * items + i];
            }
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void equalsTheClosedFormInDoublePrecision(int concurrency) {
        int items = 37;
        int[][] rows = random(60, items, 0.2, 7);
        Ease.Model m = Ease.fit(items, rows, 5.0, concurrency, () -> false);
        double[][] ref = reference(items, rows, 5.0);
        double maxAbs = 0;
        for (int j = 0; j < items; j++) {
            for (int i = 0; i < items; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(ref[j][i]));
                assertThat((double) m.weight(j, i)).as("B[%d][%d]", j, i).isCloseTo(ref[j][i],
                        org.assertj.core.data.Offset.offset(1e-5 + 1e-4 * Math.abs(ref[j][i])));
            }
            assertThat(m.weight(j, j)).isZero();
        }
        assertThat(maxAbs).as("a non-trivial model").isGreaterThan(0.01);
    }

    @Test
    void sameWeightsAtAnyConcurrency() {
        int[][] rows = random(200, 120, 0.1, 11);
        assertThat(Ease.fit(120, rows, 20, 1, () -> false).itemVectors())
                .containsExactly(Ease.fit(120, rows, 20, 4, () -> false).itemVectors());
    }

    @Test
    void duplicatesInARowCountOnce() {
        int[][] rows = random(50, 20, 0.3, 3);
        int[][] doubled = new int[rows.length][];
        for (int u = 0; u < rows.length; u++) {
            doubled[u] = java.util.stream.IntStream.concat(java.util.Arrays.stream(rows[u]), java.util.Arrays.stream(rows[u])).toArray();
        }
        assertThat(Ease.fit(20, doubled, 3, 2, () -> false).itemVectors()).containsExactly(Ease.fit(20, rows, 3, 2, () -> false).itemVectors());
    }

    /** Two planted groups of items, users inside one group each: a user's best unseen items are from their own group. */
    @Test
    void recommendsWithinThePlantedGroup() {
        int items = 40;
        SplittableRandom r = new SplittableRandom(5);
        int[][] rows = new int[300][];
        for (int u = 0; u < rows.length; u++) {
            int group = u % 2;
            rows[u] = java.util.stream.IntStream.range(0, items / 2).map(k -> group * items / 2 + k)
                    .filter(i -> r.nextDouble() < 0.3).toArray();
        }
        Ease.Model m = Ease.fit(items, rows, 10, 2, () -> false);
        float[] scores = new float[items];
        m.score(new int[] {1, 2, 3}, null, scores); // group 0
        double inside = 0, outside = 0;
        for (int i = 4; i < 20; i++) {
            inside += scores[i];
        }
        for (int i = 20; i < 40; i++) {
            outside += scores[i];
        }
        assertThat(inside / 16).isGreaterThan(0.01).isGreaterThan(10 * Math.abs(outside / 20));
    }

    @Test
    void terminationEndsTheFit() {
        int[][] rows = random(100, 300, 0.05, 1);
        assertThatThrownBy(() -> Ease.fit(300, rows, 10, 2, () -> true)).isInstanceOf(CancellationException.class);
    }

    @Test
    void badInputIsRefusedWithTheValue() {
        assertThatThrownBy(() -> Ease.fit(3, new int[][] {{0, 1}}, 0, 1, () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda > 0, got 0.0");
        assertThatThrownBy(() -> Ease.fit(3, new int[][] {{0, 3}}, 1, 1, () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of [0, 3)");
        assertThatThrownBy(() -> Ease.fit(0, new int[0][], 1, 1, () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }
}
