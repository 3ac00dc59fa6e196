package rec4j.bench;

import java.util.Locale;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.RankingMetrics;
import rec4j.gcn.ShownIgnored;

/**
 * Hard negatives from logged impressions (shown and not taken) against the no-feedback control, on generated worlds
 * with planted "shown and ignored" items ({@link ShownIgnored}): Recall@20 and NDCG@20 on each user's held-out fifth,
 * per seed, at several rates (0 = the control).
 *
 * <p>Run: {@code java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.HardNegativeBenchmark [users=3000]
 * [items=2000] [epochs=60] [seeds=3] [takeOwn=0.5]}
 */
public final class HardNegativeBenchmark {

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int seeds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        double takeOwn = args.length > 4 ? Double.parseDouble(args[4]) : 0.5;
        double[] rates = {0.0, 0.1, 0.25, 0.5};
        System.out.printf("load average %s; %d users, %d items, 10 taste groups, 30 interactions per user (30 %% off-group), "
                + "30 most popular untaken items shown per user, of which those of the user's own group are taken with probability "
                + "%.2f; GCN 3x64, %d epochs, batch 2048, lr 0.005%n", PropertyServingBenchmark.loadAverage(), users, items,
                takeOwn, epochs);
        System.out.println("| seed | hardNegativeRate | Recall@20 | NDCG@20 | train s |");
        System.out.println("|---|---|---|---|---|");
        double[][] recall = new double[rates.length][seeds], ndcg = new double[rates.length][seeds];
        for (int seed = 1; seed <= seeds; seed++) {
            ShownIgnored.World world = ShownIgnored.generate(users, items, 10, 30, 0.3, 30, takeOwn, seed);
            for (int r = 0; r < rates.length; r++) {
                GcnParameters p = new GcnParameters(64, 3, epochs, 2048, 0.005, 1e-4, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 5,
                        seed, 2);
                long t = System.nanoTime();
                GcnTrainer.Result result = GcnTrainer.train(world.train(), null, p,
                        new GcnTrainer.HardNegatives(world.shown(), rates[r]), null, s -> { }, () -> false);
                double seconds = (System.nanoTime() - t) / 1e9;
                RankingMetrics.Result m = RankingMetrics.evaluate(result.model().embeddings(), result.model().width(),
                        world.train(), world.test(), 20, 2);
                recall[r][seed - 1] = m.recall();
                ndcg[r][seed - 1] = m.ndcg();
                System.out.printf(Locale.ROOT, "| %d | %.2f | %.4f | %.4f | %.1f |%n", seed, rates[r], m.recall(), m.ndcg(), seconds);
            }
        }
        System.out.println();
        System.out.println("| hardNegativeRate | Recall@20 (mean ± sd) | NDCG@20 (mean ± sd) | Recall vs control |");
        System.out.println("|---|---|---|---|");
        for (int r = 0; r < rates.length; r++) {
            System.out.printf(Locale.ROOT, "| %.2f | %.4f ± %.4f | %.4f ± %.4f | %.3fx |%n", rates[r], mean(recall[r]), sd(recall[r]),
                    mean(ndcg[r]), sd(ndcg[r]), mean(recall[r]) / mean(recall[0]));
        }
        System.out.printf("load average at the end %s%n", PropertyServingBenchmark.loadAverage());
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double sd(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return x.length < 2 ? 0 : Math.sqrt(s / (x.length - 1));
    }
}
