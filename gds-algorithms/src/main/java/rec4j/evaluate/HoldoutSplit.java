package rec4j.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import rec4j.numeric.Shuffle;

/**
 * Chooses the held-out (test) interactions of a user-item interaction list, reproducibly for a seed:
 * <ul>
 *   <li>{@code RANDOM}: per user, round(n x fraction) of the user's n interactions at random, at most n - 1 (every user
 *       keeps a training interaction);</li>
 *   <li>{@code TEMPORAL}: per user, the round(n x fraction) latest by time (at most n - 1; equal times: the later
 *       interaction in input order counts as later);</li>
 *   <li>{@code COLD_ITEMS}: round(items x fraction) of the items that have interactions, at random (at least one, at
 *       most all but one), with all their interactions.</li>
 * </ul>
 * Users are visited in index order and a user's interactions in input order, drawing from one {@code java.util.Random}
 * seeded with the seed: the same input in the same order gives the same split.
 */
public final class HoldoutSplit {

    public enum Strategy { RANDOM, TEMPORAL, COLD_ITEMS }

    /** {@code test[e]}: interaction e is held out; {@code coldItems}: the held-out items (COLD_ITEMS), ascending. */
    public record Result(boolean[] test, int testCount, int usersWithTest, int[] coldItems) {}

    private HoldoutSplit() {}

    /**
     * @param users  number of users; {@code userOf[e]} in [0, users)
     * @param items  number of items; {@code itemOf[e]} in [0, items)
     * @param time   per interaction, for TEMPORAL (may be null otherwise)
     */
    public static Result split(int users, int items, int[] userOf, int[] itemOf, double[] time, Strategy strategy,
            double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be in (0, 1), got " + fraction);
        }
        int n = userOf.length;
        boolean[] test = new boolean[n];
        Random random = new Random(seed);
        int[] coldItems = new int[0];
        if (strategy == Strategy.COLD_ITEMS) {
            boolean[] used = new boolean[items];
            for (int i : itemOf) {
                used[i] = true;
            }
            int[] candidates = java.util.stream.IntStream.range(0, items).filter(i -> used[i]).toArray();
            Shuffle.shuffle(candidates, random);
            int count = (int) Math.min(Math.max(1, Math.round(candidates.length * fraction)), candidates.length - 1L);
            coldItems = Arrays.stream(candidates, 0, Math.max(0, count)).sorted().toArray();
            boolean[] cold = new boolean[items];
            for (int i : coldItems) {
                cold[i] = true;
            }
            for (int e = 0; e < n; e++) {
                test[e] = cold[itemOf[e]];
            }
        } else {
            List<List<Integer>> byUser = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                byUser.add(new ArrayList<>());
            }
            for (int e = 0; e < n; e++) {
                byUser.get(userOf[e]).add(e);
            }
            for (int u = 0; u < users; u++) {
                int[] mine = byUser.get(u).stream().mapToInt(Integer::intValue).toArray();
                int count = (int) Math.min(Math.round(mine.length * fraction), Math.max(0, mine.length - 1));
                if (strategy == Strategy.RANDOM) {
                    Shuffle.shuffle(mine, random);
                } else {
                    // latest first; equal times: later in input order first
                    Integer[] order = Arrays.stream(mine).boxed().toArray(Integer[]::new);
                    Arrays.sort(order, (a, b) -> time[a] != time[b] ? Double.compare(time[b], time[a]) : Integer.compare(b, a));
                    mine = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
                }
                for (int k = 0; k < count; k++) {
                    test[mine[k]] = true;
                }
            }
        }
        int testCount = 0;
        boolean[] userHasTest = new boolean[users];
        for (int e = 0; e < n; e++) {
            if (test[e]) {
                testCount++;
                userHasTest[userOf[e]] = true;
            }
        }
        int usersWithTest = 0;
        for (boolean b : userHasTest) {
            usersWithTest += b ? 1 : 0;
        }
        return new Result(test, testCount, usersWithTest, coldItems);
    }
}
