package rec4j.bench;

import static rec4j.bench.RecommendBenchmark.items;
import static rec4j.bench.RecommendBenchmark.latency;
import static rec4j.bench.RecommendBenchmark.latencyHeader;
import static rec4j.bench.RecommendBenchmark.loadAndTrainGenerated;
import static rec4j.bench.RecommendBenchmark.single;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import rec4j.testsupport.Neo4jHarness;

/**
 * Serving from vectors kept on nodes, as a cluster's secondaries must (node properties and indexes replicate, the
 * plugin's model files do not), against serving from the in-memory catalog model, in one in-process Neo4j over Bolt:
 * the generated catalog of RecommendBenchmark, the model written by rec.gcn.write, both vector indexes created, then
 * top-10 rec.recommend.forUser with 1 and 8 clients: the model (exact, index), the properties through their index,
 * and the properties read whole (the only property path before the index; fewer requests, it is slow). Also the
 * property index's recall@10 against the model's exact top 10.
 *
 * <p>Run: {@code java -Xmx6g -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.PropertyServingBenchmark
 * [items=100000] [users sampled=1000]}
 */
public final class PropertyServingBenchmark {

    static final String REC = "MATCH (u:Shopper {shopperId: $id}) CALL rec.recommend.forUser(u, {%s, k: $k%s}) "
            + "YIELD item RETURN item.productId AS item";

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int sampled = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Path home = Files.createTempDirectory("rec4j-property-serving-bench");
        System.out.printf("cores %d, max heap %d MB, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        try (Neo4jHarness neo4j = Neo4jHarness.start(home, b -> b.withConfig(GraphDatabaseSettings.pagecache_memory, 1024L << 20))) {
            Driver driver = neo4j.driver();
            int users = loadAndTrainGenerated(driver, items);
            long t = System.nanoTime();
            Record written = single(driver, "CALL rec.gcn.write('gen', {writeProperty: 'gcnVector'}) YIELD nodePropertiesWritten "
                    + "RETURN nodePropertiesWritten", Map.of());
            System.out.printf("rec.gcn.write: %d vectors in %.1f s%n", written.get("nodePropertiesWritten").asLong(),
                    (System.nanoTime() - t) / 1e9);
            Record modelIndex = single(driver, "CALL rec.recommend.createIndex('gen')", Map.of());
            System.out.printf("rec.recommend.createIndex('gen'): %d vectors, online in %.1f s%n", modelIndex.get("items").asLong(),
                    modelIndex.get("millis").asLong() / 1000.0);
            Record propertyIndex = single(driver, "CALL rec.recommend.createIndex(null, {embeddingProperty: 'gcnVector', "
                    + "itemLabel: 'Product'})", Map.of());
            System.out.printf("rec.recommend.createIndex(null, {embeddingProperty: 'gcnVector', itemLabel: 'Product'}): %d vectors "
                    + "as '%s', online in %.1f s%n", propertyIndex.get("items").asLong(), propertyIndex.get("indexName").asString(),
                    propertyIndex.get("millis").asLong() / 1000.0);

            List<Integer> sample = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                sample.add(u);
            }
            Collections.shuffle(sample, new Random(5));
            List<Integer> many = sample.subList(0, Math.min(sampled, users));
            List<Integer> few = sample.subList(0, Math.min(80, users));
            String model = "modelName: 'gen'";
            String property = "embeddingProperty: 'gcnVector', itemLabel: 'Product', userLabel: 'Shopper'";
            String modelExact = String.format(REC, model, ", candidates: 'exact'");
            String modelIndexed = String.format(REC, model, ", candidates: 'index'");
            String propertyIndexed = String.format(REC, property, ", candidates: 'index'");
            String propertyAuto = String.format(REC, property, "");
            String propertyExact = String.format(REC, property, ", candidates: 'exact'");

            System.out.printf("%nRecall@10 against the model's exact top 10 (%d users)%n| path | recall@10 |%n|---|---|%n", many.size());
            for (String[] path : new String[][] {{"model, vector index", modelIndexed}, {"properties, vector index", propertyIndexed},
                {"properties, auto (the default)", propertyAuto}, {"properties, read whole", propertyExact}}) {
                List<Integer> users2 = path[1] == propertyExact ? few : many;
                double sum = 0;
                try (Session session = driver.session()) {
                    for (int u : users2) {
                        List<Long> a = items(session, modelExact, Map.of("id", u, "k", 10));
                        Set<Long> common = new HashSet<>(a);
                        common.retainAll(items(session, path[1], Map.of("id", u, "k", 10)));
                        sum += common.size() / (double) a.size();
                    }
                }
                System.out.printf("| %s (%d users) | %.4f |%n", path[0], users2.size(), sum / users2.size());
            }

            System.out.printf("%nTop-10 latency over Bolt, %,d items, load average %s%n", items, loadAverage());
            latencyHeader();
            for (int clients : new int[] {1, 8}) {
                latency(driver, "model in memory, exact", modelExact, Map.of(), many, clients);
                latency(driver, "model in memory, vector index", modelIndexed, Map.of(), many, clients);
                latency(driver, "properties, vector index (auto)", propertyAuto, Map.of(), many, clients);
                latency(driver, "properties, read whole", propertyExact, Map.of(), few, clients, Math.max(1, few.size() / clients));
            }
            System.out.printf("load average at the end %s%n", loadAverage());
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
