package rec4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rec4j.ease.Ease;
import rec4j.evaluate.HoldoutSplit;
import rec4j.evaluate.OfflineEvaluation;
import rec4j.gcn.GcnFit;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.Interactions;
import rec4j.gcn.RankingMetrics;

/**
 * The search behind rec.gcn.train's defaults, on the algorithm level (the same code the procedures call): ML-100K
 * ratings >= 4, {@link HoldoutSplit} random 80/20 (as rec.evaluate.split) per seed, full ranking, Recall@20 / NDCG@20
 * mean and spread over the seeds. Each GCN configuration is trained as rec.gcn.train does: 10 % of the training part
 * held out to pick the epoch count by early stopping, then refit on all training interactions ({@link GcnFit}).
 * EASE's lambda is picked the same way (on the validation part, then refit).
 * <pre>
 *   java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.DefaultsSearch ../shared/data/ml-100k 1,2,3 2 \
 *       0.001:1e-4:200 0.005:1e-3:400
 * </pre>
 * (args: MovieLens directory, or demo:USERS:ITEMS:INTERACTIONS for the generated demo catalog of that shape (ratings
 * >= 4 as positives); split seeds, concurrency, then configurations learningRate:l2:maxEpochs[:refit[:dims[:key=value...]]]
 * with the keys neg (negativeSamples), every (evaluateEvery), patience, decay (learningRateDecay), layers and batch
 * (batchSize); a configuration
 * starting with hybrid: is the same GCN in {@link rec4j.hybrid.HybridFit})
 */
public final class DefaultsSearch {

    record Split(Interactions train, int[][] trainLists, int[][] test) {}

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.of(args);
        String source = a.text(0, "../shared/data/ml-100k");
        long[] seeds = java.util.Arrays.stream(a.text(1, "1,2,3").split(",")).mapToLong(Long::parseLong).toArray();
        int concurrency = a.integer(2, 2);
        List<String> configs = args.length > 3 ? List.of(args).subList(3, args.length) : List.of("0.001:1e-4:200");
        List<int[]> pairs = new ArrayList<>();
        int users;
        int items;
        if (source.startsWith("demo:")) { // demo:users:items:interactions, the generated demo catalog of that shape
            String[] d = source.split(":");
            users = Integer.parseInt(d[1]);
            items = Integer.parseInt(d[2]);
            rec4j.demo.DemoData.Catalog catalog = rec4j.demo.DemoData.generate(
                    new rec4j.demo.DemoData.Params(users, items, Integer.parseInt(d[3]), 42));
            for (rec4j.demo.DemoData.Rating r : catalog.ratings()) {
                if (r.rating() >= 4) {
                    pairs.add(new int[] {r.userId() - 1, r.itemId() - 1});
                }
            }
        } else {
            users = 943;
            items = 1682;
            for (String line : Files.readAllLines(Path.of(source).resolve("u.data"))) {
                String[] f = line.split("\t");
                if (Integer.parseInt(f[2]) >= 4) {
                    pairs.add(new int[] {Integer.parseInt(f[0]) - 1, Integer.parseInt(f[1]) - 1});
                }
            }
        }
        System.out.printf("%s: %,d users, %,d items, %,d positives%n", source, users, items, pairs.size());
        List<Split> splits = new ArrayList<>();
        for (long seed : seeds) {
            splits.add(split(users, items, pairs, seed));
        }
        report("EASE (lambda picked on validation)", splits, s -> {
            Split inner = innerSplit(s, 7);
            double best = -1, bestLambda = 0;
            for (double lambda : new double[] {50, 100, 200, 400, 800, 1600}) {
                double r = eval(inner, Ease.fit(items, inner.trainLists(), lambda, concurrency, () -> false), concurrency)[0];
                if (r > best) {
                    best = r;
                    bestLambda = lambda;
                }
            }
            long t = System.nanoTime();
            Ease.Model m = Ease.fit(items, s.trainLists(), bestLambda, concurrency, () -> false);
            double secs = (System.nanoTime() - t) / 1e9;
            double[] rn = eval(s, m, concurrency);
            return new double[] {rn[0], rn[1], secs, bestLambda};
        });
        for (String config : configs) {
            boolean hybrid = config.startsWith("hybrid:");
            String[] c = (hybrid ? config.substring(7) : config).split(":");
            double lr = Double.parseDouble(c[0]), l2 = Double.parseDouble(c[1]);
            int epochs = Integer.parseInt(c[2]);
            boolean refit = c.length < 4 || Boolean.parseBoolean(c[3]);
            int dims = c.length > 4 ? Integer.parseInt(c[4]) : 64;
            int negatives = 1, every = 10, patience = 5, layers = 3, batch = 2048;
            double decay = 1;
            for (int k = 5; k < c.length; k++) { // key=value extras: neg, every, patience, decay, layers, batch
                String[] kv = c[k].split("=");
                switch (kv[0]) {
                    case "neg" -> negatives = Integer.parseInt(kv[1]);
                    case "every" -> every = Integer.parseInt(kv[1]);
                    case "patience" -> patience = Integer.parseInt(kv[1]);
                    case "decay" -> decay = Double.parseDouble(kv[1]);
                    case "layers" -> layers = Integer.parseInt(kv[1]);
                    case "batch" -> batch = Integer.parseInt(kv[1]);
                    default -> throw new IllegalArgumentException("unknown extra " + c[k]);
                }
            }
            GcnParameters p = new GcnParameters(dims, layers, epochs, batch, lr, l2, decay, negatives, GcnParameters.Fusion.NONE, 0.0,
                    every, patience, 42L, concurrency);
            if (hybrid) {
                report("hybrid of GCN " + config.substring(7) + " and EASE, weight picked on validation", splits,
                        s -> hybrid(s, p, concurrency));
                continue;
            }
            report("GCN " + config + (refit ? " + refit" : " (early-stopped model)"),
                    splits, s -> {
                        long t = System.nanoTime();
                        GcnFit.Outcome o = GcnFit.fit(s.train(), 0.1, refit, p, (run, e) -> { }, () -> false);
                        double secs = (System.nanoTime() - t) / 1e9;
                        RankingMetrics.Result r = RankingMetrics.evaluate(o.model().model().embeddings(),
                                o.model().model().width(), s.train(), s.test(), 20, concurrency);
                        return new double[] {r.recall(), r.ndcg(), secs, o.selection().bestEpoch()};
                    });
        }
    }

    /** rec4j.hybrid.HybridFit: both parts and the blend weight picked on one validation part, both refit, blended. */
    static double[] hybrid(Split s, GcnParameters p, int concurrency) {
        long t = System.nanoTime();
        rec4j.hybrid.HybridFit.Outcome o = rec4j.hybrid.HybridFit.fit(s.train(), p, null, 0.1, concurrency, (run, e) -> { },
                () -> false);
        double secs = (System.nanoTime() - t) / 1e9;
        OfflineEvaluation.Input test = input(s);
        OfflineEvaluation.Row gcnRow = OfflineEvaluation.evaluate(test, "gcn", rec4j.hybrid.HybridFit.gcnScorer(o.gcn().model().model()), new int[] {20},
                concurrency).get(0);
        OfflineEvaluation.Row easeRow = OfflineEvaluation.evaluate(test, "ease", rec4j.ease.EaseFit.scorer(o.ease().model(), test),
                new int[] {20}, concurrency).get(0);
        OfflineEvaluation.Row r = OfflineEvaluation.evaluate(test, "hybrid", rec4j.hybrid.HybridFit.scorer(o, test),
                new int[] {20}, concurrency).get(0);
        System.out.printf("    parts: GCN %.4f / %.4f (epochs %d), EASE %.4f / %.4f (lambda %.0f); hybrid weight %.1f: %.4f / %.4f%n",
                gcnRow.recall(), gcnRow.ndcg(), o.gcn().selection().bestEpoch(), easeRow.recall(), easeRow.ndcg(),
                o.ease().lambda(), o.weight().weight(), r.recall(), r.ndcg());
        return new double[] {r.recall(), r.ndcg(), secs, o.weight().weight() * 100};
    }

    static OfflineEvaluation.Input input(Split s) {
        int users = s.train().users(), items = s.train().items();
        return new OfflineEvaluation.Input(users, items, s.trainLists(), s.test(), java.util.stream.IntStream.range(0, items).toArray(), null);
    }

    interface Method {
        double[] run(Split s) throws Exception;
    }

    static void report(String name, List<Split> splits, Method m) throws Exception {
        double[][] rows = new double[splits.size()][];
        for (int k = 0; k < splits.size(); k++) {
            rows[k] = m.run(splits.get(k));
        }
        for (double[] r : rows) {
            System.out.printf("    seed: %.4f / %.4f, %.0f s, picked %.0f%n", r[0], r[1], r[2], r[3]);
        }
        System.out.printf("%-60s Recall@20 %s  NDCG@20 %s  seconds %s  picked %s%n", name, stat(rows, 0), stat(rows, 1),
                stat(rows, 2), java.util.Arrays.stream(rows).map(r -> String.valueOf((long) r[3])).toList());
    }

    static String stat(double[][] rows, int col) {
        return DevProtocolBenchmark.stat(java.util.Arrays.stream(rows).mapToDouble(r -> r[col]).toArray());
    }

    static double[] eval(Split s, Ease.Model m, int concurrency) {
        OfflineEvaluation.Input in = input(s);
        OfflineEvaluation.Row r = OfflineEvaluation.evaluate(in, "ease", rec4j.ease.EaseFit.scorer(m, in), new int[] {20}, concurrency).get(0);
        return new double[] {r.recall(), r.ndcg()};
    }

    /** rec.evaluate.split's random strategy with testFraction 0.2. */
    static Split split(int users, int items, List<int[]> pairs, long seed) {
        int[] u = pairs.stream().mapToInt(p -> p[0]).toArray(), i = pairs.stream().mapToInt(p -> p[1]).toArray();
        HoldoutSplit.Result r = HoldoutSplit.split(users, items, u, i, null, HoldoutSplit.Strategy.RANDOM, 0.2, seed);
        List<List<Integer>> train = new ArrayList<>(), test = new ArrayList<>();
        for (int k = 0; k < users; k++) {
            train.add(new ArrayList<>());
            test.add(new ArrayList<>());
        }
        for (int e = 0; e < u.length; e++) {
            (r.test()[e] ? test : train).get(u[e]).add(i[e]);
        }
        return of(users, items, train, test);
    }

    /** 10 % of each user's training items as validation (users with at least 5). */
    static Split innerSplit(Split s, long seed) {
        Interactions.HoldOut h = s.train().holdOut(0.1, seed);
        List<List<Integer>> train = new ArrayList<>(), test = new ArrayList<>();
        int users = s.train().users();
        for (int k = 0; k < users; k++) {
            train.add(new ArrayList<>());
            test.add(new ArrayList<>());
            for (int item : h.train().positives()[k]) {
                train.get(k).add(item);
            }
            for (int item : h.heldOut()[k]) {
                test.get(k).add(item);
            }
        }
        return of(users, s.train().items(), train, test);
    }

    static Split of(int users, int items, List<List<Integer>> train, List<List<Integer>> test) {
        int n = train.stream().mapToInt(List::size).sum();
        int[] us = new int[n], is = new int[n];
        int[][] lists = new int[users][], testLists = new int[users][];
        int e = 0;
        for (int k = 0; k < users; k++) {
            lists[k] = train.get(k).stream().mapToInt(Integer::intValue).toArray();
            testLists[k] = test.get(k).stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int item : lists[k]) {
                us[e] = k;
                is[e++] = item;
            }
        }
        return new Split(Interactions.of(users, items, us, is, null, null, 0), lists, testLists);
    }
}
