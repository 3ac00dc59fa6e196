package rec4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import rec4j.embed.TextEncoder;
import rec4j.evaluate.ListMetrics;
import rec4j.embed.TextModels;
import rec4j.gcn.GcnModel;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.Interactions;
import rec4j.gcn.RankingMetrics;
import rec4j.gcn.TextTower;

/**
 * Text fused with the graph on MovieLens 100K, with the plot texts embedded by rec4j's text encoder (the one behind
 * rec.embed): (1) warm items, graph only against each fusion mode, same split and settings as GcnBenchmark; (2) cold
 * items: 10 % of the items are held out with all their interactions, the model trains (with ID dropout) on the rest,
 * and each user ranks only the held-out items, embedded from their text alone: by the fused model itself, by text
 * neighbours, by a BPR text tower, and by {@link TextTower} (ridge from item features to the graph-only model's item
 * embeddings) on plot vectors, on "title (year) | genres | plot" vectors, and on those plus a genre multi-hot vector.
 *
 * <pre>
 *   java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.GcnTextBenchmark ../shared/data/ml-100k [epochs]
 *       [mode: cold (cold table only) | towerOnly | neighboursOnly] [cold split seed, 11]
 * </pre>
 */
public final class GcnTextBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/ml-100k");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int concurrency = Runtime.getRuntime().availableProcessors();
        float[] itemText = itemVectors(dir.resolve("items_text.tsv"), 1682);
        int f = itemText.length / 1682;

        MovieLensSplit split = MovieLensSplit.load(dir.resolve("u.data"), 2020);
        Interactions warm = withFeatures(split.train(), itemText, f);
        GcnParameters base = new GcnParameters(64, 3, epochs, 2048, 0.005, 1e-3, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 5, 42L,
                concurrency);
        System.out.println("| fusion | idDropout | test Recall@20 | NDCG@20 | epochs (fixed) |");
        System.out.println("|---|---|---|---|---|");
        for (GcnParameters.Fusion fusion : args.length > 2 ? new GcnParameters.Fusion[0] : GcnParameters.Fusion.values()) {
            GcnParameters p = base.withFusion(fusion, 0.0);
            GcnTrainer.Result r = GcnTrainer.train(fusion == GcnParameters.Fusion.NONE ? split.train() : warm, null, p, s -> { },
                    () -> false);
            RankingMetrics.Result m = RankingMetrics.evaluate(r.model().embeddings(), r.model().width(), split.train(),
                    split.test(), 20, concurrency);
            System.out.printf("| %s | 0.0 | %.4f | %.4f | %d |%n", fusion, m.recall(), m.ndcg(), epochs);
        }

        // cold items
        Random random = new Random(args.length > 3 ? Long.parseLong(args[3]) : 11);
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 1682; i++) {
            items.add(i);
        }
        java.util.Collections.shuffle(items, random);
        Set<Integer> cold = new HashSet<>(items.subList(0, 168));
        List<int[]> trainPairs = new ArrayList<>();
        int[][] coldTest = new int[943][];
        List<List<Integer>> coldLiked = new ArrayList<>();
        for (int u = 0; u < 943; u++) {
            coldLiked.add(new ArrayList<>());
        }
        for (String line : Files.readAllLines(dir.resolve("u.data"))) {
            String[] x = line.split("\t");
            if (Integer.parseInt(x[2]) < 4) {
                continue;
            }
            int u = Integer.parseInt(x[0]) - 1, i = Integer.parseInt(x[1]) - 1;
            if (cold.contains(i)) {
                coldLiked.get(u).add(i);
            } else {
                trainPairs.add(new int[] {u, i});
            }
        }
        int[] coldItems = cold.stream().mapToInt(Integer::intValue).sorted().toArray();
        Interactions coldTrain = Interactions.of(943, 1682, trainPairs.stream().mapToInt(p -> p[0]).toArray(),
                trainPairs.stream().mapToInt(p -> p[1]).toArray(), null, itemTextFor(itemText, f, 943), f);
        System.out.println();
        System.out.println("| cold items (168 held out) | idDropout | Recall@20 over the cold items only | NDCG@20 |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| random ranking (expected) | - | %.4f | - |%n", randomRecall(coldLiked, coldItems.length));
        GcnModel graphOnly = GcnTrainer.train(new Interactions(coldTrain.users(), coldTrain.items(), coldTrain.positives(),
                coldTrain.weights(), null, 0), null, base, s -> { }, () -> false).model();
        // rec4j.gcn.TextTower: ridge regression from item features to the graph-only model's item embeddings
        float[] richText = textVectors(EmbedBenchmark.titleGenresPlots(dir.resolve("items_text.tsv")), 1682);
        float[] genres = EmbedBenchmark.genreMultiHot(dir.resolve("items_text.tsv"), GENRES);
        float[] richAndGenres = concat(richText, f, genres, GENRES.size(), 1682);
        for (double l2 : new double[] {3e-4, 1e-3, 3e-3}) {
            row("TextTower (ridge) on plot vectors, l2 " + l2, towerFitRecall(graphOnly, coldTrain, itemText, f, coldItems,
                    coldLiked, l2));
            row("TextTower (ridge) on \"title (year); genres; plot\" vectors, l2 " + l2, towerFitRecall(graphOnly,
                    coldTrain, richText, f, coldItems, coldLiked, l2));
            row("TextTower (ridge) on \"title (year); genres; plot\" vectors + genre multi-hot, l2 " + l2,
                    towerFitRecall(graphOnly, coldTrain, richAndGenres, f + GENRES.size(), coldItems, coldLiked, l2));
        }
        if (args.length > 2 && args[2].equals("towerOnly")) {
            return;
        }
        for (int k : new int[] {10, 30, 100}) {
            row("graph only + text neighbours (k " + k + ")", neighbourRecall(graphOnly, itemText, f, coldItems, cold,
                    coldLiked, k));
        }
        for (int epochs2 : new int[] {10, 30}) {
            row("graph only + text tower (BPR on fixed user embeddings, " + epochs2 + " epochs)", towerRecall(graphOnly,
                    coldTrain, itemText, f, coldItems, coldLiked, epochs2));
        }
        if (args.length > 2 && args[2].equals("neighboursOnly")) {
            return;
        }
        for (GcnParameters.Fusion fusion : new GcnParameters.Fusion[] {GcnParameters.Fusion.SUM, GcnParameters.Fusion.ATTENTION}) {
            for (double dropout : new double[] {0.3, 0.6}) {
                GcnParameters p = base.withFusion(fusion, dropout);
                GcnModel model = GcnTrainer.train(coldTrain, null, p, s -> { }, () -> false).model();
                RankingMetrics.Result r = coldRecall(model, itemText, f, coldItems, coldLiked);
                System.out.printf("| %s | %.1f | %.4f | %.4f |%n", fusion, dropout, r.recall(), r.ndcg());
            }
        }
    }

    /**
     * Recall@20 and NDCG@20 (as in {@link RankingMetrics}) of each user's liked cold items when the user ranks only the
     * cold items, averaged over users with any.
     */
    static RankingMetrics.Result recallOverCold(GcnModel model, float[][] itemEmbedding, int[] coldItems,
            List<List<Integer>> liked) {
        int w = model.width();
        float[] e = model.embeddings();
        double total = 0, ndcg = 0;
        int counted = 0;
        for (int u = 0; u < liked.size(); u++) {
            if (liked.get(u).isEmpty()) {
                continue;
            }
            Integer[] order = new Integer[coldItems.length];
            double[] score = new double[coldItems.length];
            for (int a = 0; a < coldItems.length; a++) {
                order[a] = a;
                for (int c = 0; c < w; c++) {
                    score[a] += e[u * w + c] * itemEmbedding[a][c];
                }
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(score[y], score[x]));
            Set<Integer> relevant = new HashSet<>(liked.get(u));
            int hits = 0;
            double dcg = 0, idcg = 0;
            for (int r = 0; r < 20 && r < order.length; r++) {
                if (relevant.contains(coldItems[order[r]])) {
                    hits++;
                    dcg += 1 / (Math.log(r + 2) / Math.log(2));
                }
                if (r < relevant.size()) {
                    idcg += 1 / (Math.log(r + 2) / Math.log(2));
                }
            }
            total += (double) hits / relevant.size();
            ndcg += dcg / idcg;
            counted++;
        }
        return new RankingMetrics.Result(total / counted, ndcg / counted, counted);
    }

    static RankingMetrics.Result coldRecall(GcnModel model, float[] itemText, int f, int[] coldItems, List<List<Integer>> liked) {
        int w = model.width();
        float[][] itemEmbedding = new float[coldItems.length][];
        for (int k = 0; k < coldItems.length; k++) {
            itemEmbedding[k] = model.embedFromText(java.util.Arrays.copyOfRange(itemText, coldItems[k] * f, (coldItems[k] + 1) * f));
        }
        return recallOverCold(model, itemEmbedding, coldItems, liked);
    }

    /**
     * Cold item = the similarity-weighted mean of the final embeddings of its k most text-similar warm items (text
     * vectors are unit length, so the dot product is the cosine).
     */
    static RankingMetrics.Result neighbourRecall(GcnModel model, float[] itemText, int f, int[] coldItems, Set<Integer> cold,
            List<List<Integer>> liked, int k) {
        int w = model.width(), users = model.users();
        float[][] emb = new float[coldItems.length][w];
        double[] sim = new double[model.items()];
        float[] ranked = new float[model.items()]; // NaN: a cold item, not a neighbour
        for (int a = 0; a < coldItems.length; a++) {
            int ci = coldItems[a];
            for (int j = 0; j < model.items(); j++) {
                sim[j] = 0;
                for (int c = 0; c < f; c++) {
                    sim[j] += itemText[ci * f + c] * itemText[j * f + c];
                }
                ranked[j] = cold.contains(j) ? Float.NaN : (float) sim[j];
            }
            int[] best = ListMetrics.topK(ranked, null, new int[0], k);
            for (int r = 0; r < best.length; r++) {
                double weight = Math.max(0, sim[best[r]]);
                for (int c = 0; c < w; c++) {
                    emb[a][c] += (float) (weight * model.embeddings()[(users + best[r]) * w + c]);
                }
            }
        }
        return recallOverCold(model, emb, coldItems, liked);
    }

    /**
     * A text tower: item vector = x W, W (f x width) trained with BPR against the trained model's fixed user
     * embeddings on the warm interactions (mini-batches of 256, Adam lr 0.001, L2 1e-4); cold items then get x W.
     */
    static RankingMetrics.Result towerRecall(GcnModel model, Interactions warm, float[] itemText, int f, int[] coldItems,
            List<List<Integer>> liked, int epochs) {
        int w = model.width(), users = model.users();
        float[] e = model.embeddings();
        Random random = new Random(5);
        float[] W = new float[f * w];
        for (int k = 0; k < W.length; k++) {
            W[k] = (float) (random.nextGaussian() * 0.01);
        }
        float[] m = new float[W.length], v = new float[W.length], g = new float[W.length];
        int[] active = java.util.stream.IntStream.range(0, users).filter(u -> warm.positives()[u].length > 0).toArray();
        long samples = warm.interactionCount();
        int step = 0;
        float[] diff = new float[f];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (long s0 = 0; s0 < samples; s0 += 256) {
                java.util.Arrays.fill(g, 0f);
                for (int b = 0; b < 256; b++) {
                    int u = active[random.nextInt(active.length)];
                    int[] pos = warm.positives()[u];
                    int i = pos[random.nextInt(pos.length)];
                    int j;
                    do {
                        j = random.nextInt(warm.items());
                    } while (warm.isPositive(u, j) || isCold(coldItems, j));
                    for (int k = 0; k < f; k++) {
                        diff[k] = itemText[i * f + k] - itemText[j * f + k];
                    }
                    double x = 0;
                    for (int k = 0; k < f; k++) {
                        if (diff[k] == 0) {
                            continue;
                        }
                        for (int c = 0; c < w; c++) {
                            x += diff[k] * W[k * w + c] * e[u * w + c];
                        }
                    }
                    float coef = (float) (-1 / (1 + Math.exp(x)) / 256);
                    for (int k = 0; k < f; k++) {
                        float dk = diff[k] * coef;
                        if (dk == 0) {
                            continue;
                        }
                        for (int c = 0; c < w; c++) {
                            g[k * w + c] += dk * e[u * w + c];
                        }
                    }
                }
                step++;
                double c1 = 1 - Math.pow(0.9, step), c2 = 1 - Math.pow(0.999, step);
                for (int k = 0; k < W.length; k++) {
                    float gk = g[k] + 1e-4f * W[k];
                    m[k] = 0.9f * m[k] + 0.1f * gk;
                    v[k] = 0.999f * v[k] + 0.001f * gk * gk;
                    W[k] -= (float) (0.001 * (m[k] / c1) / (Math.sqrt(v[k] / c2) + 1e-8));
                }
            }
        }
        float[][] emb = new float[coldItems.length][w];
        for (int a = 0; a < coldItems.length; a++) {
            for (int k = 0; k < f; k++) {
                float x = itemText[coldItems[a] * f + k];
                for (int c = 0; c < w; c++) {
                    emb[a][c] += x * W[k * w + c];
                }
            }
        }
        return recallOverCold(model, emb, coldItems, liked);
    }

    static final List<String> GENRES = List.of("unknown", "Action", "Adventure", "Animation", "Children's", "Comedy",
            "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
            "Thriller", "War", "Western");

    private static void row(String method, RankingMetrics.Result r) {
        System.out.printf("| %s | - | %.4f | %.4f |%n", method, r.recall(), r.ndcg());
    }

    /**
     * rec4j.gcn.TextTower fitted on the warm items of {@code warm} (items with interactions) against the model's item
     * embeddings; each cold item is embedded from its features alone.
     */
    static RankingMetrics.Result towerFitRecall(GcnModel model, Interactions warm, float[] features, int f,
            int[] coldItems, List<List<Integer>> liked, double l2) {
        TextTower.Weights tower = TextTower.fit(model, new Interactions(warm.users(), warm.items(), warm.positives(),
                warm.weights(), null, 0), features, f, l2, Runtime.getRuntime().availableProcessors());
        float[][] emb = new float[coldItems.length][];
        for (int a = 0; a < coldItems.length; a++) {
            emb[a] = tower.embed(java.util.Arrays.copyOfRange(features, coldItems[a] * f, (coldItems[a] + 1) * f));
        }
        return recallOverCold(model, emb, coldItems, liked);
    }

    /** Row-wise concatenation of two row-major matrices with the same row count. */
    static float[] concat(float[] a, int fa, float[] b, int fb, int rows) {
        float[] out = new float[rows * (fa + fb)];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * fa, out, i * (fa + fb), fa);
            System.arraycopy(b, i * fb, out, i * (fa + fb) + fa, fb);
        }
        return out;
    }

    private static boolean isCold(int[] coldItems, int item) {
        return java.util.Arrays.binarySearch(coldItems, item) >= 0;
    }

    static double randomRecall(List<List<Integer>> liked, int candidates) {
        return Math.min(1.0, 20.0 / candidates);
    }

    /** Unit vectors of each item's plot (title when none) from rec4j's default text encoder; item i at row i. */
    static float[] itemVectors(Path itemsText, int items) throws Exception {
        return textVectors(EmbedBenchmark.plots(itemsText), items);
    }

    /** Unit vectors of the given item texts from rec4j's default text encoder; item i at row i. */
    static float[] textVectors(List<String> texts, int items) throws Exception {
        if (texts.size() != items) {
            throw new IllegalStateException("items_text.tsv has " + texts.size() + " items, expected " + items);
        }
        try (TextModels models = new TextModels(Files.createTempDirectory("models"), false, 1, TextEncoder.DEFAULT_MAX_TOKENS)) {
            float[][] vectors = models.get(null).embed(texts, 8, Runtime.getRuntime().availableProcessors(), () -> false);
            int f = vectors[0].length;
            float[] out = new float[items * f];
            for (int i = 0; i < items; i++) {
                System.arraycopy(vectors[i], 0, out, i * f, f);
            }
            return out;
        }
    }

    /** Features for all nodes: users (rows 0..users-1) have none, items their text. */
    static float[] itemTextFor(float[] itemText, int f, int users) {
        float[] all = new float[users * f + itemText.length];
        System.arraycopy(itemText, 0, all, users * f, itemText.length);
        return all;
    }

    static Interactions withFeatures(Interactions data, float[] itemText, int f) {
        return new Interactions(data.users(), data.items(), data.positives(), data.weights(),
                itemTextFor(itemText, f, data.users()), f);
    }
}
