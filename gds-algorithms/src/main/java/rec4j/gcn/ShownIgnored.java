package rec4j.gcn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A generated world with planted "shown and ignored" items, for hard negatives: users in taste groups take mostly
 * items of their group (Zipf popularity within it) and some popular items of any group; then an earlier popularity
 * recommender shows every user the most popular items they have not taken, and the user takes each shown item of
 * their own group with probability {@code takeOwn} (0: every shown item is ignored, whatever the taste). Each user's
 * interactions are split into training and a held-out test part; the impressions not taken are the hard negatives.
 */
public final class ShownIgnored {

    /**
     * @param shown per user, the items shown and not taken (sorted; never one of the user's interactions)
     */
    public record World(Interactions train, int[][] test, int[][] shown) {}

    private ShownIgnored() {}

    public static World generate(int users, int items, int groups, int perUser, double offGroupShare, int shownPerUser,
            double takeOwn, long seed) {
        Random random = new Random(seed);
        int perGroup = items / groups;
        double[] zipf = new double[perGroup];
        double sum = 0;
        for (int r = 0; r < perGroup; r++) {
            sum += 1.0 / (r + 1);
            zipf[r] = sum;
        }
        int[][] taken = new int[users][];
        int[] popularity = new int[items];
        for (int u = 0; u < users; u++) {
            int group = u % groups;
            java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
            while (chosen.size() < Math.min(perUser, items)) {
                int g = random.nextDouble() < offGroupShare ? random.nextInt(groups) : group;
                int rank = Math.abs(Arrays.binarySearch(zipf, random.nextDouble() * sum) + 1);
                int item = Math.min(perGroup - 1, rank) * groups + g;
                chosen.add(item);
            }
            taken[u] = chosen.stream().mapToInt(Integer::intValue).toArray();
            for (int i : taken[u]) {
                popularity[i]++;
            }
        }
        Integer[] byPopularity = new Integer[items];
        for (int i = 0; i < items; i++) {
            byPopularity[i] = i;
        }
        Arrays.sort(byPopularity, (a, b) -> popularity[b] != popularity[a] ? Integer.compare(popularity[b], popularity[a])
                : Integer.compare(a, b));
        List<Integer> userOf = new ArrayList<>(), itemOf = new ArrayList<>();
        int[][] test = new int[users][];
        int[][] shown = new int[users][];
        for (int u = 0; u < users; u++) {
            List<Integer> mine = new ArrayList<>();
            for (int i : taken[u]) {
                mine.add(i);
            }
            List<Integer> ignored = new ArrayList<>();
            for (int k = 0, s = 0; k < items && s < shownPerUser; k++) {
                int item = byPopularity[k];
                if (Arrays.binarySearch(taken[u], item) >= 0) {
                    continue;
                }
                s++;
                if (item % groups == u % groups && random.nextDouble() < takeOwn) {
                    mine.add(item); // shown, and of the user's taste: taken
                } else {
                    ignored.add(item);
                }
            }
            shown[u] = ignored.stream().mapToInt(Integer::intValue).sorted().toArray();
            Collections.shuffle(mine, random);
            int held = mine.size() / 5;
            test[u] = mine.subList(0, held).stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int i : mine.subList(held, mine.size())) {
                userOf.add(u);
                itemOf.add(i);
            }
        }
        Interactions train = Interactions.of(users, items, userOf.stream().mapToInt(Integer::intValue).toArray(),
                itemOf.stream().mapToInt(Integer::intValue).toArray(), null, null, 0);
        return new World(train, test, shown);
    }
}
