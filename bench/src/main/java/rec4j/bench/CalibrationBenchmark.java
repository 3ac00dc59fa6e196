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
 * ; with a third argument {@code product}: the calibration rec.gcn.train and rec.ease.train fit and store
 * ({@link #productPath}), on the same split
 */
public final class CalibrationBenchmark {

    public static void main(String[] args) throws Exception {
        Path ml = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        MovieLensSplit split = MovieLensSplit.load(ml.resolve("u.data"), 2020);
        if (args.length > 2 && args[2].equals("product")) {
            System.out.printf(Locale.ROOT, "load average %s%n", PropertyServingBenchmark.loadAverage());
            productPath(split, 2, args.length > 3 && args[3].equals("easeOnly"));
            return;
        }
        Interactions.HoldOut validation = split.train().holdOut(0.1, 42);
        GcnParameters p = new GcnParameters(64, 3, epochs, 2048, 0.01, 1e-3, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 5, 42L, 2);
        long t = System.nanoTime();
        GcnModel m = GcnTrainer.train(validation.train(), null, p, e -> { }, () -> false).model();
        System.out.printf(Locale.ROOT, "load average %s; GCN 3x64, %d epochs on the training part less validation: %.1f s%n",
                PropertyServingBenchmark.loadAverage(), epochs, (System.nanoTime() - t) / 1e9);
        Calibration.PairScorer dot = dot(m);
        Pairs fit = pairs(dot, validation.train(), validation.heldOut(), null, Integer.MAX_VALUE);
        Calibration.Platt platt = Calibration.fit(fit.scores(), fit.labels(), 50);
        System.out.printf(Locale.ROOT, "Platt on %d validation pairs (%d positives): a = %.4f, b = %.4f%n", fit.scores().length,
                fit.positives(), platt.a(), platt.b());
        for (int top : new int[] {Integer.MAX_VALUE, 20}) {
            Pairs test = pairs(dot, validation.train(), split.test(), validation.heldOut(), top);
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

    /**
     * As rec.gcn.train and rec.ease.train do it (the product path): the GCN with the defaults (validation picks the
     * epochs, Platt is fitted on the selection model's validation part with sampled, weighted negatives, the refit on
     * all training interactions is kept) and EASE with its lambda picked on validation (Platt fitted with the picked
     * lambda's validation model, the refit kept); their probabilities on the test part.
     */
    static void productPath(MovieLensSplit split, int concurrency, boolean easeOnly) {
        if (!easeOnly) {
            productGcn(split, concurrency);
        }
        long t = System.nanoTime();
        rec4j.ease.EaseFit.Outcome ease = rec4j.ease.EaseFit.fit(split.train(), null, 0.1, 42, concurrency, () -> false);
        System.out.printf(Locale.ROOT, "%nEASE, lambda %.0f picked: %.1f s; Platt a = %.4f, b = %.4f (%d pairs, %d positives)%n",
                ease.lambda(), (System.nanoTime() - t) / 1e9, ease.calibration().platt().a(), ease.calibration().platt().b(),
                ease.calibration().pairs(), ease.calibration().positives());
        int[][] train = split.train().positives();
        report("EASE (refit model, validation model's Platt)", split, ease.calibration().platt(), (u, i) -> {
            double sum = 0;
            for (int j : train[u]) {
                sum += ease.model().weight(j, i);
            }
            return sum;
        });
    }

    static void productGcn(MovieLensSplit split, int concurrency) {
        GcnParameters defaults = new GcnParameters(64, 3, 400, 2048, 0.01, 1e-3, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 5,
                42L, concurrency);
        long t = System.nanoTime();
        rec4j.gcn.GcnFit.Outcome gcn = rec4j.gcn.GcnFit.fit(split.train(), 0.1, true, defaults, (r, e) -> { }, () -> false);
        System.out.printf(Locale.ROOT, "%nProduct path. GCN defaults: %.1f s, %d epochs picked; Platt a = %.4f, b = %.4f "
                + "(%d pairs, %d positives, %d users)%n", (System.nanoTime() - t) / 1e9, gcn.epochs(),
                gcn.calibration().platt().a(), gcn.calibration().platt().b(), gcn.calibration().pairs(),
                gcn.calibration().positives(), gcn.calibration().users());
        report("GCN (refit model, selection model's Platt)", split, gcn.calibration().platt(), dot(gcn.model().model()));
    }

    static void report(String name, MovieLensSplit split, Calibration.Platt platt, Calibration.PairScorer scorer) {
        for (int top : new int[] {Integer.MAX_VALUE, 20}) {
            Pairs test = pairs(scorer, split.train(), split.test(), null, top);
            double[] p = java.util.Arrays.stream(test.scores()).map(platt::probability).toArray();
            Calibration.Bin[] bins = Calibration.reliability(p, test.labels(), 10);
            System.out.printf(Locale.ROOT, "%s, test, %s: %d pairs, base rate %.4f, mean probability %.4f, ECE %.4f%n", name,
                    top == Integer.MAX_VALUE ? "every unseen item" : "each user's top " + top, p.length,
                    test.positives() / (double) p.length, Arrays.stream(p).average().orElse(0), Calibration.ece(bins));
        }
    }

    /** A GCN model's dot product of user u and item i. */
    static Calibration.PairScorer dot(GcnModel m) {
        float[] e = m.embeddings();
        int w = m.width(), users = m.users();
        return (u, i) -> rec4j.serving.Vectors.dot(e, u * w, e, (users + i) * w, w);
    }

    static int[][] sorted(int[][] rows) {
        return Arrays.stream(rows).map(r -> r == null ? new int[0] : Arrays.stream(r).sorted().toArray()).toArray(int[][]::new);
    }

    record Pairs(double[] scores, boolean[] labels, long positives) {}

    /**
     * Per user with targets: the scores of the items not in {@code train} (nor in {@code alsoSeen}), the label whether
     * the item is a target; only each user's {@code top} highest-scored.
     */
    static Pairs pairs(Calibration.PairScorer scorer, Interactions train, int[][] unsortedTargets, int[][] unsortedSeen,
            int top) {
        int[][] targets = sorted(unsortedTargets), alsoSeen = unsortedSeen == null ? null : sorted(unsortedSeen);
        int users = train.users(), items = train.items();
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
                rows.add(new double[] {scorer.score(u, i), Arrays.binarySearch(targets[u], i) >= 0 ? 1 : 0});
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
