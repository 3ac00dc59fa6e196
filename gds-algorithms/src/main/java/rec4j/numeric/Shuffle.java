package rec4j.numeric;

import java.util.Random;

/**
 * The one seeded shuffle of rec4j (hold-out splits, validation splits, the sentiment trainer's test split):
 * Fisher-Yates from the last position down, {@code j = random.nextInt(k + 1)}, so a given {@link Random} always gives
 * the same permutation.
 */
public final class Shuffle {

    private Shuffle() {}

    /** Shuffles {@code values} in place. */
    public static void shuffle(int[] values, Random random) {
        for (int k = values.length - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = values[k];
            values[k] = values[j];
            values[j] = t;
        }
    }

    /** 0..n-1 in the order of {@link #shuffle} with {@code random}. */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        return order;
    }
}
