package rec4j.bench;

import java.nio.file.Path;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.RankingMetrics;

/**
 * The GCN (graph only) on MovieLens 100K against the reference LightGCN figures of the issue.
 *
 * <pre>
 *   java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.GcnBenchmark ../shared/data/ml-100k/u.data [epochs] [learningRate]
 * </pre>
 *
 * Monitors test Recall@20 every 10 epochs only to report when 0.35 is first reached (speed); the reported quality is
 * the model picked on a validation split taken from the training edges (see {@code validate}).
 */
public final class GcnBenchmark {

    public static void main(String[] args) throws Exception {
        Path uData = Path.of(args.length > 0 ? args[0] : "../shared/data/ml-100k/u.data");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        double lr = args.length > 2 ? Double.parseDouble(args[2]) : 0.001;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        double l2 = args.length > 4 ? Double.parseDouble(args[4]) : 1e-4;
        int negatives = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        MovieLensSplit split = MovieLensSplit.load(uData, 2020);
        System.out.printf("MovieLens 100K: %d training pairs, %d users with test items; epochs %d, lr %s, concurrency %d, "
                + "l2 %s, negatives %d%n", split.train().interactionCount(), countUsers(split.test()), epochs, lr, concurrency, l2,
                negatives);
        GcnParameters p = GcnParameters.defaults().withEpochs(epochs).withLearningRate(lr).withConcurrency(concurrency);

        long start = System.nanoTime();
        double[] reached = {Double.NaN};
        // the test set serves as "validation" here only to time the run; patience is set so that it never stops early
        GcnParameters monitored = new GcnParameters(p.embeddingDimension(), p.layers(), p.epochs(), p.batchSize(),
                p.learningRate(), l2, p.learningRateDecay(), negatives, p.fusion(), p.idDropout(), 10, Integer.MAX_VALUE,
                p.randomSeed(), p.concurrency());
        GcnTrainer.Result run = GcnTrainer.train(split.train(), split.test(), monitored, s -> {
            if (!Double.isNaN(s.validationRecall())) {
                double wall = (System.nanoTime() - start) / 1e9;
                if (Double.isNaN(reached[0]) && s.validationRecall() >= 0.35) {
                    reached[0] = wall;
                }
                System.out.printf("  epoch %4d  loss %.4f  test Recall@20 %.4f  NDCG@20 %.4f  (%.0f ms/epoch, %.0f s)%n",
                        s.epoch(), s.loss(), s.validationRecall(), s.validationNdcg(), (double) s.millis(), wall);
            }
        }, () -> false);
        double msPerEpoch = run.epochs().stream().mapToLong(GcnTrainer.EpochStats::millis).sorted()
                .skip(run.epochs().size() / 2).findFirst().orElse(0);
        System.out.printf("median %.0f ms per epoch (incl. evaluation epochs); Recall@20 >= 0.35 first after %.0f s%n",
                msPerEpoch, reached[0]);

        // Quality, picked without the test set: early stopping on 10 % of each user's training items finds the epoch
        // count; the model is then trained on all training items for that many epochs and scored once on the test set.
        MovieLensSplit inner = split.validationSplit(0.1, 7);
        GcnParameters selecting = new GcnParameters(p.embeddingDimension(), p.layers(), p.epochs(), p.batchSize(),
                p.learningRate(), l2, p.learningRateDecay(), negatives, p.fusion(), p.idDropout(), 10, 5, p.randomSeed(), p.concurrency());
        GcnTrainer.Result picked = GcnTrainer.train(inner.train(), inner.test(), selecting, s -> {
            if (!Double.isNaN(s.validationRecall())) {
                System.out.printf("  [validation] epoch %4d  Recall@20 %.4f%n", s.epoch(), s.validationRecall());
            }
        }, () -> false);
        GcnParameters finalRun = selecting.withEpochs(picked.bestEpoch());
        GcnTrainer.Result model = GcnTrainer.train(split.train(), null, finalRun, s -> { }, () -> false);
        RankingMetrics.Result test = RankingMetrics.evaluate(model.model().embeddings(), model.model().width(), split.train(),
                split.test(), 20, concurrency);
        System.out.printf("picked on validation: %d epochs (validation Recall@20 %.4f); test Recall@20 %.4f, NDCG@20 %.4f%n",
                picked.bestEpoch(), picked.bestValidationRecall(), test.recall(), test.ndcg());
    }

    static int countUsers(int[][] test) {
        int n = 0;
        for (int[] t : test) {
            if (t.length > 0) {
                n++;
            }
        }
        return n;
    }
}
