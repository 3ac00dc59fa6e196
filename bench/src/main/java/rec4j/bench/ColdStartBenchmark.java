package rec4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.testsupport.Neo4jHarness;

/**
 * Cold items on MovieLens 100K end to end inside Neo4j, through the procedures only: item cards "title (year) | genres |
 * plot" built in Cypher and embedded with rec.embed.nodes (MiniLM); per split seed, rec.evaluate.split strategy
 * 'coldItems' (10 % of the items with positives held out with all their interactions, ratings >= 4 are positives), a
 * Cypher-aggregation projection of the training part, rec.gcn.train graph only (3 layers, 64 dims, lr 0.005, l2 1e-3,
 * a fixed epoch count), rec.gcn.textTower on the card vectors, rec.gcn.foldIn of the cold items from their text alone
 * (fromInteractions: false, so their held-out interactions are not used) and rec.evaluate.model over the cold items
 * only, next to the expectation of a random ranking. Checks on the way: no cold item is in the trained model, the tower
 * is fitted on exactly the model's items (those with training interactions), the fold-in uses no interaction.
 *
 * <pre>
 *   mvn -o -q -Pbench -DskipTests package
 *   java -Xmx6g -Djol.skipHotspotSAAttach=true -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.ColdStartBenchmark \
 *       ../shared/data/ml-100k [epochs, 150] [split seeds, 11,12,13] [concurrency, cores]
 * </pre>
 *
 * Run from the repository root (it reads cypher/).
 */
public final class ColdStartBenchmark {

    public static void main(String[] args) throws Exception {
        System.setProperty("jol.skipHotspotSAAttach", "true");
        Path ml = Path.of(args.length > 0 ? args[0] : "../shared/data/ml-100k");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        int[] seeds = Arrays.stream((args.length > 2 ? args[2] : "11,12,13").split(",")).mapToInt(Integer::parseInt).toArray();
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        Path cypher = Path.of("cypher");
        try (Neo4jHarness neo4j = EvaluateBenchmark.startWithSchema("rec4j-coldstart-bench", cypher)) {
            Driver driver = neo4j.driver();
            EvaluateBenchmark.importMovieLens(neo4j, ml, cypher);
            embedCards(driver, concurrency);
            List<String> table = new ArrayList<>();
            for (int seed : seeds) {
                table.add(run(driver, seed, epochs, concurrency));
            }
            System.out.println();
            System.out.println("| split seed | candidates | items | users evaluated | Recall@20 | NDCG@20 | random Recall@20 | "
                    + "random NDCG@20 | candidates | items | users evaluated | Recall@20 | NDCG@20 | random Recall@20 | random NDCG@20 |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            table.forEach(System.out::println);
        }
    }

    /** Each movie's card "title (year) | genres | plot" built in Cypher and embedded by rec.embed.nodes into cardEmbedding. */
    static void embedCards(Driver driver, int concurrency) {
        String card = "MATCH (m:Movie) WHERE m.title IS NOT NULL "
                + "SET m.card = m.title + ' | ' + reduce(s = '', g IN m.genres | s + CASE s WHEN '' THEN '' ELSE ', ' END + g) "
                + "+ CASE WHEN m.plot IS NULL THEN '' ELSE ' | ' + m.plot END RETURN count(m) AS cards";
        System.out.println(card);
        System.out.printf("  %d cards%n", EvaluateBenchmark.single(driver, card).get("cards").asLong());
        String embed = "CALL rec.embed.nodes({nodeLabels: ['Movie'], textProperties: ['card'], "
                + "writeProperty: 'cardEmbedding', concurrency: " + concurrency + "})";
        Record embedded = EvaluateBenchmark.single(driver, embed);
        System.out.println(embed);
        System.out.printf("  %d embedded (%d-d) in %.0f s%n", embedded.get("embedded").asLong(),
                embedded.get("dimension").asLong(),
                (embedded.get("computeMillis").asLong() + embedded.get("writeMillis").asLong()) / 1e3);
    }

    private static String run(Driver driver, int seed, int epochs, int concurrency) {
        System.out.println();
        System.out.println("== cold split seed " + seed);
        String splitCall = "CALL rec.evaluate.split({nodeLabels: ['Viewer', 'Movie'], relationshipTypes: ['RATED'], "
                + "strategy: 'coldItems', testFraction: 0.1, minRating: 4, randomSeed: " + seed + "})";
        Record split = EvaluateBenchmark.single(driver, splitCall);
        System.out.println(splitCall);
        System.out.printf("  train %d, test %d, not positive %d, cold items %d, users with test %d%n",
                split.get("trainRelationships").asLong(), split.get("testRelationships").asLong(),
                split.get("ignoredRelationships").asLong(), split.get("coldItems").asLong(),
                split.get("usersWithTest").asLong());
        String graph = "cold-train-" + seed;
        String model = "cold-" + seed;
        driver.executableQuery("CALL gds.graph.drop($g, false) YIELD graphName RETURN graphName")
                .withParameters(Map.of("g", graph)).execute();
        String project = "MATCH (u:Viewer)-[r:RATED]->(i:Movie) WHERE r.split = 'train' "
                + "WITH gds.graph.project('" + graph + "', u, i, {sourceNodeLabels: labels(u), targetNodeLabels: labels(i), "
                + "relationshipType: type(r)}, {undirectedRelationshipTypes: ['*']}) AS g "
                + "RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships";
        Record projected = EvaluateBenchmark.single(driver, project);
        System.out.println(project);
        System.out.printf("  %d nodes, %d relationships (both directions)%n", projected.get("nodes").asLong(),
                projected.get("relationships").asLong());
        String train = "CALL rec.gcn.train('" + graph + "', {modelName: '" + model + "', nodeLabels: ['Viewer', 'Movie'], "
                + "embeddingDimension: 64, layers: 3, batchSize: 2048, learningRate: 0.005, l2: 0.001, epochs: " + epochs
                + ", validationFraction: 0.0, randomSeed: 42, concurrency: " + concurrency + "})";
        long t0 = System.nanoTime();
        Record trained = EvaluateBenchmark.single(driver, train);
        System.out.println(train);
        System.out.printf("  %d users, %d items, %d interactions; %.0f s%n", trained.get("users").asLong(),
                trained.get("items").asLong(), trained.get("interactions").asLong(), (System.nanoTime() - t0) / 1e9);

        // the model holds exactly the items with training interactions: no cold item
        Record members = EvaluateBenchmark.single(driver, "CALL rec.gcn.stream('" + model + "') YIELD nodeId "
                + "WITH collect(nodeId) AS inModel "
                + "MATCH (i:Movie) WITH inModel, i, EXISTS { (:Viewer)-[:RATED {split: 'train'}]->(i) } AS warm, "
                + "EXISTS { (:Viewer)-[:RATED {split: 'test'}]->(i) } AS held "
                + "RETURN count(CASE WHEN warm THEN 1 END) AS warmItems, "
                + "count(CASE WHEN held AND NOT warm THEN 1 END) AS coldItems, "
                + "count(CASE WHEN id(i) IN inModel THEN 1 END) AS modelItems, "
                + "count(CASE WHEN id(i) IN inModel AND NOT warm THEN 1 END) AS modelItemsWithoutTraining, "
                + "count(CASE WHEN id(i) IN inModel AND held THEN 1 END) AS coldItemsInModel");
        long warmItems = members.get("warmItems").asLong(), coldItems = members.get("coldItems").asLong();
        System.out.printf("  items with training interactions %d, cold items %d; model items %d, of which without "
                + "training interactions %d, cold %d%n", warmItems, coldItems, members.get("modelItems").asLong(),
                members.get("modelItemsWithoutTraining").asLong(), members.get("coldItemsInModel").asLong());
        check(members.get("modelItems").asLong() == warmItems && members.get("coldItemsInModel").asLong() == 0
                && members.get("modelItemsWithoutTraining").asLong() == 0, "the model's items are not the warm items");
        // before the fold-in the model cannot rank cold items: the procedure says so
        // no baselines: popularity and itemKnn have no training signal on cold items (the procedure refuses them)
        String evaluate = "CALL rec.evaluate.model('" + model + "', {k: [20], candidates: 'coldItems', "
                + "featureProperty: 'cardEmbedding', concurrency: " + concurrency + "})";
        try {
            driver.executableQuery(evaluate).execute();
            throw new IllegalStateException("rec.evaluate.model ranked cold items the model does not have");
        } catch (org.neo4j.driver.exceptions.ClientException expected) {
            System.out.println("  before the fold-in: " + expected.getMessage());
        }

        String tower = "CALL rec.gcn.textTower('" + model + "', {featureProperties: ['cardEmbedding'], concurrency: "
                + concurrency + "})";
        Record fitted = EvaluateBenchmark.single(driver, tower);
        System.out.println(tower);
        System.out.printf("  fitted on %d items (%d without features, %d without interactions), %d -> %d, %d ms%n",
                fitted.get("fittedItems").asLong(), fitted.get("itemsWithoutFeatures").asLong(),
                fitted.get("itemsWithoutInteractions").asLong(), fitted.get("featureDimension").asLong(),
                fitted.get("embeddingDimension").asLong(), fitted.get("millis").asLong());
        check(fitted.get("fittedItems").asLong() == warmItems, "the tower was not fitted on exactly the warm items");

        String foldIn = "CALL rec.gcn.foldIn('" + model + "', {users: false, fromInteractions: false})";
        Record folded = EvaluateBenchmark.single(driver, foldIn);
        System.out.println(foldIn);
        System.out.printf("  %d items folded in (%d from text, %d from interactions, %d skipped)%n",
                folded.get("newItems").asLong(), folded.get("fromText").asLong(), folded.get("fromInteractions").asLong(),
                folded.get("skipped").asLong());
        check(folded.get("fromInteractions").asLong() == 0 && folded.get("newUsers").asLong() == 0,
                "the fold-in used interactions");

        // 'coldItems' ranks every movie without a training interaction (the held-out ones and those never rated >= 4);
        // 'coldTestItems' only the held-out ones with a test interaction (what 'coldItems' meant before issue 12)
        long noTraining = EvaluateBenchmark.single(driver, "MATCH (m:Movie) WHERE NOT EXISTS { ()-[:RATED {split: 'train'}]->(m) } "
                + "RETURN count(m) AS n").get("n").asLong();
        StringBuilder line = new StringBuilder("| " + seed + " |");
        for (String candidatesName : List.of("coldItems", "coldTestItems")) {
            String call = evaluate.replace("candidates: 'coldItems'", "candidates: '" + candidatesName + "'");
            t0 = System.nanoTime();
            List<Record> rows = driver.executableQuery(call).execute().records();
            System.out.println(call);
            System.out.printf("  %.1f s%n", (System.nanoTime() - t0) / 1e9);
            System.out.println("  | method | Recall@20 | NDCG@20 | hit rate | coverage | users | candidates | unscored users | unscored items |");
            for (Record r : rows) {
                System.out.printf("  | %s | %.4f | %.4f | %.4f | %.4f | %d | %d | %d | %d |%n", r.get("method").asString(),
                        r.get("recall").asDouble(), r.get("ndcg").asDouble(), r.get("hitRate").asDouble(),
                        r.get("coverage").asDouble(), r.get("users").asLong(), r.get("candidates").asLong(),
                        r.get("unscoredUsers").asLong(), r.get("unscoredItems").asLong());
            }
            check(rows.size() == 1, "rec.evaluate.model returned " + rows.size() + " rows");
            Record gcn = rows.get(0);
            long candidates = gcn.get("candidates").asLong();
            long expected = candidatesName.equals("coldItems") ? noTraining : coldItems;
            check(candidates == expected && gcn.get("unscoredItems").asLong() == 0,
                    "'" + candidatesName + "': " + candidates + " candidates, expected " + expected + " scored ones");
            double[] random = randomExpectation(driver, candidates, 20);
            line.append(String.format(" %s | %d | %d | %.4f | %.4f | %.4f | %.4f |", candidatesName, candidates,
                    gcn.get("users").asLong(), gcn.get("recall").asDouble(), gcn.get("ndcg").asDouble(), random[0], random[1]));
        }

        driver.executableQuery("CALL gds.graph.drop($g, false) YIELD graphName RETURN graphName")
                .withParameters(Map.of("g", graph)).execute();
        EvaluateBenchmark.single(driver, "CALL rec.model.drop('" + model + "')");
        return line.toString();
    }

    /**
     * Recall@k and NDCG@k of a uniformly random ranking of the {@code candidates} cold items, in expectation, averaged
     * over the users with test items: a user with n relevant items expects n / N hits at every rank, so Recall@k = k / N
     * and E[DCG@k] = n / N x sum over ranks r <= k of 1 / log2(r + 1), divided by the ideal DCG over min(k, n).
     */
    static double[] randomExpectation(Driver driver, long candidates, int k) {
        List<Record> users = driver.executableQuery("MATCH (u:Viewer)-[:RATED {split: 'test'}]->(:Movie) "
                + "RETURN count(*) AS relevant, u.viewerId AS user").execute().records();
        double recall = 0, ndcg = 0;
        for (Record u : users) {
            long n = u.get("relevant").asLong();
            double dcg = 0, ideal = 0;
            for (int r = 1; r <= Math.min(k, candidates); r++) {
                dcg += (double) n / candidates / (Math.log(r + 1) / Math.log(2));
                if (r <= n) {
                    ideal += 1 / (Math.log(r + 1) / Math.log(2));
                }
            }
            recall += Math.min(1.0, (double) k / candidates);
            ndcg += dcg / ideal;
        }
        return new double[] {recall / users.size(), ndcg / users.size()};
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
