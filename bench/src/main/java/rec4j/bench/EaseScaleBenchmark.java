package rec4j.bench;

import java.nio.file.Files;
import java.util.List;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.demo.DemoData;
import rec4j.testsupport.Neo4jHarness;

/**
 * EASE on a large catalog through the procedures: a generated catalog (DemoData) of {@code items} items loaded into
 * an in-process Neo4j, rec.ease.train.estimate, rec.ease.train with a given lambda (timed, peak RSS), then
 * rec.recommend.forUser for 200 users and rec.recommend.similarItems for 200 items (median latency), the EASE model's
 * scores against popularity's on the generated taste structure being out of scope here (see DevProtocolBenchmark).
 * <pre>
 *   java -Xmx8g -Dorg.bytedeco.javacpp.maxbytes=4g -Djol.skipHotspotSAAttach=true -cp "bench/target/classes:bench/target/lib/*" \
 *       rec4j.bench.EaseScaleBenchmark 20000 50000 1000000 400
 * </pre>
 * (args: items, users, interactions, lambda)
 */
public final class EaseScaleBenchmark {

    public static void main(String[] args) throws Exception {
        System.setProperty("jol.skipHotspotSAAttach", "true");
        BenchArgs a = BenchArgs.of(args);
        int items = a.integer(0, 20_000), users = a.integer(1, 50_000), interactions = a.integer(2, 1_000_000);
        double lambda = a.number(3, 400);
        DemoData.Catalog catalog = DemoData.generate(new DemoData.Params(users, items, interactions, 42));
        long[] pairs = GcnProcedureScaleBenchmark.packedRatings(catalog);
        catalog = null;
        try (Neo4jHarness neo4j = Neo4jHarness.start(Files.createTempDirectory("rec4j-ease-scale"),
                b -> b.withConfig(GraphDatabaseSettings.pagecache_memory, 512L << 20))) {
            Driver driver = neo4j.driver();
            long t = System.nanoTime();
            GcnProcedureScaleBenchmark.load(neo4j.db(), users, items, pairs);
            System.out.printf("loaded %,d users, %,d items, %,d interactions in %.1f s%n", users, items, pairs.length,
                    (System.nanoTime() - t) / 1e9);
            EvaluateBenchmark.single(driver, "CALL gds.graph.project('scale', ['User', 'Item'], {RATED: {orientation: "
                    + "'UNDIRECTED'}}) YIELD graphName RETURN graphName");
            Record e = EvaluateBenchmark.single(driver, "CALL rec.ease.train.estimate('scale', {})");
            System.out.printf("estimate: heap %s, off-heap %,d bytes%n", e.get("requiredMemory").asString(),
                    e.get("mapView").asMap().get("offHeapGram"));
            GcnProcedureScaleBenchmark.resetPeakRss();
            t = System.nanoTime();
            Record r = EvaluateBenchmark.single(driver, "CALL rec.ease.train('scale', {modelName: 'ease-scale', lambda: "
                    + lambda + "})");
            System.out.printf("rec.ease.train: %.1f s (fit %d ms), %d items, %d interactions; %s%n", (System.nanoTime() - t) / 1e9,
                    r.get("trainMillis").asLong(), r.get("items").asLong(), r.get("interactions").asLong(), Rss.now());
            System.out.printf("forUser, top 10: median %.1f ms over 200 users%n", median(driver,
                    "MATCH (u:User {userId: $id}) CALL rec.recommend.forUser(u, {modelName: 'ease-scale', k: 10}) YIELD item RETURN count(*)",
                    users));
            System.out.printf("similarItems, top 10: median %.1f ms over 200 items%n", median(driver,
                    "MATCH (i:Item {itemId: $id}) CALL rec.recommend.similarItems(i, {modelName: 'ease-scale', k: 10}) YIELD item RETURN count(*)",
                    items));
        }
    }

    private static double median(Driver driver, String query, int ids) {
        double[] ms = new double[200];
        for (int k = 0; k < ms.length; k++) {
            long t = System.nanoTime();
            List<Record> rows = driver.executableQuery(query).withParameters(java.util.Map.of("id", (long) (k * 7919L % ids)))
                    .execute().records();
            ms[k] = (System.nanoTime() - t) / 1e6;
            if (rows.isEmpty()) {
                throw new IllegalStateException("no row for " + k);
            }
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
