package rec4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.testsupport.Neo4jHarness;

/**
 * Does review sentiment help as an edge weight of {@code rec.gcn.train}? On the demo catalog, end to end in an
 * in-process Neo4j: {@code rec.sentiment.relationships} on the review texts (default model), then per seed one
 * {@code rec.evaluate.split} (random per user, 20 % of the ratings >= 4 held out), all other interactions -- the low
 * ratings included, so that a weight has something to tell apart -- projected for training, and the same GCN (graph only,
 * same seed, epochs and settings) trained with each edge weight below and evaluated by {@code rec.evaluate.model} (k 20)
 * on the same held-out positives. Low ratings in training are marked {@code split = 'train'}, so every method excludes
 * them from its ranking alike.
 *
 * <ul>
 *   <li>{@code none}: every training interaction weighs 1;</li>
 *   <li>{@code rating}: the rating (1-5);</li>
 *   <li>{@code rating+2s}: rating + 2 x sentimentScore where there is a review, else the rating; at least 0.1;</li>
 *   <li>{@code rating*(1+s)}: rating x (1 + sentimentScore) where there is a review, else the rating; at least 0.1;</li>
 *   <li>two controls with the shape of {@code rating*(1+s)} but no text: the rating times (1 + the mean score of the
 *       reviews with that rating), on the reviewed interactions only (the rating elsewhere), and on every interaction;</li>
 *   <li>{@code sentiment only}: 3 + 2 x sentimentScore where there is a review, else 3 (as if ratings were hidden);</li>
 *   <li>{@code rating, another training seed}: the rating weight trained with the seed + 100, to show the training noise;</li>
 *   <li>reference {@code positives only}: unweighted, trained on the training ratings >= 4 alone (EvaluateBenchmark's setting).</li>
 * </ul>
 *
 * <pre>
 *   mvn -o -q -Pbench -DskipTests package
 *   java -Xmx4g -Djol.skipHotspotSAAttach=true -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.SentimentSignalBenchmark [seeds] [epochs] [concurrency]
 * </pre>
 *
 * Run from the repository root (it reads cypher/).
 */
public final class SentimentSignalBenchmark {

    /** A GCN trained on graph {@code sig-<graph>} with a weight property (or none) and the round's seed + seedOffset. */
    private record Method(String name, String graph, String weight, int seedOffset) {}

    private static final List<Method> METHODS = List.of(
            new Method("none", "all", null, 0),
            new Method("rating", "all", "wRating", 0),
            new Method("rating, another training seed (noise)", "all", "wRating", 100),
            new Method("rating+2s", "all", "wAdd", 0),
            new Method("rating*(1+s)", "all", "wMul", 0),
            new Method("rating*(1+mean s of the rating), where a review (control: no text)", "all", "wShapeReviewed", 0),
            new Method("rating*(1+mean s of the rating), everywhere (control: no text)", "all", "wShape", 0),
            new Method("sentiment only", "all", "wSentiment", 0),
            new Method("positives only (reference)", "pos", null, 0));

    public static void main(String[] args) throws Exception {
        System.setProperty("jol.skipHotspotSAAttach", "true");
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 70;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        Path cypher = Path.of("cypher");
        try (Neo4jHarness neo4j = EvaluateBenchmark.startWithSchema("rec4j-sentiment-signal-bench", cypher)) {
            Driver driver = neo4j.driver();
            EvaluateBenchmark.loadDemo(neo4j, cypher);
            double[] meanScore = sentiment(driver, concurrency);
            weights(driver, meanScore);
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (int s = 0; s < seeds; s++) {
                round(driver, 2020 + s, 42 + s, epochs, concurrency, results);
            }
            summary(results, seeds);
        }
    }

    /** Classifies the reviews, prints the agreement with the ratings, returns the mean score per rating 1-5. */
    private static double[] sentiment(Driver driver, int concurrency) {
        String call = "CALL rec.sentiment.relationships({relationshipTypes: ['RATED'], textProperties: ['review'], "
                + "concurrency: " + concurrency + "})";
        long t0 = System.nanoTime();
        Record r = EvaluateBenchmark.single(driver, call);
        System.out.println(call);
        System.out.printf("  %d reviews classified (%d positive, %d neutral, %d negative), %d relationships without text, %.0f s%n%n",
                r.get("written").asLong(), r.get("positive").asLong(), r.get("neutral").asLong(), r.get("negative").asLong(),
                r.get("skippedNoText").asLong(), (System.nanoTime() - t0) / 1e9);

        List<Record> rows = driver.executableQuery("MATCH ()-[r:RATED]->() WHERE r.review IS NOT NULL "
                + "RETURN r.rating AS rating, count(*) AS n, "
                + "sum(CASE WHEN r.sentiment = 'positive' THEN 1 ELSE 0 END) AS pos, "
                + "sum(CASE WHEN r.sentiment = 'neutral' THEN 1 ELSE 0 END) AS neu, "
                + "sum(CASE WHEN r.sentiment = 'negative' THEN 1 ELSE 0 END) AS neg, "
                + "avg(r.sentimentScore) AS mean, min(r.sentimentScore) AS lo, max(r.sentimentScore) AS hi ORDER BY rating")
                .execute().records();
        System.out.println("Review sentiment (default model) against the rating of the same interaction:");
        System.out.println();
        System.out.println("| rating | reviews | positive | neutral | negative | mean score | min | max |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        long all = 0, agree3 = 0, polar = 0, agreePolar = 0;
        double[] meanScore = new double[5];
        for (Record row : rows) {
            long rating = row.get("rating").asLong(), n = row.get("n").asLong();
            meanScore[(int) rating - 1] = row.get("mean").asDouble();
            long pos = row.get("pos").asLong(), neu = row.get("neu").asLong(), neg = row.get("neg").asLong();
            System.out.printf("| %d | %d | %d | %d | %d | %+.3f | %+.3f | %+.3f |%n", rating, n, pos, neu, neg,
                    row.get("mean").asDouble(), row.get("lo").asDouble(), row.get("hi").asDouble());
            all += n;
            agree3 += rating >= 4 ? pos : rating == 3 ? neu : neg;
            if (rating != 3) {
                polar += pos + neg;
                agreePolar += rating >= 4 ? pos : neg;
            }
        }
        Record corr = EvaluateBenchmark.single(driver, "MATCH ()-[r:RATED]->() WHERE r.review IS NOT NULL "
                + "WITH toFloat(r.rating) AS x, r.sentimentScore AS y "
                + "WITH count(*) AS n, avg(x) AS mx, avg(y) AS my, collect([x, y]) AS xy "
                + "UNWIND xy AS p WITH n, mx, my, sum((p[0] - mx) * (p[1] - my)) AS sxy, sum((p[0] - mx) ^ 2) AS sxx, "
                + "sum((p[1] - my) ^ 2) AS syy RETURN sxy / sqrt(sxx * syy) AS r");
        System.out.println();
        System.out.printf("Agreement of the label with the rating (>= 4 positive, 3 neutral, <= 2 negative): %.4f (%d of %d);%n",
                (double) agree3 / all, agree3, all);
        System.out.printf("  on ratings other than 3 and labels other than neutral: %.4f (%d of %d); Pearson r(rating, score) = %.4f%n%n",
                (double) agreePolar / polar, agreePolar, polar, corr.get("r").asDouble());
        if (rows.size() != 5) {
            throw new IllegalStateException("expected reviews for each rating 1-5, got " + rows.size() + " ratings");
        }
        return meanScore;
    }

    private static void weights(Driver driver, double[] meanScore) {
        String set = "MATCH ()-[r:RATED]->() WITH r, toFloat(r.rating) AS rating, r.sentimentScore AS s "
                + "SET r.wRating = rating, "
                + "r.wAdd = CASE WHEN s IS NULL THEN rating WHEN rating + 2 * s < 0.1 THEN 0.1 ELSE rating + 2 * s END, "
                + "r.wMul = CASE WHEN s IS NULL THEN rating WHEN rating * (1 + s) < 0.1 THEN 0.1 ELSE rating * (1 + s) END, "
                + "r.wSentiment = CASE WHEN s IS NULL THEN 3.0 ELSE 3 + 2 * s END, "
                + "r.wShape = CASE WHEN rating * (1 + $meanScore[r.rating - 1]) < 0.1 THEN 0.1 "
                + "ELSE rating * (1 + $meanScore[r.rating - 1]) END, "
                + "r.wShapeReviewed = CASE WHEN s IS NULL THEN rating WHEN rating * (1 + $meanScore[r.rating - 1]) < 0.1 THEN 0.1 "
                + "ELSE rating * (1 + $meanScore[r.rating - 1]) END";
        List<Double> means = java.util.Arrays.stream(meanScore).boxed().toList();
        driver.executableQuery(set).withParameters(Map.of("meanScore", means)).execute();
        System.out.println(set);
        System.out.println("  $meanScore (mean review score per rating 1-5) = " + means);
        System.out.println();
    }

    private static void round(Driver driver, int splitSeed, int trainSeed, int epochs, int concurrency,
            Map<String, List<double[]>> results) {
        System.out.println("== split seed " + splitSeed + ", training seed " + trainSeed);
        String split = "CALL rec.evaluate.split({nodeLabels: ['User', 'Item'], relationshipTypes: ['RATED'], strategy: 'random', "
                + "testFraction: 0.2, minRating: 4, randomSeed: " + splitSeed + "})";
        Record r = EvaluateBenchmark.single(driver, split);
        System.out.println(split);
        // the ratings below 4 lose the split property; put them into training so that the weights can tell them apart
        Record low = EvaluateBenchmark.single(driver,
                "MATCH ()-[r:RATED]->() WHERE r.split IS NULL SET r.split = 'train' RETURN count(*) AS n");
        System.out.printf("  train positives %d + low ratings %d, test %d, users with test %d%n",
                r.get("trainRelationships").asLong(), low.get("n").asLong(), r.get("testRelationships").asLong(),
                r.get("usersWithTest").asLong());
        project(driver, "sig-all", "r.split = 'train'");
        project(driver, "sig-pos", "r.split = 'train' AND r.rating >= 4");
        String common = "nodeLabels: ['User', 'Item'], embeddingDimension: 64, layers: 3, batchSize: 2048, learningRate: 0.005, "
                + "l2: 0.001, epochs: " + epochs + ", validationFraction: 0.0, concurrency: " + concurrency;
        System.out.println("  rec.gcn.train(graph, {" + common + ", randomSeed: " + trainSeed
                + "[, relationshipWeightProperty]})");
        System.out.println();
        System.out.println("| method | Recall@20 | NDCG@20 | train s |");
        System.out.println("|---|---|---|---|");
        boolean first = true;
        for (Method m : METHODS) {
            String train = "CALL rec.gcn.train('sig-" + m.graph() + "', {modelName: 'sig', " + common + ", randomSeed: "
                    + (trainSeed + m.seedOffset())
                    + (m.weight() == null ? "" : ", relationshipWeightProperty: '" + m.weight() + "'") + "})";
            long t0 = System.nanoTime();
            EvaluateBenchmark.single(driver, train);
            double seconds = (System.nanoTime() - t0) / 1e9;
            String evaluate = "CALL rec.evaluate.model('sig', {k: [20]" + (first ? ", baselines: ['popularity', 'itemKnn']" : "")
                    + ", concurrency: " + concurrency + "})";
            for (Record row : driver.executableQuery(evaluate).execute().records()) {
                String method = row.get("method").asString().equals("sig") ? m.name() : row.get("method").asString();
                if (row.get("unscoredUsers").asLong() + row.get("unscoredItems").asLong() > 0) {
                    System.out.printf("  (%s: %d unscored users, %d unscored items)%n", method,
                            row.get("unscoredUsers").asLong(), row.get("unscoredItems").asLong());
                }
                double recall = row.get("recall").asDouble(), ndcg = row.get("ndcg").asDouble();
                results.computeIfAbsent(method, k -> new ArrayList<>()).add(new double[] {recall, ndcg});
                System.out.printf("| %s | %.4f | %.4f | %s |%n", method, recall, ndcg,
                        method.equals(m.name()) ? String.format("%.0f", seconds) : "");
            }
            EvaluateBenchmark.single(driver, "CALL rec.model.drop('sig')");
            first = false;
        }
        System.out.println();
    }

    private static void project(Driver driver, String graph, String where) {
        driver.executableQuery("CALL gds.graph.drop($g, false) YIELD graphName RETURN graphName")
                .withParameters(Map.of("g", graph)).execute();
        String project = "MATCH (u:User)-[r:RATED]->(i:Item) WHERE " + where + " "
                + "WITH gds.graph.project('" + graph + "', u, i, {sourceNodeLabels: labels(u), targetNodeLabels: labels(i), "
                + "relationshipType: type(r), relationshipProperties: r {.wRating, .wAdd, .wMul, .wShapeReviewed, .wShape, .wSentiment}}, "
                + "{undirectedRelationshipTypes: ['*']}) AS g RETURN g.relationshipCount AS relationships";
        Record r = EvaluateBenchmark.single(driver, project);
        System.out.printf("  %s: %d relationships (both directions), where %s%n", graph, r.get("relationships").asLong(), where);
    }

    private static void summary(Map<String, List<double[]>> results, int seeds) {
        System.out.println("== over " + seeds + " seed(s): mean (sample sd); paired difference to 'rating' per seed");
        System.out.println();
        System.out.println("| method | Recall@20 | NDCG@20 | Recall@20 - rating, per seed |");
        System.out.println("|---|---|---|---|");
        List<double[]> rating = results.get("rating");
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            List<double[]> v = e.getValue();
            StringBuilder diffs = new StringBuilder();
            for (int s = 0; s < v.size() && s < rating.size(); s++) {
                diffs.append(s == 0 ? "" : ", ").append(String.format("%+.4f", v.get(s)[0] - rating.get(s)[0]));
            }
            System.out.printf("| %s | %.4f (%.4f) | %.4f (%.4f) | %s |%n", e.getKey(), mean(v, 0), sd(v, 0), mean(v, 1),
                    sd(v, 1), diffs);
        }
    }

    private static double mean(List<double[]> v, int c) {
        return v.stream().mapToDouble(x -> x[c]).average().orElse(Double.NaN);
    }

    private static double sd(List<double[]> v, int c) {
        if (v.size() < 2) {
            return Double.NaN;
        }
        double m = mean(v, c);
        return Math.sqrt(v.stream().mapToDouble(x -> (x[c] - m) * (x[c] - m)).sum() / (v.size() - 1));
    }
}
