package rec4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.demo.CypherScripts;
import rec4j.demo.DemoData;
import rec4j.testsupport.Neo4jHarness;

/**
 * The metric tables of rec.evaluate.model, end to end in an in-process Neo4j, for (a) the generated demo catalog and
 * (b) MovieLens 100K: rec.evaluate.split (random per user, 20 % test, ratings >= 4 are positives, seed 2020), a
 * Cypher-aggregation projection of the training part, rec.gcn.train (graph only) twice -- first with early stopping on
 * a validation split of the training edges to pick the epoch count, then on all training edges for that many epochs --
 * and rec.evaluate.model with the popularity and item-kNN baselines in the same call.
 *
 * <pre>
 *   mvn -B -q -Pbench -DskipTests package
 *   java -Xmx4g -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.EvaluateBenchmark ../shared/data/ml-100k [maxEpochs] [concurrency]
 * </pre>
 *
 * Run from the repository root (it reads cypher/). The MovieLens files are copied into the temporary server's import
 * directory, never into the repository.
 */
public final class EvaluateBenchmark {

    public static void main(String[] args) throws Exception {
        // as in the tests: GDS's memory accounting must not attach the HotSpot serviceability agent (it can hang)
        System.setProperty("jol.skipHotspotSAAttach", "true");
        Path ml = Path.of(args.length > 0 ? args[0] : "../shared/data/ml-100k");
        int maxEpochs = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        boolean skipDemo = args.length > 3 && args[3].equals("movielensOnly");
        Path cypher = Path.of("cypher");
        try (Neo4jHarness neo4j = startWithSchema("rec4j-evaluate-bench", cypher)) {
            Driver driver = neo4j.driver();
            if (!skipDemo) {
                loadDemo(neo4j, cypher);
                CypherScripts.run(driver, cypher.resolve("30-embed-demo.cypher"));
                run(driver, "demo catalog (DemoData.DEFAULT: 2,000 users, 1,000 items, 50,000 ratings)", "User", "Item",
                        "demo", 0.005, 1e-3, maxEpochs, concurrency);
            }
            importMovieLens(neo4j, ml, cypher);
            CypherScripts.run(driver, cypher.resolve("31-embed-movielens.cypher"));
            run(driver, "MovieLens 100K", "Viewer", "Movie", "ml", 0.005, 1e-3, maxEpochs, concurrency);
        }
    }

    private static void run(Driver driver, String title, String user, String item, String name, double lr, double l2,
            int maxEpochs, int concurrency) {
        System.out.println("== " + title);
        String splitCall = "CALL rec.evaluate.split({nodeLabels: ['" + user + "', '" + item + "'], relationshipTypes: ['RATED'], "
                + "strategy: 'random', testFraction: 0.2, minRating: 4, randomSeed: 2020})";
        Record split = single(driver, splitCall);
        System.out.println(splitCall);
        System.out.printf("  train %d, test %d, not positive %d, users with test %d (%d ms)%n",
                split.get("trainRelationships").asLong(), split.get("testRelationships").asLong(),
                split.get("ignoredRelationships").asLong(), split.get("usersWithTest").asLong(), split.get("millis").asLong());
        String graph = name + "-train";
        driver.executableQuery("CALL gds.graph.drop($g, false) YIELD graphName RETURN graphName")
                .withParameters(Map.of("g", graph)).execute();
        String project = "MATCH (u:" + user + ")-[r:RATED]->(i:" + item + ") WHERE r.split = 'train' "
                + "WITH gds.graph.project('" + graph + "', u, i, {sourceNodeLabels: labels(u), targetNodeLabels: labels(i), "
                + "relationshipType: type(r)}, {undirectedRelationshipTypes: ['*']}) AS g "
                + "RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships";
        Record projected = single(driver, project);
        System.out.println(project);
        System.out.printf("  %d nodes, %d relationships (both directions)%n", projected.get("nodes").asLong(),
                projected.get("relationships").asLong());
        String common = "nodeLabels: ['" + user + "', '" + item + "'], embeddingDimension: 64, layers: 3, batchSize: 2048, "
                + "learningRate: " + lr + ", l2: " + l2 + ", randomSeed: 42, concurrency: " + concurrency;
        String select = "CALL rec.gcn.train('" + graph + "', {modelName: '" + name + "-select', " + common + ", epochs: "
                + maxEpochs + ", validationFraction: 0.1, evaluateEvery: 10, patience: 5, refit: false})";
        long t0 = System.nanoTime();
        Record picked = single(driver, select);
        System.out.println(select);
        long epochs = picked.get("bestEpoch").asLong();
        System.out.printf("  picked %d epochs (validation Recall@20 %.4f), %.0f s%n", epochs,
                picked.get("validationRecall").asDouble(), (System.nanoTime() - t0) / 1e9);
        single(driver, "CALL rec.model.drop('" + name + "-select')");
        String train = "CALL rec.gcn.train('" + graph + "', {modelName: '" + name + "-gcn', " + common + ", epochs: " + epochs
                + ", validationFraction: 0.0})";
        t0 = System.nanoTime();
        single(driver, train);
        System.out.println(train);
        System.out.printf("  trained in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        String evaluate = "CALL rec.evaluate.model('" + name + "-gcn', {k: [10, 20], baselines: ['popularity', 'itemKnn'], "
                + "featureProperty: 'textEmbedding', concurrency: " + concurrency + "})";
        t0 = System.nanoTime();
        List<Record> rows = driver.executableQuery(evaluate).execute().records();
        System.out.println(evaluate);
        System.out.printf("  %.1f s, %d users evaluated, %d candidates%n", (System.nanoTime() - t0) / 1e9,
                rows.get(0).get("users").asLong(), rows.get(0).get("candidates").asLong());
        System.out.println();
        System.out.println("| method | k | Recall | Precision | NDCG | hit rate | coverage | diversity | novelty |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Record r : rows) {
            System.out.printf("| %s | %d | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.2f |%n", r.get("method").asString(),
                    r.get("k").asLong(), r.get("recall").asDouble(), r.get("precision").asDouble(), r.get("ndcg").asDouble(),
                    r.get("hitRate").asDouble(), r.get("coverage").asDouble(),
                    r.get("diversity").isNull() ? Double.NaN : r.get("diversity").asDouble(), r.get("novelty").asDouble());
        }
        System.out.println();
    }

    /** The demo catalog ({@code DemoData.DEFAULT}) through {@code cypher/10-import-demo} (run 00-schema first). */
    /** A fresh server in a temporary home named {@code prefix}, with {@code cypher/00-schema.cypher} run. */
    static Neo4jHarness startWithSchema(String prefix, Path cypher) throws java.io.IOException {
        Neo4jHarness neo4j = Neo4jHarness.start(Files.createTempDirectory(prefix), b -> b);
        try {
            CypherScripts.run(neo4j.driver(), cypher.resolve("00-schema.cypher"));
        } catch (java.io.IOException | RuntimeException e) {
            neo4j.close();
            throw e;
        }
        return neo4j;
    }

    static void loadDemo(Neo4jHarness neo4j, Path cypher) throws java.io.IOException {
        DemoData.writeCsv(DemoData.generate(DemoData.Params.DEFAULT), neo4j.importDir().resolve("rec4j-demo"));
        CypherScripts.run(neo4j.driver(), cypher.resolve("10-import-demo.cypher"));
    }

    /**
     * Copies u.genre, u.item, u.data and items_text.tsv from {@code ml} into the server's import directory (never into
     * the repository) and runs cypher/11-import-movielens.cypher and 12-movielens-plots.cypher: (:Viewer)-[:RATED
     * {rating, timestamp}]->(:Movie {title, genres, plot}).
     */
    static void importMovieLens(Neo4jHarness neo4j, Path ml, Path cypher) throws java.io.IOException {
        Path mlImport = Files.createDirectories(neo4j.importDir().resolve("ml-100k"));
        for (String file : List.of("u.genre", "u.item", "u.data", "items_text.tsv")) {
            Files.copy(ml.resolve(file), mlImport.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        CypherScripts.run(neo4j.driver(), cypher.resolve("11-import-movielens.cypher"));
        CypherScripts.run(neo4j.driver(), cypher.resolve("12-movielens-plots.cypher"));
    }

    /** The one record of {@code query}, or an error when it returns another number of rows. */
    static Record single(Driver driver, String query) {
        List<Record> records = driver.executableQuery(query).execute().records();
        if (records.size() != 1) {
            throw new IllegalStateException(query + " returned " + records.size() + " rows");
        }
        return records.get(0);
    }
}
