package rec4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import rec4j.evaluate.Calibration;
import rec4j.gcn.GcnModel;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.Interactions;

/**
 * Calibrated probabilities of interaction on MovieLens 100K (ratings >= 4, per-user 80/20 split, seed 2020): a GCN with
 * rec.gcn.train's learning rate and l2 trained on the training part less a 10 % validation part; Platt scaling fitted on
 * the validation part (held-out items 1, every other item the user has not interacted with 0); then on the test part,
 * the reliability diagram and expected calibration error (10 bins) of the raw sigmoid of the score and of the Platt
 * probability, over all (user, unseen item) pairs and over each user's top 20.
 *
 * <p>Run: {@code java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.CalibrationBenchmark ../shared/data/ml-100k [epochs=60]}
 */
public final class CalibrationBenchmark {

    public static void main(String[] args) throws Exception {
        Path ml = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        MovieLensSplit split = MovieLensSplit.load(ml.resolve("u.data"), 2020);
        Interactions.HoldOut validation = split.train().holdOut(0.1, 42);
        GcnParameters p = new GcnParameters(64, 3, epochs, 2048, 0.01, 1e-3, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 5, 42L, 2);
        long t = System.nanoTime();
        GcnModel m = GcnTrainer.train(validation.train(), null, p, e -> { }, () -> false).model();
        System.out.printf(Locale.ROOT, "load average %s; GCN 3x64, %d epochs on the training part less validation: %.1f s%n",
                PropertyServingBenchmark.loadAverage(), epochs, (System.nanoTime() - t) / 1e9);
        Pairs fit = pairs(m, validation.train(), validation.heldOut(), null, Integer.MAX_VALUE);
        Calibration.Platt platt = Calibration.fit(fit.scores(), fit.labels(), 50);
        System.out.printf(Locale.ROOT, "Platt on %d validation pairs (%d positives): a = %.4f, b = %.4f%n", fit.scores().length,
                fit.positives(), platt.a(), platt.b());
        for (int top : new int[] {Integer.MAX_VALUE, 20}) {
            Pairs test = pairs(m, validation.train(), split.test(), validation.heldOut(), top);
            double[] raw = new double[test.scores().length], calibrated = new double[raw.length];
            for (int k = 0; k < raw.length; k++) {
                raw[k] = 1 / (1 + Math.exp(-test.scores()[k]));
                calibrated[k] = platt.probability(test.scores()[k]);
            }
            String scope = top == Integer.MAX_VALUE ? "all unseen items" : "each user's top " + top;
            Calibration.Bin[] rawBins = Calibration.reliability(raw, test.labels(), 10);
            Calibration.Bin[] bins = Calibration.reliability(calibrated, test.labels(), 10);
            System.out.printf(Locale.ROOT, "%nTest, %s: %d pairs, %d positives (base rate %.4f); ECE raw sigmoid %.4f, Platt %.4f%n",
                    scope, raw.length, test.positives(), test.positives() / (double) raw.length, Calibration.ece(rawBins),
                    Calibration.ece(bins));
            System.out.println("| Platt bin | pairs | mean probability | observed rate |");
            System.out.println("|---|---|---|---|");
            for (Calibration.Bin b : bins) {
                if (b.count() > 0) {
                    System.out.printf(Locale.ROOT, "| %.1f-%.1f | %d | %.4f | %.4f |%n", b.low(), b.high(), b.count(),
                            b.meanProbability(), b.observedRate());
                }
            }
        }
    }

    static int[][] sorted(int[][] rows) {
        return Arrays.stream(rows).map(r -> r == null ? new int[0] : Arrays.stream(r).sorted().toArray()).toArray(int[][]::new);
    }

    record Pairs(double[] scores, boolean[] labels, long positives) {}

    /**
     * Per user with targets: the scores of the items not in {@code train} (nor in {@code alsoSeen}), the label whether
     * the item is a target; only each user's {@code top} highest-scored.
     */
    static Pairs pairs(GcnModel m, Interactions train, int[][] unsortedTargets, int[][] unsortedSeen, int top) {
        int[][] targets = sorted(unsortedTargets), alsoSeen = unsortedSeen == null ? null : sorted(unsortedSeen);
        int users = train.users(), items = train.items(), w = m.width();
        float[] e = m.embeddings();
        List<double[]> scores = new ArrayList<>();
        List<boolean[]> labels = new ArrayList<>();
        long positives = 0;
        for (int u = 0; u < users; u++) {
            if (targets[u] == null || targets[u].length == 0) {
                continue;
            }
            List<double[]> rows = new ArrayList<>(); // {score, label}
            for (int i = 0; i < items; i++) {
                if (train.isPositive(u, i) || (alsoSeen != null && alsoSeen[u] != null && Arrays.binarySearch(alsoSeen[u], i) >= 0)) {
                    continue;
                }
                double s = 0;
                for (int c = 0; c < w; c++) {
                    s += e[u * w + c] * e[(users + i) * w + c];
                }
                rows.add(new double[] {s, Arrays.binarySearch(targets[u], i) >= 0 ? 1 : 0});
            }
            rows.sort((a, b) -> Double.compare(b[0], a[0]));
            int n = Math.min(top, rows.size());
            double[] sc = new double[n];
            boolean[] lb = new boolean[n];
            for (int k = 0; k < n; k++) {
                sc[k] = rows.get(k)[0];
                lb[k] = rows.get(k)[1] == 1;
                positives += lb[k] ? 1 : 0;
            }
            scores.add(sc);
            labels.add(lb);
        }
        int total = scores.stream().mapToInt(x -> x.length).sum();
        double[] s = new double[total];
        boolean[] l = new boolean[total];
        int at = 0;
        for (int k = 0; k < scores.size(); k++) {
            System.arraycopy(scores.get(k), 0, s, at, scores.get(k).length);
            System.arraycopy(labels.get(k), 0, l, at, labels.get(k).length);
            at += scores.get(k).length;
        }
        return new Pairs(s, l, positives);
    }
}
