package rec4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** z-score blending by hand, NaN handling, and the weight search picking the method that knows the validation items. */
class BlendTest {

    @Test
    void standardisesAndMixesByHand() {
        float[] a = {1, 2, 3, Float.NaN};   // mean 2, sd sqrt(2/3): z = -1.2247, 0, 1.2247
        float[] b = {10, 10, 40, 20};       // mean 20, sd sqrt(150) = 12.247: z = -0.8165, -0.8165, 1.633, 0
        Blend.mix(a, b, 0.25);
        assertThat(a[0]).isCloseTo((float) (0.25 * -1.224745 + 0.75 * -0.816497), within(1e-5f));
        assertThat(a[1]).isCloseTo((float) (0.75 * -0.816497), within(1e-5f));
        assertThat(a[2]).isCloseTo((float) (0.25 * 1.224745 + 0.75 * 1.632993), within(1e-5f));
        assertThat(a[3]).as("only b scores it: b's z-score").isCloseTo(0f, within(1e-6f));
        float[] same = {5, 5, Float.NaN};
        Blend.standardise(same);
        assertThat(same[0]).isZero();
        assertThat(same[2]).isNaN();
        assertThatThrownBy(() -> Blend.of((u, s) -> { }, (u, s) -> { }, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1], got 1.5");
    }

    /**
     * Method a ranks user u's validation item first, b ranks it last: the pick is the lowest weight at which a's
     * ranking wins (recall 1, every lower weight below that); swapped, weight 0 (all of the good method).
     */
    @Test
    void pickWeightFollowsTheMethodThatFindsTheValidationItems() {
        int users = 4, items = 30;
        int[][] train = new int[users][0];
        int[][] test = new int[users][];
        for (int u = 0; u < users; u++) {
            test[u] = new int[] {u};
        }
        OfflineEvaluation.Input in = new OfflineEvaluation.Input(users, items, train, test,
                java.util.stream.IntStream.range(0, items).toArray(), null);
        OfflineEvaluation.Scorer good = (u, s) -> {
            for (int i = 0; i < items; i++) {
                s[i] = i == u ? 10 : i % 7;
            }
        };
        OfflineEvaluation.Scorer bad = (u, s) -> {
            for (int i = 0; i < items; i++) {
                s[i] = i == u ? -10 : i % 5;
            }
        };
        Blend.Pick pick = Blend.pickWeight(in, good, bad, 1, 2);
        assertThat(pick.recall()).isEqualTo(1.0);
        assertThat(pick.weight()).isGreaterThan(0.5);
        assertThat(pick.recalls()).hasSize(Blend.GRID.length);
        for (int g = 0; g < Blend.GRID.length; g++) {
            assertThat(pick.recalls()[g]).as("weight %s", Blend.GRID[g]).isEqualTo(Blend.GRID[g] < pick.weight() ? 0.0 : 1.0);
        }
        assertThat(Blend.pickWeight(in, bad, good, 1, 2).weight()).isEqualTo(0.0);
    }

    /** Reciprocal-rank fusion by hand: 1 / (60 + rank), ranks from 1, NaN unranked. */
    @Test
    void rankFusionByHand() {
        OfflineEvaluation.Scorer a = (u, s) -> {
            s[0] = 3; s[1] = 2; s[2] = 1; s[3] = Float.NaN;   // ranks 1, 2, 3, none
        };
        OfflineEvaluation.Scorer b = (u, s) -> {
            s[0] = 0; s[1] = 5; s[2] = 9; s[3] = 1;            // ranks 4, 2, 1, 3
        };
        float[] out = new float[4];
        Blend.ranks(a, b, 0.25).score(0, out);
        assertThat(out[0]).isCloseTo((float) (0.25 / 61 + 0.75 / 64), within(1e-7f));
        assertThat(out[1]).isCloseTo((float) (0.25 / 62 + 0.75 / 62), within(1e-7f));
        assertThat(out[2]).isCloseTo((float) (0.25 / 63 + 0.75 / 61), within(1e-7f));
        assertThat(out[3]).isCloseTo((float) (0.75 / 63), within(1e-7f));
    }
}
