package rec4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * Interaction graphs for the scale benchmarks, as primitive arrays (the demo generator keeps an object and a review per
 * rating, too heavy at 10M). The planted structure is the demo catalog's: items fall in {@code clusters} groups, each
 * user has 1-3 favourite groups (popular groups more often), 80 % of a user's interactions are in a favourite group,
 * popularity within a group is Zipf with exponent {@code skew} over a random order (ids say nothing), and activity
 * differs per user (0.3x to 1.7x the mean, at most half the items).
 *
 * <p>Sources: {@code gen:USERS:ITEMS:INTERACTIONS[:SKEW[:CLUSTERS]]} (defaults skew 0.8, 40 groups),
 * {@code demo:USERS:ITEMS:INTERACTIONS} (the demo generator itself, every rating an interaction) or a MovieLens
 * directory (ratings >= 4).
 */
public record ScaleData(String name, int users, int items, int[] userOf, int[] itemOf) {

    int interactions() {
        return userOf.length;
    }

    public static ScaleData load(String source) throws Exception {
        String[] s = source.split(":");
        if (s[0].equals("gen")) {
            double skew = s.length > 4 ? Double.parseDouble(s[4]) : 0.8;
            int clusters = s.length > 5 ? Integer.parseInt(s[5]) : 40;
            return generate(Integer.parseInt(s[1]), Integer.parseInt(s[2]), Integer.parseInt(s[3]), skew, clusters, 42L);
        }
        if (s[0].equals("demo")) {
            rec4j.demo.DemoData.Catalog c = rec4j.demo.DemoData.generate(new rec4j.demo.DemoData.Params(
                    Integer.parseInt(s[1]), Integer.parseInt(s[2]), Integer.parseInt(s[3]), 42L));
            int[] u = c.ratings().stream().mapToInt(r -> r.userId() - 1).toArray();
            int[] i = c.ratings().stream().mapToInt(r -> r.itemId() - 1).toArray();
            return new ScaleData(source, c.users().size(), c.items().size(), u, i);
        }
        List<int[]> pairs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(source).resolve("u.data"))) {
            String[] f = line.split("\t");
            if (Integer.parseInt(f[2]) >= 4) {
                pairs.add(new int[] {Integer.parseInt(f[0]) - 1, Integer.parseInt(f[1]) - 1});
            }
        }
        return new ScaleData("ml-100k", 943, 1682, pairs.stream().mapToInt(p -> p[0]).toArray(),
                pairs.stream().mapToInt(p -> p[1]).toArray());
    }

    static ScaleData generate(int users, int items, int interactions, double skew, int clusters, long seed) {
        if ((long) interactions > (long) users * items / 4) {
            throw new IllegalArgumentException("interactions must be <= users x items / 4, got " + interactions);
        }
        Random random = new Random(seed);
        int[][] members = new int[clusters][];
        double[][] cumulative = new double[clusters][];
        for (int c = 0; c < clusters; c++) {
            int size = (items - c + clusters - 1) / clusters; // items c, c + clusters, ...
            int[] m = new int[size];
            for (int k = 0; k < size; k++) {
                m[k] = c + k * clusters;
            }
            for (int k = size - 1; k > 0; k--) { // random popularity order
                int j = random.nextInt(k + 1);
                int t = m[k];
                m[k] = m[j];
                m[j] = t;
            }
            members[c] = m;
            cumulative[c] = new double[size];
            double sum = 0;
            for (int r = 0; r < size; r++) {
                sum += 1.0 / Math.pow(r + 1, skew);
                cumulative[c][r] = sum;
            }
        }
        double[] groupCumulative = new double[clusters];
        double groupSum = 0;
        for (int c = 0; c < clusters; c++) {
            groupSum += 1.0 / (c + 2);
            groupCumulative[c] = groupSum;
        }
        double[] weight = new double[users];
        double weightSum = 0;
        for (int u = 0; u < users; u++) {
            weight[u] = 0.3 + 1.4 * random.nextDouble();
            weightSum += weight[u];
        }
        int cap = items / 2;
        int[] counts = new int[users];
        long total = 0;
        for (int u = 0; u < users; u++) {
            counts[u] = (int) Math.min(cap, (long) (interactions * weight[u] / weightSum));
            total += counts[u];
        }
        for (int u = 0; total < interactions; u = (u + 1) % users) {
            if (counts[u] < cap) {
                counts[u]++;
                total++;
            }
        }
        int[] userOf = new int[interactions], itemOf = new int[interactions];
        BitSet seen = new BitSet(items);
        int at = 0;
        for (int u = 0; u < users; u++) {
            int[] favourites = new int[1 + random.nextInt(3)];
            for (int f = 0; f < favourites.length; f++) {
                favourites[f] = sample(groupCumulative, random);
            }
            int from = at;
            for (int k = 0; k < counts[u]; k++) {
                boolean favourite = random.nextDouble() < 0.8;
                int item = -1;
                for (int attempt = 0; attempt < 50 && item < 0; attempt++) {
                    int c = favourite ? favourites[random.nextInt(favourites.length)] : random.nextInt(clusters);
                    int candidate = members[c][sample(cumulative[c], random)];
                    if (!seen.get(candidate)) {
                        item = candidate;
                    }
                }
                while (item < 0 || seen.get(item)) {
                    item = random.nextInt(items);
                }
                seen.set(item);
                userOf[at] = u;
                itemOf[at] = item;
                at++;
            }
            for (int k = from; k < at; k++) {
                seen.clear(itemOf[k]);
            }
        }
        return new ScaleData(String.format("gen %,d users x %,d items, %,d interactions, skew %.2f, %d groups", users,
                items, interactions, skew, clusters), users, items, userOf, itemOf);
    }

    private static int sample(double[] cumulative, Random random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int at = java.util.Arrays.binarySearch(cumulative, x);
        return Math.min(at >= 0 ? at : -at - 1, cumulative.length - 1);
    }

    public rec4j.gcn.Interactions toInteractions() {
        float[] w = new float[userOf.length];
        java.util.Arrays.fill(w, 1f);
        return rec4j.gcn.Interactions.of(users, items, userOf, itemOf, w, null, 0);
    }
}
