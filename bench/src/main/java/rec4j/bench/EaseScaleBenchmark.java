package rec4j.bench;

import java.nio.file.Files;
import java.util.List;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.demo.DemoData;
import rec4j.testsupport.Neo4jHarness;

/**
 * EASE on a large catalog through the procedures: for each item count, a generated catalog (DemoData) loaded into an
 * in-process Neo4j, rec.ease.train.estimate, rec.ease.train with a given lambda (timed; the heap sampled by a full
 * collection every 100 ms, live peak over the baseline before the call) against the estimate, then rec.recommend.forUser for 200 users and rec.recommend.similarItems for
 * 200 items (median latency). Ends with a table of estimate against measurement.
 * <pre>
 *   java -Xmx8g -Dorg.bytedeco.javacpp.maxbytes=4g -Djol.skipHotspotSAAttach=true -cp "bench/target/classes:bench/target/lib/*" \
 *       rec4j.bench.EaseScaleBenchmark 5000,10000,20000 50000 1000000 400
 * </pre>
 * (args: item counts, users, interactions, lambda)
 */
public final class EaseScaleBenchmark {

    public static void main(String[] args) throws Exception {
        System.setProperty("jol.skipHotspotSAAttach", "true");
        BenchArgs a = BenchArgs.of(args);
        int[] itemCounts = java.util.Arrays.stream(a.text(0, "20000").split(",")).mapToInt(Integer::parseInt).toArray();
        int users = a.integer(1, 50_000), interactions = a.integer(2, 1_000_000);
        double lambda = a.number(3, 400);
        List<String> table = new java.util.ArrayList<>();
        for (int items : itemCounts) {
            table.add(run(items, users, interactions, lambda));
            System.out.println();
            System.out.println("| items | fit s | heap estimate MiB | sampled live heap peak MiB | estimate / measured "
                    + "| off-heap estimate MiB | forUser ms | similarItems ms | load |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            table.forEach(System.out::println);
        }
    }

    static String run(int items, int users, int interactions, double lambda) throws Exception {
        DemoData.Catalog catalog = DemoData.generate(new DemoData.Params(users, items, interactions, 42));
        long[] pairs = GcnProcedureScaleBenchmark.packedRatings(catalog);
        catalog = null;
        try (Neo4jHarness neo4j = Neo4jHarness.start(Files.createTempDirectory("rec4j-ease-scale"),
                b -> b.withConfig(GraphDatabaseSettings.pagecache_memory, 512L << 20))) {
            Driver driver = neo4j.driver();
            long t = System.nanoTime();
            GcnProcedureScaleBenchmark.load(neo4j.db(), users, items, pairs);
            System.out.printf("%nloaded %,d users, %,d items, %,d interactions in %.1f s%n", users, items, pairs.length,
                    (System.nanoTime() - t) / 1e9);
            EvaluateBenchmark.single(driver, "CALL gds.graph.project('scale', ['User', 'Item'], {RATED: {orientation: "
                    + "'UNDIRECTED'}}) YIELD graphName RETURN graphName");
            String config = "{modelName: 'ease-scale', lambda: " + lambda + "}";
            Record e = EvaluateBenchmark.single(driver, "CALL rec.ease.train.estimate('scale', " + config + ")");
            long estimate = e.get("bytesMax").asLong();
            long offHeap = e.get("mapView").asMap().get("offHeapGram") instanceof Number n ? n.longValue() : -1;
            System.out.printf("estimate: heap %s (%,d bytes), off-heap %,d bytes, %s%n", e.get("requiredMemory").asString(),
                    estimate, offHeap, e.get("mapView").asMap());
            GcnProcedureScaleBenchmark.Measurement m = GcnProcedureScaleBenchmark.Measurement.around(100,
                    () -> EvaluateBenchmark.single(driver, "CALL rec.ease.train('scale', " + config + ")"));
            Record r = m.result;
            GcnProcedureScaleBenchmark.report("rec.ease.train, " + items + " items", e, m);
            // off the heap the Gram matrix is one items x items float array by construction (Nd4j.create); ND4J allocates
            // past JavaCPP's counters and the heap is already resident, so it is not measured here
            long live = m.sampledPeak - m.baseline;
            double forUser = median(driver, "MATCH (u:User {userId: $id}) CALL rec.recommend.forUser(u, {modelName: "
                    + "'ease-scale', k: 10}) YIELD item RETURN count(*)", users);
            double similar = median(driver, "MATCH (i:Item {itemId: $id}) CALL rec.recommend.similarItems(i, {modelName: "
                    + "'ease-scale', k: 10}) YIELD item RETURN count(*)", items);
            return String.format("| %,d | %.1f | %,d | %,d | %.2f | %,d | %.1f | %.1f | %.2f |", items,
                    r.get("trainMillis").asLong() / 1000.0, estimate >> 20, live >> 20, (double) estimate / live,
                    offHeap >> 20, forUser, similar, Rss.loadAverage());
        }
    }

    private static double median(Driver driver, String query, int ids) {
        double[] ms = new double[200];
        for (int k = 0; k < ms.length; k++) {
            long t = System.nanoTime();
            List<Record> rows = driver.executableQuery(query).withParameters(java.util.Map.of("id", (long) (1 + k * 7919L % ids)))
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
