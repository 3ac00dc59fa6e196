package rec4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import rec4j.ease.Ease;
import rec4j.ease.EaseFit;
import rec4j.evaluate.Blend;
import rec4j.evaluate.OfflineEvaluation;
import rec4j.evaluate.Scorers;
import rec4j.gcn.GcnFit;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.Interactions;
import rec4j.hybrid.HybridFit;

/**
 * Blend variants of the hybrid on the dev protocol, on the algorithm level: per split seed the GCN is fitted once as
 * {@link HybridFit} does (selection run on 90 % of the training part, refit on all), every other part on the same
 * validation part and refit on all; then each variant picks its weights (and, where it says so, EASE's lambda) on the
 * validation part (by Recall@20 + NDCG@20, as {@link Blend#pickWeight}) and is measured once on the test part.
 * Score matrices are cached, so a variant costs only its evaluations.
 * <pre>
 *   java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.BlendSearch ../shared/data/ml-100k 1,2,3 2 0.01:1e-3:400
 * </pre>
 * (the GCN as learningRate:l2:maxEpochs[:dims[:learningRateDecay]]). Other screens instead of the default one:
 * {@code -Drec4j.blend.new=true} (a weight per activity half, a second GCN), {@code -Drec4j.blend.user=true} (user-kNN
 * as a third part), {@code -Drec4j.blend.gfcf=true} (GF-CF as a third part), {@code -Drec4j.blend.text=true} (a
 * content part from the items' MiniLM vectors of title, genres and plot).
 */
public final class BlendSearch {

    /** A part's scores, per user a row over all items, on the validation side and the test side. */
    record Part(String name, float[][] validation, float[][] test) {}

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.of(args);
        String source = a.text(0, "../shared/data/ml-100k");
        long[] seeds = Arrays.stream(a.text(1, "1,2,3").split(",")).mapToLong(Long::parseLong).toArray();
        int concurrency = a.integer(2, 2);
        String[] c = a.text(3, "0.01:1e-3:400").split(":");
        GcnParameters p = new GcnParameters(c.length > 3 ? Integer.parseInt(c[3]) : 64, 3, Integer.parseInt(c[2]), 2048,
                Double.parseDouble(c[0]), Double.parseDouble(c[1]), c.length > 4 ? Double.parseDouble(c[4]) : 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 5, 42L, concurrency);
        List<int[]> pairs = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(source).resolve("u.data"))) {
            String[] f = line.split("\t");
            if (Integer.parseInt(f[2]) >= 4) {
                pairs.add(new int[] {Integer.parseInt(f[0]) - 1, Integer.parseInt(f[1]) - 1});
            }
        }
        java.util.Map<String, List<double[]>> results = new java.util.LinkedHashMap<>();
        float[] text = null; // -Drec4j.blend.text: the items' MiniLM vectors (title, genres, plot), embedded once
        for (long seed : seeds) {
            DefaultsSearch.Split s = DefaultsSearch.split(943, 1682, pairs, seed);
            Interactions data = s.train();
            int users = data.users(), items = data.items();
            Interactions.HoldOut split = data.holdOut(0.1, p.randomSeed());
            OfflineEvaluation.Input val = new OfflineEvaluation.Input(users, items, split.train().positives(), split.heldOut(),
                    IntStream.range(0, items).toArray(), null);
            OfflineEvaluation.Input test = DefaultsSearch.input(s);
            long t = System.nanoTime();
            GcnFit.Outcome gcn = GcnFit.fit(data, 0.1, true, p, (run, e) -> { }, () -> false);
            System.out.printf("seed %d: GCN fitted in %.0f s, epochs %d%n", seed, (System.nanoTime() - t) / 1e9,
                    gcn.selection().bestEpoch());
            Part g = new Part("gcn", matrix(val, HybridFit.gcnScorer(gcn.selection().model()), concurrency),
                    matrix(test, HybridFit.gcnScorer(gcn.model().model()), concurrency));
            List<Part> eases = new ArrayList<>();
            for (double lambda : EaseFit.LAMBDAS) {
                eases.add(new Part("ease" + (int) lambda,
                        matrix(val, EaseFit.scorer(Ease.fit(items, val.train(), lambda, concurrency, () -> false), val), concurrency),
                        matrix(test, EaseFit.scorer(Ease.fit(items, test.train(), lambda, concurrency, () -> false), test), concurrency)));
            }
            Part easeAlone = best(val, List.copyOf(eases), concurrency);
            if (Boolean.getBoolean("rec4j.blend.text")) {
                if (text == null) {
                    java.nio.file.Path tsv = java.nio.file.Path.of(source).resolve("items_text.tsv");
                    text = GcnTextBenchmark.textVectors(EmbedBenchmark.titleGenresPlots(tsv), items);
                }
                textVariants(results, val, test, g, easeAlone, text, concurrency);
                printSeed(results, seed);
                continue;
            }
            if (Boolean.getBoolean("rec4j.blend.gfcf")) {
                gfcfVariants(results, val, test, g, easeAlone, concurrency);
                printSeed(results, seed);
                continue;
            }
            if (Boolean.getBoolean("rec4j.blend.user")) {
                twoParts(results, val, test, g, easeAlone, concurrency, 0.1);
                for (int k : new int[] {30, 80, 200}) {
                    Part uk = new Part("uknn" + k, matrix(val, userKnn(val, k), concurrency), matrix(test, userKnn(test, k), concurrency));
                    record(results, "user-kNN " + k + " alone", testOf(test, List.of(uk), new double[] {1}, Norm.Z, concurrency), 0);
                    record(results, "3 parts Z step 0.1 + user-kNN " + k, pick(val, test, List.of(g, easeAlone, uk), 0.1, Norm.Z, concurrency));
                    record(results, "3 parts Z step 0.05 + user-kNN " + k, pick(val, test, List.of(g, easeAlone, uk), 0.05, Norm.Z, concurrency));
                }
                printSeed(results, seed);
                continue;
            }
            if (ONLY_NEW) {
                newVariants(results, data, p, val, test, g, easeAlone, concurrency);
                printSeed(results, seed);
                continue;
            }
            List<Part> thirds = new ArrayList<>();
            for (int k : new int[] {50, 100, 200}) {
                thirds.add(new Part("knn" + k, matrix(val, Scorers.itemKnn(val, k, concurrency), concurrency),
                        matrix(test, Scorers.itemKnn(test, k, concurrency), concurrency)));
            }
            for (double beta : new double[] {0.3, 0.5, 0.7}) {
                thirds.add(new Part("rp3b" + beta, matrix(val, rp3beta(val, beta), concurrency),
                        matrix(test, rp3beta(test, beta), concurrency)));
            }
            thirds.add(new Part("pop", matrix(val, Scorers.popularity(val), concurrency),
                    matrix(test, Scorers.popularity(test), concurrency)));
            record(results, "GCN alone", testOf(test, List.of(g), new double[] {1}, Norm.Z, concurrency), 0);
            record(results, "EASE alone (lambda picked alone)", testOf(test, List.of(easeAlone), new double[] {1}, Norm.Z,
                    concurrency), 0);
            for (Norm norm : Norm.values()) {
                for (double step : new double[] {0.1, 0.05}) {
                    record(results, "2 parts " + norm + " step " + step + ", lambda alone",
                            pick(val, test, List.of(g, easeAlone), step, norm, concurrency));
                }
            }
            for (Norm norm : new Norm[] {Norm.Z, Norm.RANK}) {
                // EASE's lambda picked together with the weight
                double[] bestRow = null;
                for (Part e : eases) {
                    double[] r = pick(val, test, List.of(g, e), 0.05, norm, concurrency);
                    if (bestRow == null || r[2] > bestRow[2]) {
                        bestRow = r;
                    }
                }
                record(results, "2 parts " + norm + " step 0.05, lambda picked in the blend", bestRow);
            }
            for (Norm norm : new Norm[] {Norm.Z, Norm.RANK}) {
                double[] bestRow = null;
                for (Part third : thirds) {
                    double[] r = pick(val, test, List.of(g, easeAlone, third), 0.1, norm, concurrency);
                    record(results, "3 parts " + norm + " step 0.1, + " + third.name(), r);
                    if (bestRow == null || r[2] > bestRow[2]) {
                        bestRow = r;
                    }
                }
                // the third part picked on validation as well
                record(results, "3 parts " + norm + " step 0.1, third part picked on validation", bestRow);
            }
            printSeed(results, seed);
        }
        System.out.println();
        for (var e : results.entrySet()) {
            double[][] rows = e.getValue().toArray(double[][]::new);
            System.out.printf("%-66s Recall@20 %s  NDCG@20 %s%n", e.getKey(), DefaultsSearch.stat(rows, 0),
                    DefaultsSearch.stat(rows, 1));
        }
    }

    /** -Drec4j.blend.new=true: only the variants of {@link #newVariants} (and the two-part z-score blend). */
    static final boolean ONLY_NEW = Boolean.getBoolean("rec4j.blend.new");

    static void printSeed(java.util.Map<String, List<double[]>> results, long seed) {
        for (var e : results.entrySet()) {
            double[] r = e.getValue().get(e.getValue().size() - 1);
            System.out.printf("  seed %d  %-60s %.4f / %.4f  (validation %.4f) weights %s%n", seed, e.getKey(), r[0], r[1],
                    r[2], Arrays.toString(Arrays.copyOfRange(r, 3, r.length)));
        }
    }

    /**
     * Two variants screened after the first table: a weight per user activity (users with at most the median number
     * of training items, and the others, each picked on validation), and a second GCN (another initialisation seed)
     * as a third part.
     */
    static void newVariants(java.util.Map<String, List<double[]>> results, Interactions data, GcnParameters p,
            OfflineEvaluation.Input val, OfflineEvaluation.Input test, Part g, Part ease, int concurrency) {
        twoParts(results, val, test, g, ease, concurrency, 0.1);
        // a weight per activity half (the median of the validation side's training counts splits both sides)
        float[][] gv = normalised(g.validation(), Norm.Z), gt = normalised(g.test(), Norm.Z);
        float[][] ev = normalised(ease.validation(), Norm.Z), et = normalised(ease.test(), Norm.Z);
        int[] counts = IntStream.range(0, val.users()).map(u -> val.train()[u].length).sorted().toArray();
        int median = counts[counts.length / 2];
        double bestScore = -1, bestLow = 0, bestHigh = 0;
        for (double low : Blend.GRID) {
            for (double high : Blend.GRID) {
                double[] r = eval(val, byActivity(gv, ev, val, median, low, high), concurrency);
                if (r[0] + r[1] > bestScore + 1e-12) {
                    bestScore = r[0] + r[1];
                    bestLow = low;
                    bestHigh = high;
                }
            }
        }
        double[] r = eval(test, byActivity(gt, et, val, median, bestLow, bestHigh), concurrency);
        record(results, "2 parts Z, a weight per activity half", new double[] {r[0], r[1], bestScore, bestLow, bestHigh});
        // a second GCN from another seed
        GcnParameters p2 = p.withRandomSeed(p.randomSeed() + 1);
        // the same validation part as the first (its seed), another initialisation and sampling seed
        Interactions.HoldOut split = data.holdOut(0.1, p.randomSeed());
        rec4j.gcn.GcnTrainer.Result selection = rec4j.gcn.GcnTrainer.train(split.train(), split.heldOut(), p2, e -> { },
                () -> false);
        rec4j.gcn.GcnTrainer.Result refit = rec4j.gcn.GcnTrainer.train(data, null,
                p2.withEpochs(Math.max(1, selection.bestEpoch())), e -> { }, () -> false);
        System.out.printf("  second GCN: epochs %d%n", selection.bestEpoch());
        Part g2 = new Part("gcn2", matrix(val, HybridFit.gcnScorer(selection.model()), concurrency),
                matrix(test, HybridFit.gcnScorer(refit.model()), concurrency));
        record(results, "second GCN alone", testOf(test, List.of(g2), new double[] {1}, Norm.Z, concurrency), 0);
        record(results, "3 parts Z step 0.1: GCN, second GCN, EASE", pick(val, test, List.of(g, g2, ease), 0.1, Norm.Z,
                concurrency));
    }

    /** The rows every screen compares against: the GCN alone, EASE alone, and their z-score blend at each grid step. */
    static void twoParts(java.util.Map<String, List<double[]>> results, OfflineEvaluation.Input val,
            OfflineEvaluation.Input test, Part g, Part ease, int concurrency, double... steps) {
        record(results, "GCN alone", testOf(test, List.of(g), new double[] {1}, Norm.Z, concurrency), 0);
        record(results, "EASE alone", testOf(test, List.of(ease), new double[] {1}, Norm.Z, concurrency), 0);
        for (double step : steps) {
            record(results, "2 parts Z step " + step, pick(val, test, List.of(g, ease), step, Norm.Z, concurrency));
        }
    }

    /** GF-CF as a third part (-Drec4j.blend.gfcf): its k and alpha picked on validation, then the blends. */
    static void gfcfVariants(java.util.Map<String, List<double[]>> results, OfflineEvaluation.Input val,
            OfflineEvaluation.Input test, Part g, Part ease, int concurrency) {
        twoParts(results, val, test, g, ease, concurrency, 0.1, 0.05);
        double[][] ev = eigen(val), et = eigen(test);
        List<Part> filters = new ArrayList<>();
        for (int k : new int[] {32, 64, 128, 256}) {
            for (double alpha : new double[] {0, 0.3, 1, 3}) {
                if (alpha == 0 && k != 32) { // without the ideal filter k plays no part
                    continue;
                }
                filters.add(new Part("gfcf" + k + "a" + alpha, matrix(val, gfcf(val, ev, k, alpha), concurrency),
                        matrix(test, gfcf(test, et, k, alpha), concurrency)));
            }
        }
        Part gf = best(val, filters, concurrency);
        System.out.println("  GF-CF picked: " + gf.name());
        for (Part f : filters) {
            double[] r = testOf(test, List.of(f), new double[] {1}, Norm.Z, concurrency);
            System.out.printf("    %s: test %.4f / %.4f%n", f.name(), r[0], r[1]);
        }
        record(results, "GF-CF alone (picked on validation)", testOf(test, List.of(gf), new double[] {1}, Norm.Z, concurrency), 0);
        record(results, "GCN + GF-CF Z step 0.05", pick(val, test, List.of(g, gf), 0.05, Norm.Z, concurrency));
        record(results, "EASE + GF-CF Z step 0.05", pick(val, test, List.of(ease, gf), 0.05, Norm.Z, concurrency));
        record(results, "GCN + EASE + GF-CF Z step 0.1", pick(val, test, List.of(g, ease, gf), 0.1, Norm.Z, concurrency));
        record(results, "GCN + EASE + GF-CF Z step 0.05", pick(val, test, List.of(g, ease, gf), 0.05, Norm.Z, concurrency));
    }

    /** The items' text as a third part (-Drec4j.blend.text): {@link #textProfile}, blended on grids of 0.05 and 0.025. */
    static void textVariants(java.util.Map<String, List<double[]>> results, OfflineEvaluation.Input val,
            OfflineEvaluation.Input test, Part g, Part ease, float[] text, int concurrency) {
        twoParts(results, val, test, g, ease, concurrency, 0.05);
        Part profile = new Part("textProfile", matrix(val, textProfile(val, text), concurrency),
                matrix(test, textProfile(test, text), concurrency));
        record(results, "text profile alone", testOf(test, List.of(profile), new double[] {1}, Norm.Z, concurrency), 0);
        for (double step : new double[] {0.05, 0.025}) {
            record(results, "GCN + EASE + text profile Z step " + step, pick(val, test, List.of(g, ease, profile), step,
                    Norm.Z, concurrency));
        }
    }

    /** Z-scores mixed with {@code low} (GCN share) for users with at most {@code median} training items, else {@code high}. */
    static OfflineEvaluation.Scorer byActivity(float[][] gcn, float[][] ease, OfflineEvaluation.Input side, int median,
            double low, double high) {
        return (u, scores) -> {
            double w = side.train()[u].length <= median ? low : high;
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (float) (w * gcn[u][i] + (1 - w) * ease[u][i]);
            }
        };
    }

    enum Norm { Z, RANK, RRF }

    /** User-kNN: cosine over item sets, the {@code k} nearest users, score = sum of their similarities. */
    static OfflineEvaluation.Scorer userKnn(OfflineEvaluation.Input in, int k) {
        int users = in.users();
        int[][] usersOf = Scorers.usersOfItems(in);
        return (u, scores) -> {
            int[] co = new int[users];
            for (int i : in.train()[u]) {
                for (int v : usersOf[i]) {
                    co[v]++;
                }
            }
            co[u] = 0;
            float[] s = new float[users];
            for (int v = 0; v < users; v++) {
                s[v] = co[v] == 0 ? Float.NaN : (float) (co[v] / Math.sqrt((double) in.train()[u].length * in.train()[v].length));
            }
            Arrays.fill(scores, 0f);
            for (int v : rec4j.evaluate.ListMetrics.topK(s, null, new int[0], k)) {
                for (int i : in.train()[v]) {
                    scores[i] += s[v];
                }
            }
        };
    }

    static void record(java.util.Map<String, List<double[]>> results, String name, double[] row) {
        results.computeIfAbsent(name, k -> new ArrayList<>()).add(row);
    }

    static void record(java.util.Map<String, List<double[]>> results, String name, double[] testRow, int ignored) {
        record(results, name, new double[] {testRow[0], testRow[1], Double.NaN});
    }

    /** The lambda (part) with the best validation Recall@20 + NDCG@20 alone, as EaseFit picks it. */
    static Part best(OfflineEvaluation.Input val, List<Part> parts, int concurrency) {
        Part best = null;
        double bestScore = -1;
        for (Part part : parts) {
            double[] r = eval(val, cached(part.validation()), concurrency);
            if (r[0] + r[1] > bestScore) {
                bestScore = r[0] + r[1];
                best = part;
            }
        }
        return best;
    }

    /** Every weight vector on the simplex grid of {@code step}: picked on validation, then measured on test. */
    static double[] pick(OfflineEvaluation.Input val, OfflineEvaluation.Input test, List<Part> parts, double step, Norm norm,
            int concurrency) {
        float[][][] v = new float[parts.size()][][], t = new float[parts.size()][][];
        for (int k = 0; k < parts.size(); k++) {
            v[k] = normalised(parts.get(k).validation(), norm);
            t[k] = normalised(parts.get(k).test(), norm);
        }
        int n = (int) Math.round(1 / step);
        double[] best = null;
        double bestScore = -1;
        for (int[] w : compositions(n, parts.size())) {
            double[] weights = Arrays.stream(w).mapToDouble(x -> x / (double) n).toArray();
            double[] r = eval(val, mix(v, weights), concurrency);
            if (r[0] + r[1] > bestScore + 1e-12) {
                bestScore = r[0] + r[1];
                best = weights;
            }
        }
        double[] r = eval(test, mix(t, best), concurrency);
        double[] row = new double[3 + best.length];
        row[0] = r[0];
        row[1] = r[1];
        row[2] = bestScore;
        System.arraycopy(best, 0, row, 3, best.length);
        return row;
    }

    static double[] testOf(OfflineEvaluation.Input test, List<Part> parts, double[] weights, Norm norm, int concurrency) {
        float[][][] t = new float[parts.size()][][];
        for (int k = 0; k < parts.size(); k++) {
            t[k] = normalised(parts.get(k).test(), norm);
        }
        return eval(test, mix(t, weights), concurrency);
    }

    static List<int[]> compositions(int n, int parts) {
        List<int[]> out = new ArrayList<>();
        if (parts == 1) {
            out.add(new int[] {n});
            return out;
        }
        for (int first = 0; first <= n; first++) {
            for (int[] rest : compositions(n - first, parts - 1)) {
                int[] w = new int[parts];
                w[0] = first;
                System.arraycopy(rest, 0, w, 1, rest.length);
                out.add(w);
            }
        }
        return out;
    }

    static OfflineEvaluation.Scorer mix(float[][][] parts, double[] weights) {
        return (u, scores) -> {
            Arrays.fill(scores, 0f);
            for (int k = 0; k < parts.length; k++) {
                if (weights[k] == 0) {
                    continue;
                }
                float[] row = parts[k][u];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] += (float) (weights[k] * row[i]);
                }
            }
        };
    }

    static OfflineEvaluation.Scorer cached(float[][] m) {
        return (u, scores) -> System.arraycopy(m[u], 0, scores, 0, scores.length);
    }

    static float[][] normalised(float[][] m, Norm norm) {
        float[][] out = new float[m.length][];
        for (int u = 0; u < m.length; u++) {
            out[u] = m[u].clone();
            switch (norm) {
                case Z -> Blend.standardise(out[u]);
                case RANK, RRF -> {
                    float[] s = m[u];
                    Integer[] order = IntStream.range(0, s.length).boxed().toArray(Integer[]::new);
                    Arrays.sort(order, (x, y) -> Float.compare(s[y], s[x]));
                    for (int r = 0; r < order.length; r++) {
                        out[u][order[r]] = norm == Norm.RANK ? 1f - (float) r / order.length : 1f / (60 + r + 1);
                    }
                }
            }
        }
        return out;
    }

    static float[][] matrix(OfflineEvaluation.Input in, OfflineEvaluation.Scorer scorer, int concurrency) {
        float[][] m = new float[in.users()][in.items()];
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(concurrency);
        try {
            pool.submit(() -> IntStream.range(0, in.users()).parallel().forEach(u -> scorer.score(u, m[u]))).join();
        } finally {
            pool.shutdown();
        }
        return m;
    }

    static double[] eval(OfflineEvaluation.Input in, OfflineEvaluation.Scorer scorer, int concurrency) {
        OfflineEvaluation.Row r = OfflineEvaluation.evaluate(in, "blend", scorer, new int[] {20}, concurrency).get(0);
        return new double[] {r.recall(), r.ndcg()};
    }

    /**
     * Content: the dot product of an item's text vector with the sum of the user's items' text vectors, each centred
     * on the catalog's mean (MiniLM's vectors share one large common direction) and of unit length.
     */
    static OfflineEvaluation.Scorer textProfile(OfflineEvaluation.Input in, float[] text) {
        int items = in.items(), f = text.length / items;
        float[] unit = text.clone();
        double[] mean = new double[f];
        for (int i = 0; i < items; i++) {
            for (int d = 0; d < f; d++) {
                mean[d] += unit[i * f + d] / (double) items;
            }
        }
        for (int i = 0; i < items; i++) {
            for (int d = 0; d < f; d++) {
                unit[i * f + d] -= (float) mean[d];
            }
        }
        for (int i = 0; i < items; i++) {
            double n = 0;
            for (int d = 0; d < f; d++) {
                n += unit[i * f + d] * unit[i * f + d];
            }
            for (int d = 0; d < f && n > 0; d++) {
                unit[i * f + d] /= (float) Math.sqrt(n);
            }
        }
        return (u, scores) -> {
            double[] p = new double[f];
            for (int i : in.train()[u]) {
                for (int d = 0; d < f; d++) {
                    p[d] += unit[i * f + d];
                }
            }
            for (int j = 0; j < items; j++) {
                double dot = 0;
                for (int d = 0; d < f; d++) {
                    dot += p[d] * unit[j * f + d];
                }
                scores[j] = (float) dot;
            }
        };
    }

    /**
     * The normalised item-item matrix of GF-CF (Shen et al. 2021): P = Rn^T Rn with Rn = Du^-1/2 R Di^-1/2, and its
     * eigenvectors (the right singular vectors of Rn), largest eigenvalue last: {P (row-major), eigenvectors (row-major,
     * column c the c-th eigenvector, ascending)}.
     */
    static double[][] eigen(OfflineEvaluation.Input in) {
        int items = in.items();
        int[] counts = in.trainCounts();
        double[] p = new double[items * items];
        for (int u = 0; u < in.users(); u++) {
            int[] row = in.train()[u];
            if (row.length == 0) {
                continue;
            }
            for (int i : row) {
                double a = 1.0 / (row.length * Math.sqrt(counts[i]));
                for (int j : row) {
                    p[i * items + j] += a / Math.sqrt(counts[j]);
                }
            }
        }
        org.nd4j.linalg.api.ndarray.INDArray m = org.nd4j.linalg.factory.Nd4j.create(p.clone(), new long[] {items, items},
                org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        try (m; org.nd4j.linalg.api.ndarray.INDArray values = org.nd4j.linalg.eigen.Eigen.symmetricGeneralizedEigenvalues(m, true);
                org.nd4j.linalg.api.ndarray.INDArray vectors = m.dup('c')) {
            return new double[][] {p, vectors.data().asDouble()};
        }
    }

    /** GF-CF: s_u = r_u P + alpha r_u Di^-1/2 U U^T Di^1/2 with U the top {@code k} eigenvectors of P. */
    static OfflineEvaluation.Scorer gfcf(OfflineEvaluation.Input in, double[][] eigen, int k, double alpha) {
        int items = in.items();
        int[] counts = in.trainCounts();
        double[] p = eigen[0], v = eigen[1];
        return (u, scores) -> {
            double[] s = new double[items];
            double[] x = new double[k];
            for (int i : in.train()[u]) {
                for (int j = 0; j < items; j++) {
                    s[j] += p[i * items + j];
                }
                double w = 1 / Math.sqrt(counts[i]);
                for (int c = 0; c < k; c++) {
                    x[c] += w * v[i * items + items - 1 - c];
                }
            }
            for (int j = 0; j < items; j++) {
                double low = 0;
                for (int c = 0; c < k; c++) {
                    low += x[c] * v[j * items + items - 1 - c];
                }
                scores[j] = (float) (s[j] + alpha * Math.sqrt(counts[j]) * low);
            }
        };
    }

    /**
     * RP3beta (Paudel et al. 2017), alpha 1: W[i][j] = sum over users u of i of 1 / (|u| |users of i|), divided by
     * |users of j|^beta; score(u, j) = sum of W[i][j] over the user's training items i.
     */
    static OfflineEvaluation.Scorer rp3beta(OfflineEvaluation.Input in, double beta) {
        int items = in.items();
        int[] counts = in.trainCounts();
        float[][] w = new float[items][items];
        for (int u = 0; u < in.users(); u++) {
            int[] row = in.train()[u];
            if (row.length == 0) {
                continue;
            }
            for (int i : row) {
                float base = 1f / (row.length * (float) counts[i]);
                for (int j : row) {
                    w[i][j] += base;
                }
            }
        }
        for (int i = 0; i < items; i++) {
            for (int j = 0; j < items; j++) {
                if (counts[j] > 0) {
                    w[i][j] /= (float) Math.pow(counts[j], beta);
                }
            }
            w[i][i] = 0;
        }
        return (u, scores) -> {
            Arrays.fill(scores, 0f);
            for (int i : in.train()[u]) {
                for (int j = 0; j < items; j++) {
                    scores[j] += w[i][j];
                }
            }
        };
    }
}
