package rec4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import rec4j.embed.TextEncoder;
import rec4j.embed.TextModels;
import rec4j.gcn.GcnModel;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.Interactions;
import rec4j.gcn.RankingMetrics;

/**
 * Text fused with the graph on MovieLens 100K, with the plot texts embedded by rec4j's text encoder (the one behind
 * rec.embed): (1) warm items, graph only against each fusion mode, same split and settings as GcnBenchmark; (2) cold
 * items: 10 % of the items are held out with all their interactions, the model trains (with ID dropout) on the rest,
 * and each user ranks only the held-out items, embedded from their text alone.
 *
 * <pre>
 *   java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.GcnTextBenchmark ../shared/data/ml-100k [epochs]
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
        GcnParameters base = new GcnParameters(64, 3, epochs, 2048, 0.005, 1e-3, 1, GcnParameters.Fusion.NONE, 0.0, 10, 5, 42L,
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
        Random random = new Random(11);
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
        System.out.println("| cold items (168 held out) | idDropout | Recall@20 over the cold items only |");
        System.out.println("|---|---|---|");
        System.out.printf("| random ranking (expected) | - | %.4f |%n", randomRecall(coldLiked, coldItems.length));
        GcnModel graphOnly = GcnTrainer.train(new Interactions(coldTrain.users(), coldTrain.items(), coldTrain.positives(),
                coldTrain.weights(), null, 0), null, base, s -> { }, () -> false).model();
        for (int k : new int[] {10, 30, 100}) {
            System.out.printf("| graph only + text neighbours (k %d) | - | %.4f |%n", k,
                    neighbourRecall(graphOnly, itemText, f, coldItems, cold, coldLiked, k));
        }
        if (args.length > 2 && args[2].equals("neighboursOnly")) {
            return;
        }
        for (GcnParameters.Fusion fusion : new GcnParameters.Fusion[] {GcnParameters.Fusion.SUM, GcnParameters.Fusion.ATTENTION}) {
            for (double dropout : new double[] {0.3, 0.6}) {
                GcnParameters p = base.withFusion(fusion, dropout);
                GcnModel model = GcnTrainer.train(coldTrain, null, p, s -> { }, () -> false).model();
                System.out.printf("| %s | %.1f | %.4f |%n", fusion, dropout, coldRecall(model, itemText, f, coldItems, coldLiked));
            }
        }
    }

    static double coldRecall(GcnModel model, float[] itemText, int f, int[] coldItems, List<List<Integer>> liked) {
        int w = model.width();
        float[][] itemEmbedding = new float[coldItems.length][];
        for (int k = 0; k < coldItems.length; k++) {
            itemEmbedding[k] = model.embedFromText(java.util.Arrays.copyOfRange(itemText, coldItems[k] * f, (coldItems[k] + 1) * f));
        }
        double total = 0;
        int users = 0;
        for (int u = 0; u < liked.size(); u++) {
            if (liked.get(u).isEmpty()) {
                continue;
            }
            Integer[] order = new Integer[coldItems.length];
            double[] score = new double[coldItems.length];
            for (int k = 0; k < coldItems.length; k++) {
                order[k] = k;
                for (int c = 0; c < w; c++) {
                    score[k] += model.embeddings()[u * w + c] * itemEmbedding[k][c];
                }
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
            Set<Integer> relevant = new HashSet<>(liked.get(u));
            int hits = 0;
            for (int r = 0; r < 20 && r < order.length; r++) {
                if (relevant.contains(coldItems[order[r]])) {
                    hits++;
                }
            }
            total += (double) hits / relevant.size();
            users++;
        }
        return total / users;
    }

    /**
     * Cold item = the similarity-weighted mean of the final embeddings of its k most text-similar warm items (text
     * vectors are unit length, so the dot product is the cosine).
     */
    static double neighbourRecall(GcnModel model, float[] itemText, int f, int[] coldItems, Set<Integer> cold,
            List<List<Integer>> liked, int k) {
        int w = model.width(), users = model.users();
        float[][] emb = new float[coldItems.length][w];
        for (int a = 0; a < coldItems.length; a++) {
            int ci = coldItems[a];
            int[] best = new int[k];
            double[] bestSim = new double[k];
            java.util.Arrays.fill(bestSim, -2);
            for (int j = 0; j < model.items(); j++) {
                if (cold.contains(j)) {
                    continue;
                }
                double sim = 0;
                for (int c = 0; c < f; c++) {
                    sim += itemText[ci * f + c] * itemText[j * f + c];
                }
                if (sim > bestSim[k - 1]) {
                    int at = k - 1;
                    while (at > 0 && bestSim[at - 1] < sim) {
                        bestSim[at] = bestSim[at - 1];
                        best[at] = best[at - 1];
                        at--;
                    }
                    bestSim[at] = sim;
                    best[at] = j;
                }
            }
            for (int r = 0; r < k; r++) {
                double weight = Math.max(0, bestSim[r]);
                for (int c = 0; c < w; c++) {
                    emb[a][c] += (float) (weight * model.embeddings()[(users + best[r]) * w + c]);
                }
            }
        }
        double total = 0;
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
                    score[a] += model.embeddings()[u * w + c] * emb[a][c];
                }
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(score[y], score[x]));
            Set<Integer> relevant = new HashSet<>(liked.get(u));
            int hits = 0;
            for (int r = 0; r < 20; r++) {
                if (relevant.contains(coldItems[order[r]])) {
                    hits++;
                }
            }
            total += (double) hits / relevant.size();
            counted++;
        }
        return total / counted;
    }

    static double randomRecall(List<List<Integer>> liked, int candidates) {
        return Math.min(1.0, 20.0 / candidates);
    }

    /** Unit vectors of each item's plot (title when none) from rec4j's default text encoder; item i at row i. */
    static float[] itemVectors(Path itemsText, int items) throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            texts.add(null);
        }
        for (String line : Files.readAllLines(itemsText)) {
            String[] x = line.split("\t", -1);
            if (x[0].equals("item_id") || x.length < 6) {
                continue;
            }
            texts.set(Integer.parseInt(x[0]) - 1, x[5].isBlank() ? x[1] : x[5]);
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
