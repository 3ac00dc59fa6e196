package rec4j.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import rec4j.testsupport.Neo4jHarness;

/**
 * The cost curve of rec.gcn.train through the procedures: for each size, a generated graph ({@link ScaleData}: users =
 * interactions / 50, items = min(interactions / 100, 50,000), planted groups, skew 0.8) loaded into a fresh in-process
 * Neo4j with batched UNWIND CREATE, then the stages a user runs, each measured (wall seconds; heap: the largest
 * occupancy after a collection during the stage over a baseline taken after a full collection just before it; RSS
 * peak): gds.graph.project, rec.gcn.train with its defaults (and its estimate), rec.gcn.write, the first
 * rec.recommend.forUser (loads the model). From the train result: seconds per epoch, the epochs the selection run
 * picked (epochs to converge), and the time to quality (the selection run's time until its validation Recall@20 is
 * within 2 % of its best). Ends with a table and the exponents of a least-squares fit of log(seconds) on
 * log(interactions).
 * <pre>
 *   java -Xmx12g -Djol.skipHotspotSAAttach=true -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.CostCurveBenchmark \
 *       100000,300000,1000000,3000000 2 [extra train config, e.g. "batchSize: 2048"]
 *   (a size may name its items: 1000000x50000; -Drec4j.load=csv loads as a user would, with LOAD CSV by key, see loadCsv;
 *   -Drec4j.sampleMillis=10000 also samples the live heap during the train call every 10 s with a forced full GC: the
 *   "live peak" column, what the estimate is compared with; -Drec4j.serve=false skips the serving stage;
 *   -Drec4j.jfr=/tmp/serve.jfr writes a flight recording (profile settings) of the serving stage)
 * </pre>
 */
public final class CostCurveBenchmark {

    record Row(long interactions, int users, int items, double load, double project, long projectHeap, double train,
            long trainHeap, long trainLive, long estimate, long rssPeakMib, int selectEpochs, int refitEpochs, int picked, double secondsPerEpoch,
            double timeToQuality, double recall, double write, long writeHeap, double firstServeMs, double exactP99Ms,
            double indexP99Ms, double loadAverage) {}

    public static void main(String[] args) throws Exception {
        System.setProperty("jol.skipHotspotSAAttach", "true");
        String[] sizes = args[0].split(",");
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String extra = args.length > 2 && !args[2].isBlank() ? ", " + args[2] : "";
        List<Row> rows = new ArrayList<>();
        for (String size : sizes) {
            // N, or NxITEMS: N interactions over ITEMS items (e.g. 1000000x50000: the 10M graph's catalog and users'
            // activity at a tenth of the users, for serving)
            String[] ni = size.split("x");
            int n = Integer.parseInt(ni[0]);
            int items = ni.length > 1 ? Integer.parseInt(ni[1]) : Math.min(n / 100, 50_000);
            rows.add(run(n, items, concurrency, extra));
            print(rows);
        }
        if (rows.size() >= 2) {
            System.out.printf("growth exponents (least squares of log seconds on log interactions): train %.2f, seconds "
                    + "per epoch %.2f, project %.2f, write %.2f, time to quality %.2f%n",
                    exponent(rows, Row::train), exponent(rows, Row::secondsPerEpoch), exponent(rows, Row::project),
                    exponent(rows, Row::write), exponent(rows, Row::timeToQuality));
        }
    }

    static Row run(int n, int items, int concurrency, String extra) throws Exception {
        int users = n / 50;
        ScaleData data = ScaleData.generate(users, items, n, 0.8, 40, 42L);
        long[] pairs = new long[n];
        for (int k = 0; k < n; k++) {
            pairs[k] = ((long) data.userOf()[k] << 32) | ((long) data.itemOf()[k] << 8) | 1;
        }
        data = null;
        System.out.printf("%n== %,d interactions: %,d users x %,d items, concurrency %d, load %.2f%n", n, users, items,
                concurrency, Rss.loadAverage());
        try (Neo4jHarness neo4j = Neo4jHarness.start(Files.createTempDirectory("rec4j-cost"),
                b -> b.withConfig(GraphDatabaseSettings.pagecache_memory, 1L << 30))) {
            Driver driver = neo4j.driver();
            long t = System.nanoTime();
            boolean csv = "csv".equals(System.getProperty("rec4j.load"));
            if (csv) {
                loadCsv(neo4j, driver, users, items, pairs);
            } else {
                GcnProcedureScaleBenchmark.load(neo4j.db(), users, items, pairs);
            }
            double load = (System.nanoTime() - t) / 1e9;
            pairs = null;
            System.out.printf("load (%s): %.1f s%n", csv ? "LOAD CSV by key, 50,000 rows per transaction"
                    : "batched UNWIND CREATE by node id, 50,000 per transaction", load);
            GcnProcedureScaleBenchmark.Measurement project = GcnProcedureScaleBenchmark.Measurement.around(0,
                    () -> EvaluateBenchmark.single(driver, "CALL gds.graph.project('g', ['User', 'Item'], {RATED: "
                            + "{orientation: 'UNDIRECTED'}}) YIELD relationshipCount RETURN relationshipCount"));
            String config = "{modelName: 'curve', nodeLabels: ['User', 'Item'], concurrency: " + concurrency + extra + "}";
            Record estimate = EvaluateBenchmark.single(driver, "CALL rec.gcn.train.estimate('g', " + config + ")");
            GcnProcedureScaleBenchmark.Measurement train = GcnProcedureScaleBenchmark.Measurement.around(
                    Long.getLong("rec4j.sampleMillis", 0),
                    () -> EvaluateBenchmark.single(driver, "CALL rec.gcn.train('g', " + config + ")"));
            Record r = train.result;
            List<Value> epochs = r.get("epochs").asList(v -> v);
            int select = 0, refit = 0;
            double best = -1;
            for (Value e : epochs) {
                if (e.get("run").asString().equals("select")) {
                    select++;
                    if (!e.get("validationRecall").isNull()) {
                        best = Math.max(best, e.get("validationRecall").asDouble());
                    }
                } else {
                    refit++;
                }
            }
            double secondsPerEpoch = r.get("trainMillis").asLong() / 1000.0 / Math.max(1, select + refit);
            int reached = -1;
            for (Value e : epochs) {
                if (e.get("run").asString().equals("select") && !e.get("validationRecall").isNull()
                        && e.get("validationRecall").asDouble() >= 0.98 * best) {
                    reached = (int) e.get("epoch").asLong();
                    break;
                }
            }
            GcnProcedureScaleBenchmark.report("rec.gcn.train " + config, estimate, train);
            long picked = r.get("selectedEpochs").isNull() ? 0 : r.get("selectedEpochs").asLong(); // null without validation
            System.out.printf("  train: %.1f s, %d epochs%n", train.seconds, epochs.size());
            System.out.printf("  select %d epochs (picked %d, validation Recall@20 %.4f), refit %d; %.2f s per epoch; "
                    + "within 2 %% of the best validation recall at epoch %d%n", select, picked,
                    best, refit, secondsPerEpoch, reached);
            GcnProcedureScaleBenchmark.Measurement write = GcnProcedureScaleBenchmark.Measurement.around(0,
                    () -> EvaluateBenchmark.single(driver, "CALL rec.gcn.write('curve', {writeProperty: 'embedding'})"));
            long s = System.nanoTime();
            EvaluateBenchmark.single(driver, "MATCH (u:User {userId: 1}) CALL rec.recommend.forUser(u, {modelName: "
                    + "'curve', k: 10}) YIELD item RETURN count(*) AS c");
            double firstServe = (System.nanoTime() - s) / 1e6;
            double[] p99 = {Double.NaN, Double.NaN};
            if (Boolean.parseBoolean(System.getProperty("rec4j.serve", "true"))) {
                String jfr = System.getProperty("rec4j.jfr"); // a flight recording of the serving stage only
                try (jdk.jfr.Recording recording = jfr == null ? null
                        : new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
                    if (recording != null) {
                        recording.setDestination(java.nio.file.Path.of(jfr));
                        recording.start();
                    }
                    p99 = serve(driver, users, !csv);
                }
            }
            return new Row(n, users, items, load, project.seconds, project.gcPeak - project.baseline, train.seconds,
                    train.collections > 0 ? train.gcPeak - train.baseline : -1, train.sampled > 0 ? train.sampledPeak - train.baseline : -1, estimate.get("bytesMax").asLong(), train.rssAfter.peakMib(), select, refit,
                    (int) picked, secondsPerEpoch, reached * secondsPerEpoch, best, write.seconds,
                    write.gcPeak - write.baseline, firstServe, p99[0], p99[1], Rss.loadAverage());
        }
    }

    /**
     * Serving as a user sets it up: an index on :User(userId), the model's vector index (rec.recommend.createIndex), the
     * index's recall@10 against exact ranking for overFetch 1 to 16, then top-10 latency of rec.recommend.forUser over Bolt for 1,000 random users, exact and from the index (overFetch 2, the procedures' default, or each of -Drec4j.overFetch=2,4; more indexes with -Drec4j.indexConfigs),
     * with 1 and 8 clients ({@link RecommendBenchmark#latency}). Returns the p99 of exact and index with 8 clients.
     */
    static double[] serve(Driver driver, int users, boolean userIndex) {
        if (userIndex) { // a CSV load made a uniqueness constraint (and its index) on :User(userId)
            RecommendBenchmark.run(driver, "CREATE INDEX curve_user IF NOT EXISTS FOR (u:User) ON (u.userId)");
        }
        RecommendBenchmark.run(driver, "CALL db.awaitIndexes(600)");
        // -Drec4j.indexConfigs='{}|{hnswEfConstruction: 100}' builds one index for each config and times each
        String[] configs = System.getProperty("rec4j.indexConfigs", "{}").split("\\|");
        // -Drec4j.overFetch=2,4 times each index at each (the p99 returned is the first config's at the first)
        int[] overFetch = java.util.Arrays.stream(System.getProperty("rec4j.overFetch", "2").split(","))
                .mapToInt(f -> Integer.parseInt(f.trim())).toArray();
        List<Integer> sample = new ArrayList<>();
        for (int u = 1; u <= users; u++) {
            sample.add(u);
        }
        java.util.Collections.shuffle(sample, new java.util.Random(5));
        List<Integer> many = sample.subList(0, Math.min(1_000, users));
        String exact = String.format(RecommendBenchmark.REC, "User", "userId", "Item", "itemId", ", candidates: 'exact'");
        for (int c = 0; c < configs.length; c++) {
            String name = c == 0 ? "rec4j_model_curve" : "curve_" + c;
            long t = System.nanoTime();
            Record index = EvaluateBenchmark.single(driver, "CALL rec.recommend.createIndex('curve', "
                    + configs[c].replaceFirst("^\\{\\s*", "{indexName: '" + name + "', ").replace(", }", "}") + ")");
            System.out.printf("rec.recommend.createIndex %s: %d vectors, %.1f s (online)%n", configs[c],
                    index.get("items").asLong(), (System.nanoTime() - t) / 1e9);
            RecommendBenchmark.indexRecall(driver, exact, String.format(RecommendBenchmark.REC, "User", "userId", "Item",
                    "itemId", ", candidates: 'index', indexName: '" + name + "', overFetch: $f"), "curve", many);
        }
        System.out.printf("Top-10 latency over Bolt (load %.2f)%n", Rss.loadAverage());
        RecommendBenchmark.latencyHeader();
        // -Drec4j.servingRounds=3 repeats the 8-client rows (exact, then each index) that many times: p99 with 8 clients
        // on 2 cores moves by several ms between runs, so the rounds give its spread; the median is returned
        int rounds = Integer.getInteger("rec4j.servingRounds", 1);
        double[] exactP99 = new double[rounds], indexP99 = new double[rounds];
        for (int clients : new int[] {1, 8}) {
            for (int r = 0; r < (clients == 1 ? 1 : rounds); r++) {
                exactP99[r] = RecommendBenchmark.latency(driver, "rec.recommend.forUser exact", exact,
                        Map.of("model", "curve"), many, clients)[1];
                indexP99[r] = indexLatency(driver, configs, overFetch, many, clients);
            }
        }
        double exactMedian = FusionCostBenchmark.median(exactP99), indexMedian = FusionCostBenchmark.median(indexP99);
        if (rounds > 1) {
            System.out.printf("p99 ms with 8 clients over %d rounds: exact %s, index %s (the first config at the first "
                    + "overFetch); medians %.1f and %.1f (load %.2f)%n", rounds, Arrays.toString(exactP99),
                    Arrays.toString(indexP99), exactMedian, indexMedian, Rss.loadAverage());
        }
        return new double[] {exactMedian, indexMedian};
    }

    /** Times each index at each overFetch, the first config at the first overFetch last; returns that one's p99. */
    private static double indexLatency(Driver driver, String[] configs, int[] overFetch, List<Integer> many, int clients) {
        double p99 = 0;
        for (int c = configs.length - 1; c >= 0; c--) {
            for (int f = overFetch.length - 1; f >= 0; f--) {
                String viaIndex = String.format(RecommendBenchmark.REC, "User", "userId", "Item", "itemId",
                        ", candidates: 'index', indexName: '" + (c == 0 ? "rec4j_model_curve" : "curve_" + c)
                        + "', overFetch: " + overFetch[f]);
                p99 = RecommendBenchmark.latency(driver, "rec.recommend.forUser index " + configs[c]
                        + " (overFetch " + overFetch[f] + ")", viaIndex, Map.of("model", "curve"), many, clients)[1];
            }
        }
        return p99;
    }

    /**
     * The load a user runs: the Cypher of docs/guide.md "Loading millions of interactions" as written (uniqueness
     * constraints on the keys, then users, items and interactions by key with LOAD CSV ... IN TRANSACTIONS), on CSV
     * files written into the import directory first (not timed). Run from the repository root.
     */
    static void loadCsv(Neo4jHarness neo4j, Driver driver, int users, int items, long[] pairs) throws java.io.IOException {
        long t = System.nanoTime();
        java.nio.file.Path dir = neo4j.importDir();
        writeKeys(dir.resolve("users.csv"), "userId", users);
        writeKeys(dir.resolve("items.csv"), "itemId", items);
        try (var w = Files.newBufferedWriter(dir.resolve("ratings.csv"))) {
            w.write("userId,itemId,rating\n");
            for (long p : pairs) {
                w.write(((p >>> 32) + 1) + "," + (((p >>> 8) & 0xFFFFFF) + 1) + "," + (p & 0xFF) + "\n");
            }
        }
        System.out.printf("CSV files written (not timed): %.1f s%n", (System.nanoTime() - t) / 1e9);
        String script = rec4j.demo.CypherScripts.markdownBlock(Files.readString(java.nio.file.Path.of("docs", "guide.md")),
                "Loading millions of interactions.");
        for (rec4j.demo.CypherScripts.Result r : rec4j.demo.CypherScripts.run(driver, "docs/guide.md", script)) {
            System.out.printf("  %.1f s  %s%n", r.millis() / 1e3, r.statement().text().replaceAll("\\s+", " "));
        }
    }

    /** A CSV file of one column, {@code header}, holding 1..count. */
    private static void writeKeys(java.nio.file.Path file, String header, int count) throws java.io.IOException {
        try (var w = Files.newBufferedWriter(file)) {
            w.write(header + "\n");
            for (int k = 1; k <= count; k++) {
                w.write(k + "\n");
            }
        }
    }

    static void print(List<Row> rows) {
        System.out.println();
        System.out.println("| interactions | users x items | load s | project s | train s | epochs (select + refit) | picked "
                + "| s / epoch | time to quality s | val. Recall@20 | write s | first serve ms | train heap peak MiB "
                + "| train live peak MiB | estimate MiB | RSS peak MiB | p99 ms exact, 8 clients | p99 ms index, 8 clients | load avg |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf("| %,d | %,d x %,d | %.1f | %.1f | %.1f | %d + %d | %d | %.2f | %.1f | %.4f | %.1f | %.0f | %s | %s | %,d "
                    + "| %,d | %.1f | %.1f | %.2f |%n", r.interactions(), r.users(), r.items(), r.load(), r.project(), r.train(),
                    r.selectEpochs(), r.refitEpochs(), r.picked(), r.secondsPerEpoch(), r.timeToQuality(), r.recall(),
                    r.write(), r.firstServeMs(), r.trainHeap() < 0 ? "-" : String.format("%,d", r.trainHeap() >> 20),
                    r.trainLive() < 0 ? "-" : String.format("%,d", r.trainLive() >> 20), r.estimate() >> 20, r.rssPeakMib(), r.exactP99Ms(), r.indexP99Ms(), r.loadAverage());
        }
    }

    static double exponent(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (Row r : rows) {
            double y = f.applyAsDouble(r);
            if (!(y > 0)) {
                continue;
            }
            double x = Math.log(r.interactions());
            sx += x;
            sy += Math.log(y);
            sxx += x * x;
            sxy += x * Math.log(y);
            m++;
        }
        return m < 2 ? Double.NaN : (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }
}
