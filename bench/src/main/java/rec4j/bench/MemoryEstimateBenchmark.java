package rec4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.graphdb.GraphDatabaseService;
import rec4j.testsupport.Neo4jHarness;

/**
 * rec.gcn.train.estimate against the measured heap peak of rec.gcn.train, over configurations that each make another
 * part of the estimate the largest: reading many interactions, the batch's triples (batchSize x negativeSamples), the
 * embedding matrices (embeddingDimension), layers, validation, and text fusion ('sum', 'concat') with a generated
 * 128-dimensional feature property. One in-process Neo4j holds the generated demo catalog (1,000,000 interactions,
 * 6,000 users, 4,000 items); every tenth interaction has the type SMALL, the others REST, so the projection 'small'
 * (SMALL only) has 100,000 interactions and 'large' (both) 1,000,000, on the same 10,000 nodes.
 *
 * <p>The peak is the live heap: a sampling thread forces a full collection every {@code samplePeriodMillis} (every
 * 10 ms for the first configuration, whose peak, reading the graph, lasts about a second) and reads
 * the heap used right after it (G1 counts an array of half a region or more in whole regions, and so does the
 * estimate); the baseline is the same reading just before the call (Neo4j, GDS's graphs, everything else alive then),
 * and the peak is the largest reading during the call minus the baseline, the largest over {@code repeats} runs of
 * the call. Being sampled, it is a lower bound of the true live peak (a phase shorter than the period can be missed,
 * which is why each configuration runs more than once). Beside it, for reference, the largest heap occupancy right
 * after a collection the JVM ran by itself (GC notifications): it may include garbage not yet collected, and as the
 * forced collections leave the JVM few of its own, it can miss the peak altogether.
 *
 * <pre>
 *   java -Xmx6g -Djol.skipHotspotSAAttach=true -cp "bench/target/classes:bench/target/lib/*" \
 *       rec4j.bench.MemoryEstimateBenchmark [samplePeriodMillis=150] [repeats=2] [only row numbers, e.g. 3 5]
 * </pre>
 */
public final class MemoryEstimateBenchmark {

    /** {@code sampleMillis} > 0: this row's own sampling period (a short peak phase needs a dense one). */
    record Row(String name, String graph, String config, long sampleMillis) {
        Row(String name, String graph, String config) {
            this(name, graph, config, 0);
        }
    }

    static final List<Row> ROWS = List.of(
            // the peak is reading the graph, about a second: sampled every 10 ms
            new Row("1M interactions, defaults (batch 65536)", "large",
                    "batchSize: 65536", 10),
            new Row("1M, batch 1000000, negativeSamples 20", "large",
                    "batchSize: 1000000, negativeSamples: 20"),
            new Row("100k, batch 100000, negativeSamples 100", "small",
                    "batchSize: 100000, negativeSamples: 100"),
            new Row("100k, embeddingDimension 1024, layers 2", "small",
                    "embeddingDimension: 1024, layers: 2, batchSize: 25000"),
            new Row("100k, embeddingDimension 256, layers 6, validation 0.1", "small",
                    "embeddingDimension: 256, layers: 6, batchSize: 100000, validationFraction: 0.1"),
            new Row("100k, fusion sum, text 128, dimension 256", "small",
                    "embeddingDimension: 256, layers: 2, batchSize: 50000, featureProperties: ['text'], fusion: 'sum'"),
            new Row("1M, fusion concat, text 128, dimension 128, negatives 5", "large",
                    "embeddingDimension: 128, layers: 2, batchSize: 250000, negativeSamples: 5, "
                            + "featureProperties: ['text'], fusion: 'concat'"));

    public static void main(String[] args) throws Exception {
        System.setProperty("jol.skipHotspotSAAttach", "true");
        long sampleMillis = args.length > 0 ? Long.parseLong(args[0]) : 150;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Integer> only = new ArrayList<>();
        for (int a = 2; a < args.length; a++) {
            only.add(Integer.parseInt(args[a]));
        }
        try (Neo4jHarness neo4j = GcnProcedureScaleBenchmark.startWithCatalog("rec4j-memory", 1_000_000, 256L << 20,
                (db, users, items, pairs) -> {
                    load(db, users, items, pairs);
                    db.executeTransactionally("MATCH (n) WHERE n:User OR n:Item SET n.text = [x IN range(1, 128) | rand() - 0.5]");
                })) {
            Driver driver = neo4j.driver();
            EvaluateBenchmark.single(driver, "CALL gds.graph.project('small', {User: {properties: 'text'}, Item: "
                    + "{properties: 'text'}}, {SMALL: {orientation: 'UNDIRECTED'}}) YIELD nodeCount RETURN *");
            EvaluateBenchmark.single(driver, "CALL gds.graph.project('large', {User: {properties: 'text'}, Item: "
                    + "{properties: 'text'}}, {SMALL: {orientation: 'UNDIRECTED'}, REST: {orientation: 'UNDIRECTED'}}) "
                    + "YIELD nodeCount RETURN *");

            List<String> table = new ArrayList<>();
            table.add("| # | configuration | interactions | estimate | largest phase | measured live peak | largest after an unforced GC | estimate / measured |");
            table.add("|---|---|---|---|---|---|---|---|");
            for (int k = 0; k < ROWS.size(); k++) {
                if (!only.isEmpty() && !only.contains(k + 1)) {
                    continue;
                }
                Row row = ROWS.get(k);
                String config = "{modelName: 'mem" + k + "', epochs: 1, concurrency: 2, "
                        + (row.config.contains("validationFraction") ? "" : "validationFraction: 0.0, ") + row.config + "}";
                Record estimate = EvaluateBenchmark.single(driver, "CALL rec.gcn.train.estimate('" + row.graph + "', " + config + ")");
                String call = "CALL rec.gcn.train('" + row.graph + "', " + config + ")";
                long live = 0, upperBytes = 0, samples = 0;
                double seconds = 0;
                List<String> runs = new ArrayList<>();
                GcnProcedureScaleBenchmark.Measurement m = null;
                for (int r = 0; r < repeats; r++) {
                    m = GcnProcedureScaleBenchmark.Measurement.around(row.sampleMillis > 0 ? row.sampleMillis : sampleMillis,
                            () -> EvaluateBenchmark.single(driver, call));
                    EvaluateBenchmark.single(driver, "CALL rec.model.drop('mem" + k + "')");
                    live = Math.max(live, m.sampledPeak - m.baseline);
                    upperBytes = Math.max(upperBytes, m.collections > 0 ? m.gcPeak - m.baseline : 0);
                    samples += m.sampled;
                    seconds += m.seconds;
                    runs.add(mib(m.sampledPeak - m.baseline));
                }
                long bytes = estimate.get("bytesMax").asLong();
                Map<String, Object> parts = estimate.get("mapView").asMap();
                String phase = parts.entrySet().stream().filter(e -> e.getKey().startsWith("phase"))
                        .max((a, b) -> Long.compare(((Number) a.getValue()).longValue(), ((Number) b.getValue()).longValue()))
                        .map(e -> e.getKey().substring(5).toLowerCase()).orElse("?");
                String upper = upperBytes > 0 ? mib(upperBytes) : "no collection";
                System.out.printf("%n%d. %s%n  %s%n  estimate %s %s%n  live peak %s (runs: %s; %d samples), after-GC peak %s, %.1f s%n",
                        k + 1, row.name, call, mib(bytes), parts, mib(live), runs, samples, upper, seconds);
                if (Boolean.getBoolean("rec4j.histogram")) {
                    GcnProcedureScaleBenchmark.report(row.name, estimate, m); // diagnostic: the classes at the peak
                }
                table.add(String.format("| %d | %s | %,d | %s | %s | %s | %s | %.2f |", k + 1, row.name,
                        m.result.get("interactions").asLong(), mib(bytes), phase, mib(live), upper, (double) bytes / live));
            }
            System.out.println();
            table.forEach(System.out::println);
        }
    }

    static String mib(long bytes) {
        return String.format("%,.1f MiB", bytes / 1048576.0);
    }

    /** Users and items with batched UNWIND CREATE; every tenth interaction SMALL, the others REST. */
    static void load(GraphDatabaseService db, int users, int items, long[] pairs) {
        long[] userIds = GcnProcedureScaleBenchmark.create(db, "User", "userId", users);
        long[] itemIds = GcnProcedureScaleBenchmark.create(db, "Item", "itemId", items);
        for (int from = 0; from < pairs.length; from += 50_000) {
            List<List<Long>> small = new ArrayList<>(), rest = new ArrayList<>();
            for (int k = from; k < Math.min(pairs.length, from + 50_000); k++) {
                long p = pairs[k];
                (k % 10 == 0 ? small : rest).add(List.of(userIds[(int) (p >>> 32)], itemIds[(int) ((p >>> 8) & 0xFFFFFF)]));
            }
            db.executeTransactionally("UNWIND $rows AS r MATCH (u) WHERE id(u) = r[0] MATCH (i) WHERE id(i) = r[1] "
                    + "CREATE (u)-[:SMALL]->(i)", Map.of("rows", small));
            db.executeTransactionally("UNWIND $rows AS r MATCH (u) WHERE id(u) = r[0] MATCH (i) WHERE id(i) = r[1] "
                    + "CREATE (u)-[:REST]->(i)", Map.of("rows", rest));
        }
    }
}
