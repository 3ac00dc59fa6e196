package rec4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.testsupport.Neo4jHarness;

/**
 * The hybrid with its text tower on MovieLens 100K cold items, end to end through the procedures (issue 12, item 4):
 * item cards embedded by rec.embed.nodes (as {@link ColdStartBenchmark}); per split seed rec.evaluate.split strategy
 * 'coldItems' (10 % of the items with positives held out with all their interactions; ratings >= 4 are positives),
 * then a fifth of the remaining training positives also moved to the test part (by a hash of the relationship id and
 * the seed), so that warm and cold test items compete in one ranking, as in a catalog with new items; one GDS graph of
 * every movie (its card vector as a node property) and the training interactions, so the movies without a training
 * interaction are nodes without relationships; then, with their defaults, rec.gcn.train and rec.hybrid.train with
 * {@code featureProperties: ['cardEmbedding']} (the text tower places those movies), rec.hybrid.train without text and
 * rec.ease.train; each evaluated by rec.evaluate.model over every movie ('all') and over the movies without training
 * interactions only ('coldItems'; not for the parts without text: they have no signal there, and their tied scores
 * would be ranked by node order).
 *
 * <pre>
 *   mvn -o -q -Pbench -DskipTests package
 *   java -Xmx6g -Djol.skipHotspotSAAttach=true -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.HybridColdBenchmark \
 *       ../shared/data/ml-100k [split seeds, 11,12,13] [concurrency, cores]
 * </pre>
 *
 * Run from the repository root (it reads cypher/). Prints a row per seed and method, then the mean and spread.
 */
public final class HybridColdBenchmark {

    public static void main(String[] args) throws Exception {
        System.setProperty("jol.skipHotspotSAAttach", "true");
        Path ml = Path.of(args.length > 0 ? args[0] : "../shared/data/ml-100k");
        int[] seeds = Arrays.stream((args.length > 1 ? args[1] : "11,12,13").split(",")).mapToInt(Integer::parseInt).toArray();
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        Path cypher = Path.of("cypher");
        // method and candidates -> per seed {Recall@20, NDCG@20}; method -> train seconds per seed
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        try (Neo4jHarness neo4j = EvaluateBenchmark.startWithSchema("rec4j-hybridcold-bench", cypher)) {
            Driver driver = neo4j.driver();
            EvaluateBenchmark.importMovieLens(neo4j, ml, cypher);
            ColdStartBenchmark.embedCards(driver, concurrency);
            for (int seed : seeds) {
                run(driver, seed, concurrency, results, seconds);
            }
        }
        System.out.println();
        System.out.println("| method | candidates | Recall@20 | NDCG@20 | per seed Recall@20 | train s |");
        System.out.println("|---|---|---|---|---|---|");
        results.forEach((key, rows) -> {
            String method = key.substring(0, key.lastIndexOf(' '));
            double[] recall = rows.stream().mapToDouble(r -> r[0]).toArray();
            double[] ndcg = rows.stream().mapToDouble(r -> r[1]).toArray();
            System.out.printf("| %s | %s | %s | %s | %s | %.0f |%n", method, key.substring(key.lastIndexOf(' ') + 1),
                    DevProtocolBenchmark.stat(recall), DevProtocolBenchmark.stat(ndcg),
                    String.join(", ", Arrays.stream(recall).mapToObj(v -> String.format("%.4f", v)).toList()),
                    seconds.get(method).stream().mapToDouble(Double::doubleValue).average().orElse(0));
        });
    }

    private static void run(Driver driver, int seed, int concurrency, Map<String, List<double[]>> results,
            Map<String, List<Double>> seconds) {
        System.out.println();
        System.out.println("== cold split seed " + seed);
        Record split = EvaluateBenchmark.single(driver, "CALL rec.evaluate.split({nodeLabels: ['Viewer', 'Movie'], "
                + "relationshipTypes: ['RATED'], strategy: 'coldItems', testFraction: 0.1, minRating: 4, randomSeed: " + seed + "})");
        System.out.printf("  train %d, test %d, cold items %d, users with test %d%n", split.get("trainRelationships").asLong(),
                split.get("testRelationships").asLong(), split.get("coldItems").asLong(), split.get("usersWithTest").asLong());
        Record warm = EvaluateBenchmark.single(driver, "MATCH (:Viewer)-[r:RATED {split: 'train'}]->(:Movie) "
                + "WHERE (id(r) * 7919 + " + seed + " * 104729) % 5 = 0 SET r.split = 'test' RETURN count(r) AS moved");
        System.out.printf("  warm positives moved to test: %d%n", warm.get("moved").asLong());
        String graph = "hybrid-cold-" + seed;
        dropGraph(driver, graph);
        // every movie with its card vector; a movie without a training interaction is a node without relationships
        Record projected = EvaluateBenchmark.single(driver, "MATCH (m:Movie) WHERE m.cardEmbedding IS NOT NULL "
                + "OPTIONAL MATCH (u:Viewer)-[r:RATED {split: 'train'}]->(m) "
                + "WITH gds.graph.project('" + graph + "', m, u, {sourceNodeLabels: labels(m), targetNodeLabels: labels(u), "
                + "sourceNodeProperties: m {.cardEmbedding}, targetNodeProperties: {}, relationshipType: 'RATED'}, "
                + "{undirectedRelationshipTypes: ['*']}) AS g RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships");
        System.out.printf("  graph: %d nodes, %d relationships (both directions)%n", projected.get("nodes").asLong(),
                projected.get("relationships").asLong());
        String common = "nodeLabels: ['Viewer', 'Movie'], randomSeed: 42, concurrency: " + concurrency;
        String text = ", featureProperties: ['cardEmbedding']";
        Map<String, String> trains = new LinkedHashMap<>();
        trains.put("gcn", "CALL rec.gcn.train('" + graph + "', {modelName: 'hc-gcn', " + common + text + "})");
        trains.put("ease", "CALL rec.ease.train('" + graph + "', {modelName: 'hc-ease', " + common + "})");
        trains.put("hybrid", "CALL rec.hybrid.train('" + graph + "', {modelName: 'hc-hybrid', " + common + text + "})");
        trains.put("hybrid-no-text", "CALL rec.hybrid.train('" + graph + "', {modelName: 'hc-hybrid-no-text', " + common + "})");
        for (Map.Entry<String, String> t : trains.entrySet()) {
            long t0 = System.nanoTime();
            Record r = EvaluateBenchmark.single(driver, t.getValue());
            double s = (System.nanoTime() - t0) / 1e9;
            seconds.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(s);
            System.out.printf("  %s: %.0f s%s%n", t.getValue(), s, t.getKey().startsWith("hybrid")
                    ? String.format(" (weight %.1f, %d epochs, lambda %.0f, %d items placed by text)", r.get("weight").asDouble(),
                    r.get("epochs").asLong(), r.get("lambda").asDouble(), r.get("itemsFromText").asLong()) : "");
        }
        for (String method : trains.keySet()) {
            for (String candidates : method.equals("gcn") || method.equals("hybrid") ? List.of("all", "coldItems")
                    : List.of("all")) {
                Record r = EvaluateBenchmark.single(driver, "CALL rec.evaluate.model('hc-" + method + "', {k: [20], "
                        + "candidates: '" + candidates + "', concurrency: " + concurrency + "}) YIELD method, recall, ndcg, "
                        + "users, candidates, unscoredItems RETURN recall, ndcg, users, candidates, unscoredItems");
                System.out.printf("  %s, candidates '%s': Recall@20 %.4f, NDCG@20 %.4f (%d users, %d candidates, %d "
                        + "unscored)%n", method, candidates, r.get("recall").asDouble(), r.get("ndcg").asDouble(),
                        r.get("users").asLong(), r.get("candidates").asLong(), r.get("unscoredItems").asLong());
                results.computeIfAbsent(method + " " + candidates, k -> new ArrayList<>())
                        .add(new double[] {r.get("recall").asDouble(), r.get("ndcg").asDouble()});
            }
        }
        dropGraph(driver, graph);
        for (String model : List.of("hc-gcn", "hc-ease", "hc-hybrid", "hc-hybrid-no-text")) {
            EvaluateBenchmark.single(driver, "CALL rec.model.drop('" + model + "')");
        }
    }

    private static void dropGraph(Driver driver, String graph) {
        driver.executableQuery("CALL gds.graph.drop($g, false) YIELD graphName RETURN graphName")
                .withParameters(Map.of("g", graph)).execute();
    }
}
