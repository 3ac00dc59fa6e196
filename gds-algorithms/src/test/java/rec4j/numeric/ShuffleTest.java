package rec4j.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShuffleTest {

    /** The three Fisher-Yates loops that Shuffle replaced, as they were: seeded results must not change. */
    private static int[] reference(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Test
    void givesThePermutationOfThePreviousLoops() {
        for (long seed : new long[] {0, 1, 7, 42, -5, Integer.MAX_VALUE}) {
            for (int n : new int[] {0, 1, 2, 5, 17, 1000}) {
                assertThat(Shuffle.permutation(n, new Random(seed))).containsExactly(reference(n, seed));
            }
        }
        // pinned: a change of the algorithm changes every seeded split
        assertThat(Shuffle.permutation(8, new Random(42))).containsExactly(2, 6, 3, 1, 4, 0, 7, 5);
    }

    @Test
    void shufflesInPlaceAndDrawsOnePerPosition() {
        int[] values = {10, 11, 12, 13, 14, 15};
        Random a = new Random(3);
        Shuffle.shuffle(values, a);
        int[] order = reference(6, 3);
        assertThat(values).containsExactly(Arrays.stream(order).map(i -> 10 + i).toArray());
        // the caller's Random advanced by n - 1 draws, as before (later draws from it are unchanged)
        Random b = new Random(3);
        for (int k = 5; k > 0; k--) {
            b.nextInt(k + 1);
        }
        assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }
}
