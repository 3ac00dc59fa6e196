package rec4j.bench;

import java.util.ArrayList;
import java.util.List;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnScaling;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.Interactions;

/**
 * Time to quality of GCN training: rec.gcn.train's selection run (10 % of each user's interactions held out, early
 * stopping on validation Recall@20) per configuration, its validation curve against wall time, and the time each
 * configuration needs to come within 2 % of the first (reference) configuration's best validation Recall@20.
 * <pre>
 *   java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.TimeToQuality SOURCE CONCURRENCY MINUTES CONFIG...
 * </pre>
 * SOURCE: see {@link ScaleData}. CONFIG: batchSize@learningRate[@l2[@evaluateEvery[@patience[@maxEpochs]]]]
 * (defaults: rec.gcn.train's, l2 1e-3, every 10, patience 5; today's trainer is 2048@0.01); batchSize and
 * learningRate may be {@code auto}: rec.gcn.train's ({@link GcnScaling}). MINUTES caps each run's wall time.
 */
public final class TimeToQuality {

    record Point(int epoch, double seconds, double recall) {}

    public static void main(String[] args) throws Exception {
        ScaleData data = ScaleData.load(args[0]);
        int concurrency = Integer.parseInt(args[1]);
        double minutes = Double.parseDouble(args[2]);
        Interactions all = data.toInteractions();
        Interactions.HoldOut split = all.holdOut(0.1, 42L);
        System.out.printf("%s: %,d users, %,d items, %,d interactions (%,d for training); concurrency %d; load %.2f%n",
                data.name(), data.users(), data.items(), data.interactions(), split.train().interactionCount(),
                concurrency, Rss.loadAverage());
        double referenceBest = Double.NaN;
        double referenceSeconds = Double.NaN;
        List<String> summary = new ArrayList<>();
        for (int c = 3; c < args.length; c++) {
            GcnParameters p = parameters(args[c], split.train(), concurrency);
            List<Point> curve = new ArrayList<>();
            long start = System.nanoTime();
            long deadline = start + (long) (minutes * 60e9);
            System.out.printf("-- %s: batch %d, learning rate %.5f, l2 %.0e, every %d, patience %d, max %d epochs%n", args[c],
                    p.batchSize(), p.learningRate(), p.l2(), p.evaluateEvery(), p.patience(), p.epochs());
            boolean stopped = false;
            // validation as rec.gcn.train ranks it: at most GcnFit.MAX_VALIDATION_USERS users, drawn with the seed
            int[][] validation = rec4j.gcn.GcnFit.validationSample(split.heldOut(), rec4j.gcn.GcnFit.MAX_VALIDATION_USERS,
                    p.randomSeed());
            try {
                GcnTrainer.train(split.train(), validation, p, s -> {
                    double secs = (System.nanoTime() - start) / 1e9;
                    System.out.printf("   epoch %4d  %6.1f s this epoch (with validation)%n", s.epoch(), s.millis() / 1e3);
                    if (!Double.isNaN(s.validationRecall())) {
                        curve.add(new Point(s.epoch(), secs, s.validationRecall()));
                        System.out.printf("   epoch %4d  %8.1f s  loss %.4f  recall %.4f  ndcg %.4f%n", s.epoch(), secs,
                                s.loss(), s.validationRecall(), s.validationNdcg());
                    }
                }, () -> System.nanoTime() > deadline);
            } catch (GcnTrainer.TerminatedException e) {
                stopped = true;
            }
            double total = (System.nanoTime() - start) / 1e9;
            Point best = curve.stream().max((a, b) -> Double.compare(a.recall(), b.recall())).orElseThrow();
            if (c == 3) {
                referenceBest = best.recall();
                referenceSeconds = best.seconds();
            }
            double target = 0.98 * referenceBest;
            Point reached = curve.stream().filter(q -> q.recall() >= target).findFirst().orElse(null);
            String line = String.format("%-28s best %.4f (%.3fx ref) at epoch %d, %.1f s; run %.1f s%s; within 2 %% of ref "
                    + "(%.4f) at %s; s/epoch %.2f; load %.2f", args[c], best.recall(), best.recall() / referenceBest,
                    best.epoch(), best.seconds(), total, stopped ? " (stopped at the time cap)" : "", target,
                    reached == null ? "never" : String.format("epoch %d, %.1f s (%.3fx ref's time to its best)",
                            reached.epoch(), reached.seconds(), reached.seconds() / referenceSeconds),
                    total / curve.get(curve.size() - 1).epoch(), Rss.loadAverage());
            System.out.println(line);
            summary.add(line);
        }
        System.out.println("== summary");
        summary.forEach(System.out::println);
    }

    static GcnParameters parameters(String config, Interactions train, int concurrency) {
        GcnParameters d = GcnParameters.defaults().withConcurrency(concurrency);
        String[] c = config.split("@");
        // auto: rec.gcn.train's batch for all of the graph's interactions (the selection run trains on 90 % of them)
        long all = Math.round(train.interactionCount() / 0.9);
        int batch = c[0].equals("auto") ? GcnScaling.batchSize(all) : Integer.parseInt(c[0]);
        double lr = c.length < 2 || c[1].equals("auto") ? GcnScaling.learningRate(0.01, batch) : Double.parseDouble(c[1]);
        double l2 = c.length > 2 ? Double.parseDouble(c[2]) : 1e-3;
        int every = c.length > 3 ? Integer.parseInt(c[3]) : d.evaluateEvery();
        int patience = c.length > 4 ? Integer.parseInt(c[4]) : d.patience();
        int epochs = c.length > 5 ? Integer.parseInt(c[5]) : 100_000;
        return new GcnParameters(d.embeddingDimension(), d.layers(), epochs, batch, lr, l2, 1.0, d.negativeSamples(),
                d.fusion(), d.idDropout(), every, patience, d.randomSeed(), concurrency);
    }
}
