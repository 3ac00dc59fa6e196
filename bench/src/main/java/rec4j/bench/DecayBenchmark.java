package rec4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import rec4j.evaluate.HoldoutSplit;
import rec4j.evaluate.OfflineEvaluation;
import rec4j.evaluate.Scorers;
import rec4j.gcn.GcnFit;
import rec4j.gcn.GcnModel;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.Interactions;
import rec4j.serving.Decay;
import rec4j.serving.ItemSpace;
import rec4j.serving.Vectors;

/**
 * Time-aware recommendation on MovieLens 100K (ratings >= 4 as positives) with rec.evaluate.split's temporal split
 * (per user, the latest 20 % of the positives by time are the test part): GCNs trained with rec.gcn.train's defaults
 * (validation picks the epochs, then a refit) without decay and with interaction weights halving every H days
 * ({@link Decay}: propagation weights and BPR positives drawn by weight), each served with the user's trained vector
 * (no serving decay) and with the query rec.recommend.forUser builds from {@code halfLifeDays} ({@link Decay#query}:
 * the user's vector plus the decay-weighted mean of their items' embeddings) for several serving half-lives; also
 * the plain decayed mean of the items alone. Recall@20 / NDCG@20, full ranking, the user's training items excluded.
 *
 * <p>Run: {@code java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.DecayBenchmark ../shared/data/ml-100k
 * [trainHalfLives=0,30,90,365] [serveHalfLives=7,30,90,365] [concurrency=2]} (0: no decay)
 */
public final class DecayBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        double[] trainHalfLives = Arrays.stream((args.length > 1 ? args[1] : "0,30,90,365").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        double[] serveHalfLives = Arrays.stream((args.length > 2 ? args[2] : "7,30,90,365").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        List<int[]> pairs = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("u.data"))) {
            String[] f = line.split("\t");
            if (Integer.parseInt(f[2]) >= 4) {
                pairs.add(new int[] {Integer.parseInt(f[0]) - 1, Integer.parseInt(f[1]) - 1});
                times.add(Double.parseDouble(f[3]));
            }
        }
        int users = 943, items = 1682, n = pairs.size();
        int[] userOf = pairs.stream().mapToInt(p -> p[0]).toArray(), itemOf = pairs.stream().mapToInt(p -> p[1]).toArray();
        double[] time = times.stream().mapToDouble(Double::doubleValue).toArray();
        HoldoutSplit.Result split = HoldoutSplit.split(users, items, userOf, itemOf, time, HoldoutSplit.Strategy.TEMPORAL,
                0.2, 42);
        List<List<Integer>> trainRows = new ArrayList<>(), testRows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            trainRows.add(new ArrayList<>());
            testRows.add(new ArrayList<>());
        }
        double latest = 0;
        for (int e = 0; e < n; e++) {
            (split.test()[e] ? testRows : trainRows).get(userOf[e]).add(e);
            if (!split.test()[e]) {
                latest = Math.max(latest, time[e]);
            }
        }
        int[][] test = testRows.stream().map(r -> r.stream().mapToInt(e -> itemOf[e]).toArray()).toArray(int[][]::new);
        int[][] trainItems = new int[users][];
        double[][] trainTimes = new double[users][];
        for (int u = 0; u < users; u++) {
            List<Integer> r = new ArrayList<>(trainRows.get(u));
            r.sort((a, b) -> Integer.compare(itemOf[a], itemOf[b]));
            trainItems[u] = r.stream().mapToInt(e -> itemOf[e]).toArray();
            trainTimes[u] = r.stream().mapToDouble(e -> time[e]).toArray();
        }
        OfflineEvaluation.Input in = new OfflineEvaluation.Input(users, items, trainItems, test,
                IntStream.range(0, items).toArray(), null);
        System.out.printf(Locale.ROOT, "MovieLens 100K, %d positives, temporal split: %d test; load average %s%n", n,
                split.testCount(), PropertyServingBenchmark.loadAverage());
        System.out.println("| training half-life (days) | serving | Recall@20 | NDCG@20 | train s | epochs |");
        System.out.println("|---|---|---|---|---|---|");
        // EASE (lambda picked on a validation part as rec.ease.train does): the user's row as is, and weighted by recency
        {
            Interactions plainData = new Interactions(users, items, trainItems,
                    Arrays.stream(trainItems).map(r -> filled(r.length)).toArray(float[][]::new), null, 0);
            long t = System.nanoTime();
            rec4j.ease.EaseFit.Outcome ease = rec4j.ease.EaseFit.fit(plainData, null, 0.1, 42, concurrency, () -> false);
            double secs = (System.nanoTime() - t) / 1e9;
            for (double s : new double[] {0, 0.25, 1, 7, 30, 90, 365}) {
                OfflineEvaluation.Scorer scorer = (u, scores) -> {
                    Arrays.fill(scores, 0f);
                    if (trainItems[u].length == 0) {
                        return;
                    }
                    double latestOfUser = Arrays.stream(trainTimes[u]).max().orElse(0);
                    ease.model().score(trainItems[u], s > 0 ? Decay.weights(trainTimes[u], latestOfUser, s) : null, scores);
                };
                OfflineEvaluation.Row row = OfflineEvaluation.evaluate(in, "ease", scorer, new int[] {20}, concurrency).get(0);
                System.out.printf(Locale.ROOT, "| EASE (lambda %.0f) | %s | %.4f | %.4f | %.1f | - |%n", ease.lambda(),
                        s > 0 ? "halfLifeDays " + s : "user's items, no decay", row.recall(), row.ndcg(), secs);
            }
        }
        GcnParameters defaults = new GcnParameters(64, 3, 400, 2048, 0.01, 1e-3, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 5,
                42L, concurrency);
        for (double h : trainHalfLives) {
            float[][] weights = new float[users][];
            for (int u = 0; u < users; u++) {
                weights[u] = h > 0 ? Decay.weights(trainTimes[u], latest, h) : filled(trainItems[u].length);
            }
            Interactions data = new Interactions(users, items, trainItems, weights, null, 0);
            long t = System.nanoTime();
            GcnFit.Outcome o = GcnFit.fit(data, 0.1, true, defaults, null, null, h > 0, (r, s) -> { }, () -> false);
            double secs = (System.nanoTime() - t) / 1e9;
            GcnModel m = o.model().model();
            String label = h > 0 ? String.valueOf((int) h) : "none";
            report(label, "user vector", in, m, null, secs, o.epochs(), concurrency);
            for (double s : serveHalfLives) {
                report(label, "halfLifeDays " + s, in, m, userQueries(m, trainItems, trainTimes, s, true), secs,
                        o.epochs(), concurrency);
            }
            report(label, "items' mean, no decay", in, m, userQueries(m, trainItems, trainTimes, 0, false), secs,
                    o.epochs(), concurrency);
            for (double s : serveHalfLives) {
                report(label, "items' decayed mean alone, " + s, in, m, userQueries(m, trainItems, trainTimes, s, false),
                        secs, o.epochs(), concurrency);
            }
        }
    }

    static float[] filled(int length) {
        float[] w = new float[length];
        Arrays.fill(w, 1f);
        return w;
    }

    /**
     * Per user, the serving query; {@code withUser}: {@link Decay#query}, else the (decayed) mean of the items alone,
     * both as forUser computes them ({@link Vectors#weightedMean}).
     */
    static float[][] userQueries(GcnModel m, int[][] items, double[][] times, double halfLife, boolean withUser) {
        int w = m.width();
        float[] e = m.embeddings();
        ItemSpace space = ItemSpace.ofModelRows(w, e, java.util.stream.LongStream.range(0, m.users()).toArray(),
                java.util.stream.LongStream.range(0, m.items()).toArray()); // ids unused here
        float[][] q = new float[m.users()][];
        for (int u = 0; u < m.users(); u++) {
            float[] user = Arrays.copyOfRange(e, u * w, (u + 1) * w);
            if (items[u].length == 0) {
                q[u] = user;
                continue;
            }
            double latest = Arrays.stream(times[u]).max().orElse(0);
            float[] mean = Vectors.weightedMean(space, items[u], halfLife > 0 ? Decay.weights(times[u], latest, halfLife) : null);
            q[u] = withUser ? Decay.query(user, mean) : mean;
        }
        return q;
    }

    static void report(String train, String serve, OfflineEvaluation.Input in, GcnModel m, float[][] queries, double secs,
            int epochs, int concurrency) {
        OfflineEvaluation.Scorer scorer;
        int w = m.width();
        if (queries == null) {
            scorer = Scorers.dotProduct(m.embeddings(), w, IntStream.range(0, m.users()).toArray(),
                    IntStream.range(0, m.items()).map(i -> m.users() + i).toArray());
        } else {
            float[] flat = new float[(m.users() + m.items()) * w];
            for (int u = 0; u < m.users(); u++) {
                System.arraycopy(queries[u], 0, flat, u * w, w);
            }
            System.arraycopy(m.embeddings(), m.users() * w, flat, m.users() * w, m.items() * w);
            scorer = Scorers.dotProduct(flat, w, IntStream.range(0, m.users()).toArray(),
                    IntStream.range(0, m.items()).map(i -> m.users() + i).toArray());
        }
        OfflineEvaluation.Row row = OfflineEvaluation.evaluate(in, serve, scorer, new int[] {20}, concurrency).get(0);
        System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.1f | %d |%n", train, serve, row.recall(), row.ndcg(),
                secs, epochs);
    }
}
