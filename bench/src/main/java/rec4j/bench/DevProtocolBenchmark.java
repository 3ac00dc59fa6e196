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
 * Issue 12's dev protocol, through the procedures in an in-process Neo4j: MovieLens 100K (cypher/11-import-movielens),
 * ratings >= 4 as positives, rec.evaluate.split random 80/20 per seed, the Cypher-aggregation projection of the
 * training part, full ranking by rec.evaluate.model at k = 20; mean and spread over the seeds. Methods: popularity
 * and item-kNN (baselines of the GCN's evaluation call), EASE (rec.ease.train, lambda picked on validation), the GCN
 * with rec.gcn.train's defaults (only the model name and labels given), the GCN with {@code tuned} settings ("none":
 * skipped), and the hybrid with rec.hybrid.train's defaults.
 * <pre>
 *   java -Xmx4g -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.DevProtocolBenchmark ../shared/data/ml-100k 1,2,3 \
 *       "embeddingDimension: 128"
 * </pre>
 * (args: MovieLens directory, split seeds, the tuned GCN's extra configuration, default "embeddingDimension: 128"; run from
 * the repository root)
 */
public final class DevProtocolBenchmark {

    record Score(double recall, double ndcg, double seconds) {}

    public static void main(String[] args) throws Exception {
        System.setProperty("jol.skipHotspotSAAttach", "true");
        BenchArgs a = BenchArgs.of(args);
        Path ml = Path.of(a.text(0, "../shared/data/ml-100k"));
        long[] seeds = java.util.Arrays.stream(a.text(1, "1,2,3").split(",")).mapToLong(Long::parseLong).toArray();
        String tuned = a.text(2, "embeddingDimension: 128");
        Path cypher = Path.of("cypher");
        Map<String, List<Score>> table = new LinkedHashMap<>();
        try (Neo4jHarness neo4j = EvaluateBenchmark.startWithSchema("rec4j-dev-protocol", cypher)) {
            Driver driver = neo4j.driver();
            EvaluateBenchmark.importMovieLens(neo4j, ml, cypher);
            for (long seed : seeds) {
                EvaluateBenchmark.single(driver, "CALL rec.evaluate.split({nodeLabels: ['Viewer', 'Movie'], relationshipTypes: "
                        + "['RATED'], strategy: 'random', testFraction: 0.2, minRating: 4, randomSeed: " + seed + "})");
                driver.executableQuery("CALL gds.graph.drop('dev', false) YIELD graphName RETURN graphName").execute();
                EvaluateBenchmark.single(driver, "MATCH (u:Viewer)-[r:RATED]->(i:Movie) WHERE r.split = 'train' "
                        + "WITH gds.graph.project('dev', u, i, {sourceNodeLabels: labels(u), targetNodeLabels: labels(i), "
                        + "relationshipType: type(r)}, {undirectedRelationshipTypes: ['*']}) AS g RETURN g.graphName");
                String labels = "nodeLabels: ['Viewer', 'Movie']";
                Map<String, Double> seconds = new LinkedHashMap<>();
                seconds.put("ease", timed(driver, "CALL rec.ease.train('dev', {modelName: 'dev-ease', " + labels + "})"));
                seconds.put("gcn", timed(driver, "CALL rec.gcn.train('dev', {modelName: 'dev-gcn', " + labels + "})"));
                if (!tuned.equals("none")) {
                    seconds.put("tuned", timed(driver, "CALL rec.gcn.train('dev', {modelName: 'dev-tuned', " + labels + ", "
                            + tuned + "})"));
                }
                seconds.put("hybrid", timed(driver, "CALL rec.hybrid.train('dev', {modelName: 'dev-hybrid', " + labels + "})"));
                for (Record r : driver.executableQuery("CALL rec.evaluate.model('dev-gcn', {k: [20], baselines: "
                        + "['popularity', 'itemKnn']})").execute().records()) {
                    String method = r.get("method").asString();
                    add(table, method.equals("dev-gcn") ? "GCN, rec.gcn.train defaults" : method, r,
                            method.equals("dev-gcn") ? seconds.get("gcn") : Double.NaN);
                }
                add(table, "EASE (lambda picked on validation)", evaluate(driver, "dev-ease"), seconds.get("ease"));
                if (!tuned.equals("none")) {
                    add(table, "GCN tuned {" + tuned + "}", evaluate(driver, "dev-tuned"), seconds.get("tuned"));
                }
                add(table, "hybrid, rec.hybrid.train defaults (weight picked on validation)", evaluate(driver, "dev-hybrid"),
                        seconds.get("hybrid"));
                for (String m : tuned.equals("none") ? List.of("dev-ease", "dev-gcn", "dev-hybrid")
                        : List.of("dev-ease", "dev-gcn", "dev-tuned", "dev-hybrid")) {
                    driver.executableQuery("CALL rec.model.drop($m)").withParameters(Map.of("m", m)).execute();
                }
                System.out.printf("seed %d done%n", seed);
            }
        }
        System.out.println("| method | Recall@20 | NDCG@20 | train seconds |");
        System.out.println("|---|---|---|---|");
        table.forEach((method, scores) -> System.out.printf("| %s | %s | %s | %s |%n", method,
                stat(scores.stream().mapToDouble(Score::recall).toArray()), stat(scores.stream().mapToDouble(Score::ndcg).toArray()),
                stat(scores.stream().mapToDouble(Score::seconds).toArray())));
    }

    private static Record evaluate(Driver driver, String model) {
        return EvaluateBenchmark.single(driver, "CALL rec.evaluate.model('" + model + "', {k: [20]})");
    }

    private static double timed(Driver driver, String query) {
        long t = System.nanoTime();
        EvaluateBenchmark.single(driver, query);
        return (System.nanoTime() - t) / 1e9;
    }

    private static void add(Map<String, List<Score>> table, String method, Record r, double seconds) {
        table.computeIfAbsent(method, m -> new ArrayList<>()).add(new Score(r.get("recall").asDouble(), r.get("ndcg").asDouble(),
                seconds));
    }

    /** Mean ± sample standard deviation. */
    static String stat(double[] values) {
        double mean = java.util.Arrays.stream(values).average().orElse(Double.NaN);
        double var = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.length - 1);
        return Double.isNaN(mean) ? "-" : String.format("%.4f ± %.4f", mean, Math.sqrt(var));
    }
}
