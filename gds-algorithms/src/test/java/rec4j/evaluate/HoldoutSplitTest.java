package rec4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldoutSplitTest {

    // user u has 10 interactions with items u..u+9 (user 3 has one, item 0), timestamps 100 * item + u
    private static int[][] data() {
        List<int[]> rows = new ArrayList<>();
        for (int u = 0; u < 3; u++) {
            for (int i = u; i < u + 10; i++) {
                rows.add(new int[] {u, i});
            }
        }
        rows.add(new int[] {3, 0});
        return rows.toArray(new int[0][]);
    }

    private static HoldoutSplit.Result split(HoldoutSplit.Strategy strategy, double fraction, long seed) {
        int[][] d = data();
        int[] us = new int[d.length], is = new int[d.length];
        double[] ts = new double[d.length];
        for (int e = 0; e < d.length; e++) {
            us[e] = d[e][0];
            is[e] = d[e][1];
            ts[e] = 100.0 * d[e][1] + d[e][0];
        }
        return HoldoutSplit.split(4, 12, us, is, ts, strategy, fraction, seed);
    }

    @Test
    void randomHoldsOutTheFractionPerUserReproducibly() {
        HoldoutSplit.Result a = split(HoldoutSplit.Strategy.RANDOM, 0.2, 7);
        assertThat(a.testCount()).isEqualTo(6); // 2 of 10 for users 0-2; user 3 keeps its only interaction
        assertThat(a.usersWithTest()).isEqualTo(3);
        for (int u = 0; u < 3; u++) {
            int count = 0;
            for (int e = 10 * u; e < 10 * u + 10; e++) {
                count += a.test()[e] ? 1 : 0;
            }
            assertThat(count).isEqualTo(2);
        }
        assertThat(a.test()[30]).isFalse();
        assertThat(split(HoldoutSplit.Strategy.RANDOM, 0.2, 7).test()).isEqualTo(a.test());
        assertThat(split(HoldoutSplit.Strategy.RANDOM, 0.2, 8).test()).isNotEqualTo(a.test());
        // a user keeps at least one training interaction
        assertThat(split(HoldoutSplit.Strategy.RANDOM, 0.99, 7).testCount()).isEqualTo(27);
    }

    @Test
    void temporalHoldsOutTheLatest() {
        HoldoutSplit.Result t = split(HoldoutSplit.Strategy.TEMPORAL, 0.3, 1);
        List<Integer> held = new ArrayList<>();
        for (int e = 0; e < t.test().length; e++) {
            if (t.test()[e]) {
                held.add(e);
            }
        }
        // the last three interactions (items u+7..u+9) of users 0-2
        assertThat(held).containsExactly(7, 8, 9, 17, 18, 19, 27, 28, 29);
        // equal times: the later interaction in input order is the later one
        HoldoutSplit.Result tie = HoldoutSplit.split(1, 3, new int[] {0, 0, 0}, new int[] {0, 1, 2}, new double[] {5, 5, 5},
                HoldoutSplit.Strategy.TEMPORAL, 0.34, 1);
        assertThat(tie.test()).containsExactly(false, false, true);
    }

    @Test
    void coldItemsHoldsOutEveryInteractionOfTheChosenItems() {
        HoldoutSplit.Result c = split(HoldoutSplit.Strategy.COLD_ITEMS, 0.25, 3);
        assertThat(c.coldItems()).hasSize(3); // round(12 x 0.25)
        int[][] d = data();
        int expected = 0;
        for (int e = 0; e < d.length; e++) {
            boolean cold = java.util.Arrays.binarySearch(c.coldItems(), d[e][1]) >= 0;
            assertThat(c.test()[e]).isEqualTo(cold);
            expected += cold ? 1 : 0;
        }
        assertThat(c.testCount()).isEqualTo(expected).isPositive();
        assertThat(split(HoldoutSplit.Strategy.COLD_ITEMS, 0.25, 3).coldItems()).isEqualTo(c.coldItems());
        assertThat(split(HoldoutSplit.Strategy.COLD_ITEMS, 0.25, 4).coldItems()).isNotEqualTo(c.coldItems());
    }

    @Test
    void fractionOutsideTheOpenUnitIntervalIsRefused() {
        for (double f : new double[] {0, 1, 1.5, -0.1, Double.NaN}) {
            assertThatThrownBy(() -> split(HoldoutSplit.Strategy.RANDOM, f, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be in (0, 1)");
        }
    }
}
