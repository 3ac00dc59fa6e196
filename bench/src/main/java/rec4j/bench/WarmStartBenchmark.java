package rec4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import rec4j.gcn.GcnFit;
import rec4j.gcn.GcnModel;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.Interactions;
import rec4j.gcn.RankingMetrics;
import rec4j.gcn.WarmStart;

/**
 * Updating a model as time passes, on MovieLens 100K ordered by time (ratings >= 4 as positives): a model trained on
 * the first 80 % of the positives (by time), then steps of {@code stepDays}: at each step the graph holds every
 * positive up to the step, and three ways to update are scored on the next step's positives (Recall@20 and NDCG@20,
 * full ranking, items already seen excluded): full retrain (rec.gcn.train's defaults: validation picks the epochs,
 * then a refit on all), warm start (the previous warm model's layer-0 rows, new nodes folded in, then a few epochs:
 * each {@code epochs@learningRate} of the list is its own chain) and fold-in only (the base model, new nodes placed by the mean of their known neighbours' final
 * embeddings; nobody else moves). Users and items are the rows of the whole file; a node is "new" at a step when it
 * had no positive before it.
 *
 * <p>Run: {@code java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.WarmStartBenchmark ../shared/data/ml-100k
 * [steps=4] [stepDays=14 (0: the last 20 % in steps + 1 equal-count parts, the first added to the base's graph)] [warm=20@0.01,50@0.002] [concurrency=2]}
 */
public final class WarmStartBenchmark {

    record Rating(int user, int item, long ts) {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int stepDays = args.length > 2 ? Integer.parseInt(args[2]) : 14;
        String[] warmRuns = (args.length > 3 ? args[3] : "20@0.01,50@0.002").split(",");
        int runs = warmRuns.length;
        int[] warmEpochs = new int[runs];
        double[] warmRates = new double[runs];
        for (int w = 0; w < runs; w++) {
            String[] er = warmRuns[w].split("@");
            warmEpochs[w] = Integer.parseInt(er[0]);
            warmRates[w] = Double.parseDouble(er[1]);
        }
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        List<Rating> positives = new ArrayList<>();
        int users = 0, items = 0;
        for (String line : Files.readAllLines(dir.resolve("u.data"))) {
            String[] f = line.split("\t");
            int u = Integer.parseInt(f[0]) - 1, i = Integer.parseInt(f[1]) - 1;
            users = Math.max(users, u + 1);
            items = Math.max(items, i + 1);
            if (Integer.parseInt(f[2]) >= 4) {
                positives.add(new Rating(u, i, Long.parseLong(f[3])));
            }
        }
        positives.sort((a, b) -> Long.compare(a.ts(), b.ts()));
        long t0 = positives.get((int) (positives.size() * 0.8)).ts();
        // the defaults of rec.gcn.train (GcnTrainConfig): 64 x 3, batch 2048, lr 0.01, l2 1e-3, up to 400 epochs
        GcnParameters defaults = new GcnParameters(64, 3, 400, 2048, 0.01, 1e-3, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 5,
                42L, concurrency);
        System.out.printf(Locale.ROOT, "load average %s; %d positives, %d users, %d items; base up to the 80 %% time point, then %d "
                + "steps of %d days; warm starts (epochs@learningRate): %s; concurrency %d%n", PropertyServingBenchmark.loadAverage(),
                positives.size(), users, items, steps, stepDays, String.join(", ", warmRuns), concurrency);

        Interactions base = upTo(positives, t0, users, items);
        long t = System.nanoTime();
        GcnFit.Outcome first = GcnFit.fit(base, 0.1, true, defaults, (r, s) -> { }, () -> false);
        System.out.printf(Locale.ROOT, "base model: %d interactions, %d epochs picked, %.1f s%n", base.interactionCount(),
                first.epochs(), (System.nanoTime() - t) / 1e9);
        GcnModel[] warm = new GcnModel[runs];
        java.util.Arrays.fill(warm, first.model().model());
        GcnModel foldBase = first.model().model();
        Interactions previous = base;
        System.out.println("| step | train interactions | test users | new users / items | method | Recall@20 | NDCG@20 | seconds |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        int methods = runs + 2;
        double[] sumRecall = new double[methods], sumNdcg = new double[methods], sumSeconds = new double[methods];
        for (int s = 1; s <= steps; s++) {
            // stepDays 0: the last 20 % of the positives in equal-count steps
            long cut = stepDays > 0 ? t0 + (long) s * stepDays * 86_400L
                    : positives.get((int) Math.min(positives.size() - 1, positives.size() * (0.8 + 0.2 * s / (steps + 1)))).ts();
            long next = stepDays > 0 ? cut + (long) stepDays * 86_400L
                    : positives.get((int) Math.min(positives.size() - 1, positives.size() * (0.8 + 0.2 * (s + 1) / (steps + 1)))).ts();
            Interactions now = upTo(positives, cut, users, items);
            int[][] test = between(positives, cut, next, now);
            int testUsers = (int) Arrays.stream(test).filter(x -> x.length > 0).count();
            int[] userFrom = new int[users], itemFrom = new int[items];
            int[] degreeBefore = itemDegrees(previous);
            int newUsers = 0, newItems = 0;
            for (int u = 0; u < users; u++) {
                userFrom[u] = previous.positives()[u].length > 0 ? u : -1;
                newUsers += userFrom[u] < 0 && now.positives()[u].length > 0 ? 1 : 0;
            }
            int[] degreeNow = itemDegrees(now);
            for (int i = 0; i < items; i++) {
                itemFrom[i] = degreeBefore[i] > 0 ? i : -1;
                newItems += itemFrom[i] < 0 && degreeNow[i] > 0 ? 1 : 0;
            }
            testUsersTotal += testUsers;
            String rowStart = String.format(Locale.ROOT, "| %d | %d | %d | %d / %d ", s, now.interactionCount(), testUsers,
                    newUsers, newItems);

            t = System.nanoTime();
            GcnModel full = GcnFit.fit(now, 0.1, true, defaults, (r, e) -> { }, () -> false).model().model();
            report(rowStart, "full retrain (defaults)", full, now, test, t, sumRecall, sumNdcg, sumSeconds, 0);

            for (int w = 0; w < runs; w++) {
                t = System.nanoTime();
                WarmStart start = WarmStart.from(now, defaults.embeddingDimension(), warm[w].idEmbeddings(), users, userFrom,
                        itemFrom);
                warm[w] = GcnTrainer.train(now, null, defaults.withEpochs(warmEpochs[w]).withLearningRate(warmRates[w]), null,
                        start, e -> { }, () -> false).model();
                report(rowStart, "warm start " + warmRuns[w], warm[w], now, test, t, sumRecall, sumNdcg, sumSeconds, 1 + w);
            }

            t = System.nanoTime();
            GcnModel folded = foldIn(foldBase, now, base);
            report(rowStart, "fold-in only", folded, now, test, t, sumRecall, sumNdcg, sumSeconds, methods - 1);
            previous = now;
        }
        String[] names = new String[methods];
        names[0] = "full retrain (defaults)";
        for (int w = 0; w < runs; w++) {
            names[1 + w] = "warm start " + warmRuns[w] + " (epochs@learningRate)";
        }
        names[methods - 1] = "fold-in only";
        System.out.printf("%n%d test users over the steps; Recall@20 and NDCG@20 averaged over them (each step weighted by its "
                + "test users)%n| method | Recall@20 | NDCG@20 | mean seconds per step | recall vs full | NDCG vs full | time vs full |%n"
                + "|---|---|---|---|---|---|---|%n", testUsersTotal);
        for (int m = 0; m < methods; m++) {
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.1f | %.3fx | %.3fx | %.3fx |%n", names[m],
                    sumRecall[m] / testUsersTotal, sumNdcg[m] / testUsersTotal, sumSeconds[m] / steps,
                    sumRecall[m] / sumRecall[0], sumNdcg[m] / sumNdcg[0], sumSeconds[m] / sumSeconds[0]);
        }
        System.out.printf("load average at the end %s%n", PropertyServingBenchmark.loadAverage());
    }

    static int testUsersTotal;

    static void report(String rowStart, String name, GcnModel m, Interactions now, int[][] test, long start, double[] recall,
            double[] ndcg, double[] seconds, int index) {
        double secs = (System.nanoTime() - start) / 1e9;
        RankingMetrics.Result r = RankingMetrics.evaluate(m.embeddings(), m.width(), now, test, 20, 2);
        recall[index] += r.recall() * r.users();
        ndcg[index] += r.ndcg() * r.users();
        seconds[index] += secs;
        System.out.printf(Locale.ROOT, "%s| %s | %.4f | %.4f | %.1f |%n", rowStart, name, r.recall(), r.ndcg(), secs);
    }

    /** Positives up to {@code cut} (inclusive) over every user and item of the file. */
    static Interactions upTo(List<Rating> positives, long cut, int users, int items) {
        List<Rating> in = positives.stream().filter(r -> r.ts() <= cut).toList();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        List<Rating> unique = in.stream().filter(r -> seen.add((long) r.user() * items + r.item())).toList();
        return Interactions.of(users, items, unique.stream().mapToInt(Rating::user).toArray(),
                unique.stream().mapToInt(Rating::item).toArray(), null, null, 0);
    }

    /** Per user, the items of the positives in (from, to] not already in {@code train}. */
    static int[][] between(List<Rating> positives, long from, long to, Interactions train) {
        List<java.util.TreeSet<Integer>> sets = new ArrayList<>();
        for (int u = 0; u < train.users(); u++) {
            sets.add(new java.util.TreeSet<>());
        }
        for (Rating r : positives) {
            if (r.ts() > from && r.ts() <= to && train.positives()[r.user()].length > 0 && !train.isPositive(r.user(), r.item())) {
                sets.get(r.user()).add(r.item());
            }
        }
        return sets.stream().map(x -> x.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    static int[] itemDegrees(Interactions data) {
        int[] degree = new int[data.items()];
        for (int[] p : data.positives()) {
            for (int i : p) {
                degree[i]++;
            }
        }
        return degree;
    }

    /**
     * Fold-in only: the base model's final embeddings; every node without a positive in {@code base} that has one now
     * gets the mean of its neighbours' embeddings among the nodes the base knew.
     */
    static GcnModel foldIn(GcnModel model, Interactions now, Interactions base) {
        int users = now.users(), w = model.width();
        float[] e = model.embeddings().clone();
        boolean[] known = new boolean[now.nodes()];
        int[] baseDegree = itemDegrees(base);
        for (int u = 0; u < users; u++) {
            known[u] = base.positives()[u].length > 0;
        }
        for (int i = 0; i < now.items(); i++) {
            known[users + i] = baseDegree[i] > 0;
        }
        float[] sum = new float[e.length];
        int[] count = new int[now.nodes()];
        for (int u = 0; u < users; u++) {
            for (int i : now.positives()[u]) {
                int item = users + i;
                if (!known[u] && known[item]) {
                    for (int c = 0; c < w; c++) {
                        sum[u * w + c] += model.embeddings()[item * w + c];
                    }
                    count[u]++;
                }
                if (!known[item] && known[u]) {
                    for (int c = 0; c < w; c++) {
                        sum[item * w + c] += model.embeddings()[u * w + c];
                    }
                    count[item]++;
                }
            }
        }
        for (int n = 0; n < now.nodes(); n++) {
            if (!known[n] && count[n] > 0) {
                for (int c = 0; c < w; c++) {
                    e[n * w + c] = sum[n * w + c] / count[n];
                }
            }
        }
        return new GcnModel(model.parameters(), model.users(), model.items(), w, e, model.idEmbeddings(), null, null, 0);
    }
}
