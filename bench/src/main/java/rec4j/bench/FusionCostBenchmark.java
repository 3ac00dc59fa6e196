package rec4j.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.Interactions;

/**
 * What text fusion costs per epoch against the graph-only GCN, in one process: MovieLens 100K's training split
 * (as GcnBenchmark), items carrying a {@code f}-dimensional unit text vector (random: the cost does not depend on
 * the values), users none (as rec.embed.nodes on item texts leaves them); 3 layers, 64 dims, batch 2048. Rounds
 * alternate the modes so that a slower machine phase hits all of them; the median seconds per epoch and the ratio to
 * graph only are printed.
 * <pre>
 *   java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.FusionCostBenchmark ../shared/data/ml-100k/u.data 384 3 5 2
 * </pre>
 * (args: u.data, feature dimension, rounds, epochs per round, concurrency)
 */
public final class FusionCostBenchmark {

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.of(args);
        Path uData = Path.of(a.text(0, "../shared/data/ml-100k/u.data"));
        int f = a.integer(1, 384), rounds = a.integer(2, 3), epochs = a.integer(3, 5), concurrency = a.integer(4, 2);
        MovieLensSplit split = MovieLensSplit.load(uData, 2020);
        Interactions graph = split.train();
        float[] features = new float[graph.nodes() * f];
        Random random = new Random(1);
        for (int i = 0; i < graph.items(); i++) {
            int row = (graph.users() + i) * f;
            double norm = 0;
            for (int c = 0; c < f; c++) {
                features[row + c] = (float) random.nextGaussian();
                norm += features[row + c] * features[row + c];
            }
            for (int c = 0; c < f; c++) {
                features[row + c] /= (float) Math.sqrt(norm);
            }
        }
        Interactions withText = new Interactions(graph.users(), graph.items(), graph.positives(), graph.weights(), features, f);
        GcnParameters.Fusion[] modes = GcnParameters.Fusion.values();
        double[][] perEpoch = new double[modes.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < modes.length; m++) {
                GcnParameters p = new GcnParameters(64, 3, epochs, 2048, 0.005, 1e-3, 1.0, 1, modes[m], 0.0, 10, 5, 42L, concurrency);
                GcnTrainer.Result result = GcnTrainer.train(modes[m] == GcnParameters.Fusion.NONE ? graph : withText, null, p,
                        s -> { }, () -> false);
                perEpoch[m][r] = result.epochs().stream().mapToLong(GcnTrainer.EpochStats::millis).sorted()
                        .skip(result.epochs().size() / 2).findFirst().orElse(0) / 1000.0;
            }
        }
        double none = median(perEpoch[0]);
        System.out.printf("| fusion | seconds per epoch (median of %d rounds x %d epochs) | ratio to graph only |%n", rounds, epochs);
        System.out.println("|---|---|---|");
        for (int m = 0; m < modes.length; m++) {
            System.out.printf("| %s | %.3f | %.2f |%n", modes[m].name().toLowerCase(), median(perEpoch[m]),
                    median(perEpoch[m]) / none);
        }
    }

    /** The median (the upper one of an even count). */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
