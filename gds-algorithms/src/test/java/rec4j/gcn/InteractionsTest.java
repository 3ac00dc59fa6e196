package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InteractionsTest {

    @Test
    void ofSortsAndDeduplicatesKeepingTheLastWeight() {
        Interactions data = Interactions.of(3, 6,
                new int[] {1, 0, 1, 0, 1, 0},
                new int[] {5, 3, 2, 1, 5, 3},
                new float[] {1, 2, 3, 4, 5, 6}, null, 0);
        assertThat(data.positives()[0]).containsExactly(1, 3);
        assertThat(data.weights()[0]).containsExactly(4f, 6f);
        assertThat(data.positives()[1]).containsExactly(2, 5);
        assertThat(data.weights()[1]).containsExactly(3f, 5f);
        assertThat(data.positives()[2]).isEmpty();
        assertThat(data.weights()[2]).isEmpty();
        assertThat(data.interactionCount()).isEqualTo(4);
        assertThat(data.nodes()).isEqualTo(9);
        assertThat(data.hasFeatures()).isFalse();
    }

    @Test
    void aRepeatedPairKeepsTheLastWeightInInputOrder() {
        Interactions data = Interactions.of(1, 3, new int[] {0, 0, 0, 0}, new int[] {2, 2, 0, 2},
                new float[] {7, 8, 1, 9}, null, 0);
        assertThat(data.positives()[0]).containsExactly(0, 2);
        assertThat(data.weights()[0]).containsExactly(1f, 9f);
    }

    @Test
    void nullWeightsAreOne() {
        Interactions data = Interactions.of(2, 4, new int[] {0, 1, 0}, new int[] {3, 0, 1}, null, null, 0);
        assertThat(data.weights()[0]).containsExactly(1f, 1f);
        assertThat(data.weights()[1]).containsExactly(1f);
    }

    @Test
    void isPositive() {
        Interactions data = Interactions.of(2, 5, new int[] {0, 0, 1}, new int[] {4, 1, 2}, null, null, 0);
        assertThat(data.isPositive(0, 1)).isTrue();
        assertThat(data.isPositive(0, 4)).isTrue();
        assertThat(data.isPositive(0, 2)).isFalse();
        assertThat(data.isPositive(1, 2)).isTrue();
        assertThat(data.isPositive(1, 1)).isFalse();
        assertThat(data.isPositive(1, 0)).isFalse();
    }

    @Test
    void featuresMustHaveOneRowPerNode() {
        Interactions with = Interactions.of(1, 2, new int[] {0}, new int[] {1}, null, new float[6], 2);
        assertThat(with.hasFeatures()).isTrue();
        assertThatThrownBy(() -> Interactions.of(1, 2, new int[] {0}, new int[] {1}, null, new float[5], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features must be (users + items) x 2 = 6 values, got 5");
    }

    @Test
    void theConstructorChecksItsRows() {
        assertThatThrownBy(() -> new Interactions(2, 3, new int[][] {{0}}, new float[][] {{1}}, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("positives and weights need one row per user (2)");
        assertThatThrownBy(() -> new Interactions(1, 3, new int[][] {{0}}, new float[][] {{1}, {1}}, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("positives and weights need one row per user (1)");
        assertThatThrownBy(() -> new Interactions(2, 3, new int[][] {{0}, {1, 2}}, new float[][] {{1}, {1}}, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user 1 has 2 items but 1 weights");
    }

    /** User u has u + 1 items (items 0..u), item i weighted 10 u + i. */
    static Interactions staircase(int users) {
        List<int[]> pairs = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i <= u; i++) {
                pairs.add(new int[] {u, i});
            }
        }
        float[] w = new float[pairs.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = 10 * pairs.get(k)[0] + pairs.get(k)[1];
        }
        return Interactions.of(users, users, pairs.stream().mapToInt(p -> p[0]).toArray(),
                pairs.stream().mapToInt(p -> p[1]).toArray(), w, new float[2 * users * 3], 3);
    }

    @Test
    void holdOutSplitsEachUserWithFiveItemsOrMore() {
        Interactions data = staircase(20);
        double fraction = 0.3;
        Interactions.HoldOut split = data.holdOut(fraction, 7);
        Interactions train = split.train();
        assertThat(train.users()).isEqualTo(20);
        assertThat(train.items()).isEqualTo(20);
        assertThat(train.features()).isSameAs(data.features());
        assertThat(train.featureDimension()).isEqualTo(3);
        assertThat(split.heldOut()).hasNumberOfRows(20);
        for (int u = 0; u < 20; u++) {
            int size = u + 1;
            int[] held = split.heldOut()[u];
            int[] kept = train.positives()[u];
            int expected = size < 5 ? 0 : (int) Math.round(size * fraction);
            assertThat(held).as("user %d", u).hasSize(expected);
            assertThat(kept).as("user %d", u).hasSize(size - expected);
            assertThat(IntStream.of(held).filter(i -> Arrays.binarySearch(kept, i) >= 0).toArray()).as("disjoint").isEmpty();
            int[] union = IntStream.concat(IntStream.of(held), IntStream.of(kept)).sorted().toArray();
            assertThat(union).as("user %d", u).containsExactly(data.positives()[u]);
            assertThat(kept).as("kept stay sorted").isSorted();
            assertThat(held).as("held out sorted").isSorted();
            for (int k = 0; k < kept.length; k++) {
                assertThat(train.weights()[u][k]).as("the weight follows its item").isEqualTo(10f * u + kept[k]);
            }
        }
        // 5 items at fraction 0.3 round to 2 (1.5 rounds up), 14 items to 4 (4.2)
        assertThat(split.heldOut()[4]).hasSize(2);
        assertThat(split.heldOut()[13]).hasSize(4);
        assertThat(split.heldOut()[3]).isEmpty();
    }

    @Test
    void holdOutIsDeterministicPerSeedAndDiffersAcrossSeeds() {
        Interactions data = staircase(30);
        Interactions.HoldOut a = data.holdOut(0.2, 1);
        Interactions.HoldOut again = data.holdOut(0.2, 1);
        Interactions.HoldOut other = data.holdOut(0.2, 2);
        assertThat(again.heldOut()).isDeepEqualTo(a.heldOut());
        assertThat(again.train().positives()).isDeepEqualTo(a.train().positives());
        assertThat(again.train().weights()).isDeepEqualTo(a.train().weights());
        assertThat(Arrays.deepEquals(other.heldOut(), a.heldOut())).isFalse();
        // the same counts, other items
        for (int u = 0; u < 30; u++) {
            assertThat(other.heldOut()[u]).hasSameSizeAs(a.heldOut()[u]);
        }
    }

    @Test
    void holdOutOfZeroOrOneKeepsNothingOrEverything() {
        Interactions data = staircase(8);
        Interactions.HoldOut none = data.holdOut(0.0, 3);
        assertThat(none.train().interactionCount()).isEqualTo(data.interactionCount());
        assertThat(Arrays.stream(none.heldOut()).mapToInt(h -> h.length).sum()).isZero();
        Interactions.HoldOut all = data.holdOut(1.0, 3);
        Map<Integer, Integer> kept = new HashMap<>();
        for (int u = 0; u < 8; u++) {
            kept.put(u, all.train().positives()[u].length);
        }
        assertThat(kept).containsEntry(3, 4).containsEntry(4, 0).containsEntry(7, 0);
    }
}
