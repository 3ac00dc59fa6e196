package rec4j.numeric;

import java.util.Arrays;
import java.util.Random;

/** Uniform draws of an index outside a sorted set: BPR negatives, calibration negatives. */
public final class Draws {

    /** Tries of rejection sampling before the draw is made exactly among the allowed indices. */
    public static final int REJECTION_TRIES = 64;

    private Draws() {}

    /**
     * An index of [0, n) uniformly among those not in {@code excluded} (sorted, distinct, fewer than n): rejection
     * sampling for {@link #REJECTION_TRIES} draws (the usual case: the same random stream as plain rejection
     * sampling), then the r-th allowed index drawn exactly, so a nearly full set never loops for long.
     */
    public static int outside(int n, int[] excluded, Random random) {
        for (int t = 0; t < REJECTION_TRIES; t++) {
            int j = random.nextInt(n);
            if (Arrays.binarySearch(excluded, j) < 0) {
                return j;
            }
        }
        int j = random.nextInt(n - excluded.length);
        // the r-th (from 0) index not in the sorted set: walk past every excluded one at or below the candidate
        for (int e : excluded) {
            if (e <= j) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }
}
