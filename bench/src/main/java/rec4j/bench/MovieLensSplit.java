package rec4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import rec4j.gcn.Interactions;

/**
 * MovieLens 100K as the reference runs use it: ratings >= 4 are positives; per user a random 80/20 train/test split
 * with a fixed seed; users 0..942 and items 0..1681 are u.data's ids minus one.
 */
record MovieLensSplit(Interactions train, int[][] test) {

    static MovieLensSplit load(Path uData, long seed) throws IOException {
        int users = 943, items = 1682;
        List<List<Integer>> liked = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            liked.add(new ArrayList<>());
        }
        for (String line : Files.readAllLines(uData)) {
            String[] f = line.split("\t");
            if (Integer.parseInt(f[2]) >= 4) {
                liked.get(Integer.parseInt(f[0]) - 1).add(Integer.parseInt(f[1]) - 1);
            }
        }
        Random random = new Random(seed);
        List<int[]> trainPairs = new ArrayList<>();
        int[][] test = new int[users][];
        for (int u = 0; u < users; u++) {
            List<Integer> items0 = liked.get(u);
            Collections.sort(items0);
            Collections.shuffle(items0, random);
            int testCount = (int) Math.round(items0.size() * 0.2);
            test[u] = items0.subList(0, testCount).stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int item : items0.subList(testCount, items0.size())) {
                trainPairs.add(new int[] {u, item});
            }
        }
        return new MovieLensSplit(build(users, items, trainPairs), test);
    }

    /** Splits {@code fraction} of each user's training items off as validation (for early stopping). */
    MovieLensSplit validationSplit(double fraction, long seed) {
        Random random = new Random(seed);
        List<int[]> keep = new ArrayList<>();
        int[][] validation = new int[train.users()][];
        for (int u = 0; u < train.users(); u++) {
            List<Integer> items0 = new ArrayList<>();
            for (int i : train.positives()[u]) {
                items0.add(i);
            }
            Collections.shuffle(items0, random);
            int count = items0.size() >= 5 ? (int) Math.round(items0.size() * fraction) : 0;
            validation[u] = items0.subList(0, count).stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int item : items0.subList(count, items0.size())) {
                keep.add(new int[] {u, item});
            }
        }
        return new MovieLensSplit(build(train.users(), train.items(), keep), validation);
    }

    private static Interactions build(int users, int items, List<int[]> pairs) {
        int[] us = new int[pairs.size()], is = new int[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            us[k] = pairs.get(k)[0];
            is[k] = pairs.get(k)[1];
        }
        return Interactions.of(users, items, us, is, null, null, 0);
    }
}
