package rec4j.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import rec4j.demo.DemoData;
import rec4j.testsupport.Neo4jHarness;

/**
 * The GCN at scale through the procedures, in an in-process Neo4j: the generated demo catalog (GcnScaleBenchmark's
 * generator; 1,000,000 interactions, 6,000 users, 4,000 items, rating as weight) loaded with batched UNWIND CREATE,
 * projected undirected with gds.graph.project, then rec.gcn.train.estimate against rec.gcn.train, and
 * rec.gcn.write.estimate against rec.gcn.write.
 *
 * <p>Heap is measured two ways around each call, both relative to a baseline taken after a full collection just
 * before the call (Neo4j, GDS's graph and everything else alive at that point):
 * <ul>
 *   <li><b>after-GC peak</b>: the largest heap occupancy right after any collection during the call, from the JVM's
 *       GC notifications (forced collections left out). After a young collection the old generation may still hold garbage, so this is an upper
 *       bound of the live peak (exact when the peak is reached in the young generation or a full collection runs).
 *   <li><b>sampled live peak</b> (with a sampling period > 0): a thread forcing a full collection every period and
 *       reading the heap used right after it; the largest value is a lower bound of the live peak (it can miss a
 *       short phase). It slows the call; time the speed without it.
 * </ul>
 * Off-heap: the JDK's direct and mapped buffer pools, and the process RSS (peak reset through /proc/self/clear_refs
 * before the call; Neo4j's page cache and GDS's native parts count in it too).
 *
 * <pre>
 *   java -Xmx8g -Djol.skipHotspotSAAttach=true -cp "bench/target/classes:bench/target/lib/*" \
 *       rec4j.bench.GcnProcedureScaleBenchmark [interactions] [epochs] [batchSize] [samplePeriodMillis] [epochs2 batchSize2 ...]
 * </pre>
 * Every further (epochs, batchSize) pair trains again (as rec.gcn.stats, nothing registered) without the sampler,
 * for the speed at that batch size. rec.gcn.write runs twice (batchSize 10,000: one transaction; 1,000) with the sampler
 * forcing a collection every 20 ms. {@code -Drec4j.histogram=true} (diagnostic) writes with batchSize 100 only and prints
 * the classes that grew between the baseline and the sampled peak (jcmd GC.class_histogram).
 */
public final class GcnProcedureScaleBenchmark {

    public static void main(String[] args) throws Exception {
        System.setProperty("jol.skipHotspotSAAttach", "true");
        int interactions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 16384;
        long sampleMillis = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        try (Neo4jHarness neo4j = startWithCatalog("rec4j-gcn-scale", interactions, 512L << 20,
                GcnProcedureScaleBenchmark::load)) {
            Driver driver = neo4j.driver();
            long t = System.nanoTime();
            Record projected = EvaluateBenchmark.single(driver, "CALL gds.graph.project('scale', ['User', 'Item'], {RATED: {orientation: "
                    + "'UNDIRECTED', properties: 'rating'}}) YIELD nodeCount, relationshipCount RETURN *");
            System.out.printf("gds.graph.project: %,d nodes, %,d relationships in %.1f s%n",
                    projected.get("nodeCount").asLong(), projected.get("relationshipCount").asLong(), (System.nanoTime() - t) / 1e9);

            String config = "modelName: 'scale', nodeLabels: ['User', 'Item'], relationshipWeightProperty: 'rating', "
                    + "embeddingDimension: 64, layers: 3, epochs: %d, batchSize: %d, learningRate: 0.001, l2: 1e-4, "
                    + "validationFraction: 0.0, randomSeed: 42, concurrency: 2";
            String trainConfig = String.format(config, epochs, batchSize);
            Record estimate = EvaluateBenchmark.single(driver, "CALL rec.gcn.train.estimate('scale', {" + trainConfig + "})");
            Measurement m = Measurement.around(sampleMillis, () -> EvaluateBenchmark.single(driver, "CALL rec.gcn.train('scale', {" + trainConfig + "})"));
            report("rec.gcn.train (" + epochs + " epochs, batch " + batchSize + ")", estimate, m);
            List<Value> rows = m.result.get("epochs").asList(v -> v);
            for (Value row : rows) {
                System.out.printf("  epoch %d: loss %.4f%n", row.get("epoch").asLong(), row.get("loss").asDouble());
            }
            System.out.printf("  trainMillis %,d: %.1f s per epoch (includes building the adjacency); wall time of the call %.1f s%n",
                    m.result.get("trainMillis").asLong(), m.result.get("trainMillis").asLong() / 1000.0 / rows.size(), m.seconds);

            // the write is short: the sampler forces a full collection every 20 ms (the writer runs in between)
            for (int writeBatch : Boolean.getBoolean("rec4j.histogram") ? new int[] {100} : new int[] {10_000, 1_000}) {
                String writeConfig = "{writeProperty: 'gcnEmbedding" + writeBatch + "', batchSize: " + writeBatch + "}";
                Record writeEstimate = EvaluateBenchmark.single(driver, "CALL rec.gcn.write.estimate('scale', " + writeConfig + ")");
                Measurement w = Measurement.around(sampleMillis > 0 ? 20 : 0,
                        () -> EvaluateBenchmark.single(driver, "CALL rec.gcn.write('scale', " + writeConfig + ")"));
                report("rec.gcn.write (batchSize " + writeBatch + ", model in memory)", writeEstimate, w);
                System.out.printf("  %,d properties in %,d transactions, %.1f s%n", w.result.get("nodePropertiesWritten").asLong(),
                        w.result.get("committedBatches").asLong(), w.result.get("writeMillis").asLong() / 1000.0);
            }

            for (int a = 4; a + 1 < args.length; a += 2) {
                String speed = String.format(config, Integer.parseInt(args[a]), Integer.parseInt(args[a + 1]))
                        .replace("modelName: 'scale', ", "");
                long s = System.nanoTime();
                Record stats = EvaluateBenchmark.single(driver, "CALL rec.gcn.stats('scale', {" + speed + "}) YIELD trainMillis, epochs RETURN *");
                int n = stats.get("epochs").size();
                System.out.printf("rec.gcn.stats, %d epochs at batch %s: trainMillis %,d = %.1f s per epoch (call %.1f s)%n", n,
                        args[a + 1], stats.get("trainMillis").asLong(), stats.get("trainMillis").asLong() / 1000.0 / n,
                        (System.nanoTime() - s) / 1e9);
            }
        }
    }

    /** Puts the packed interactions ({@link #packedRatings}) of {@code users} users and {@code items} items into a database. */
    interface Loader {
        void load(GraphDatabaseService db, int users, int items, long[] pairs);
    }

    /**
     * A fresh in-process Neo4j in a temporary directory (page cache {@code pageCacheBytes}) holding the demo catalog
     * scaled to {@code interactions} (seed 42), put in by {@code loader}; prints the counts and the loading time. The
     * catalog itself is garbage once its interactions are packed.
     */
    static Neo4jHarness startWithCatalog(String tempPrefix, int interactions, long pageCacheBytes, Loader loader)
            throws IOException {
        DemoData.Catalog catalog = DemoData.generate(DemoData.Params.scaledTo(interactions, 42));
        int users = catalog.users().size(), items = catalog.items().size();
        long[] pairs = packedRatings(catalog);
        catalog = null;
        Neo4jHarness neo4j = Neo4jHarness.start(Files.createTempDirectory(tempPrefix),
                b -> b.withConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes));
        try {
            long t = System.nanoTime();
            loader.load(neo4j.db(), users, items, pairs);
            System.out.printf("loaded %,d users, %,d items, %,d interactions in %.1f s%n", users, items,
                    EvaluateBenchmark.single(neo4j.driver(), "MATCH ()-[r]->() RETURN count(r) AS c").get("c").asLong(),
                    (System.nanoTime() - t) / 1e9);
            return neo4j;
        } catch (RuntimeException | Error e) {
            neo4j.close();
            throw e;
        }
    }

    /** Users and items with batched UNWIND CREATE; interactions by node id, 50,000 per transaction. */
    static void load(GraphDatabaseService db, int users, int items, long[] pairs) {
        long[] userIds = create(db, "User", "userId", users);
        long[] itemIds = create(db, "Item", "itemId", items);
        for (int from = 0; from < pairs.length; from += 50_000) {
            List<List<Long>> rows = new ArrayList<>();
            for (int k = from; k < Math.min(pairs.length, from + 50_000); k++) {
                long p = pairs[k];
                rows.add(List.of(userIds[(int) (p >>> 32)], itemIds[(int) ((p >>> 8) & 0xFFFFFF)], p & 0xFF));
            }
            db.executeTransactionally("UNWIND $rows AS r MATCH (u) WHERE id(u) = r[0] MATCH (i) WHERE id(i) = r[1] "
                    + "CREATE (u)-[:RATED {rating: r[2]}]->(i)", Map.of("rows", rows));
        }
    }

    /** The catalog's ratings as (user index << 32) | (item index << 8) | rating, indexes from 0. */
    static long[] packedRatings(DemoData.Catalog catalog) {
        long[] pairs = new long[catalog.ratings().size()];
        for (int k = 0; k < pairs.length; k++) {
            DemoData.Rating r = catalog.ratings().get(k);
            pairs[k] = ((long) (r.userId() - 1) << 32) | ((long) (r.itemId() - 1) << 8) | r.rating();
        }
        return pairs;
    }

    /** {@code count} nodes with {@code key} 1..count, in one transaction; their node ids by index. */
    static long[] create(GraphDatabaseService db, String label, String key, int count) {
        long[] ids = new long[count];
        try (Transaction tx = db.beginTx()) {
            tx.execute("UNWIND range(0, $n - 1) AS k CREATE (x:" + label + " {" + key + ": k + 1}) RETURN k, id(x) AS id",
                    Map.of("n", count)).forEachRemaining(r -> ids[((Number) r.get("k")).intValue()] = (Long) r.get("id"));
            tx.commit();
        }
        return ids;
    }

    static void report(String title, Record estimate, Measurement m) {
        long bytes = estimate.get("bytesMax").asLong();
        System.out.printf("%n%s%n", title);
        System.out.printf("  estimate: %,d bytes (%s) %s%n", bytes, estimate.get("requiredMemory").asString(),
                estimate.get("mapView").asMap());
        System.out.printf("  heap baseline (after full GC): %,d bytes; after the call (after full GC): %,d (+%,d retained)%n",
                m.baseline, m.afterCall, m.afterCall - m.baseline);
        if (m.collections > 0) {
            long gcPeak = m.gcPeak - m.baseline;
            System.out.printf("  after-GC peak over baseline: %,d bytes over %d collections (not forced) -> estimate is %.0f %% of it%n",
                    gcPeak, m.collections, 100.0 * bytes / gcPeak);
        } else {
            System.out.println("  after-GC peak: no collection ran during the call");
        }
        if (m.sampled > 0) {
            long live = m.sampledPeak - m.baseline;
            System.out.printf("  sampled live peak over baseline: %,d bytes (%d forced full GCs) -> estimate is %.0f %% of it%n",
                    live, m.sampled, 100.0 * bytes / live);
        }
        if (m.histogram != null) {
            System.out.println("  histogram at the sampled peak, classes grown by > 100 kB over the baseline:");
            Map<String, long[]> base = parseHistogram(m.baseHistogram), peak = parseHistogram(m.histogram);
            peak.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).forEach(e -> {
                long[] b = base.getOrDefault(e.getKey(), new long[2]);
                if (e.getValue()[1] - b[1] > 100_000) {
                    System.out.printf("    %,12d bytes %,9d instances %s%n", e.getValue()[1] - b[1], e.getValue()[0] - b[0], e.getKey());
                }
            });
        }
        System.out.printf("  off-heap: direct buffers %,d -> peak %,d bytes, mapped %,d bytes; RSS before %d MiB, peak during %d MiB%n",
                m.directBefore, m.directPeak, m.mapped, m.rssBefore.currentMib(), m.rssAfter.peakMib());
    }

    static Map<String, long[]> parseHistogram(String text) {
        Map<String, long[]> out = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return out;
    }

    /** Heap and off-heap around one call; see the class comment. */
    static final class Measurement {
        Record result;
        long baseline, afterCall, gcPeak, sampledPeak, sampled, collections, directBefore, directPeak, mapped;
        double seconds;
        Rss rssBefore, rssAfter;
        String histogram, baseHistogram;

        interface Call {
            Record run() throws Exception;
        }

        static Measurement around(long sampleMillis, Call call) throws Exception {
            Measurement m = new Measurement();
            Set<String> heapPools = new HashSet<>();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    heapPools.add(pool.getName());
                }
            }
            AtomicLong gcPeak = new AtomicLong(), collections = new AtomicLong();
            NotificationListener listener = (notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                if (info.getGcCause().equals("System.gc()")) {
                    return; // the sampler's own collections
                }
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                gcPeak.accumulateAndGet(used, Math::max);
                collections.incrementAndGet();
            };
            m.baseline = liveHeap();
            if (Boolean.getBoolean("rec4j.histogram")) {
                m.baseHistogram = histogram();
            }
            m.directBefore = direct();
            m.rssBefore = Rss.now();
            resetPeakRss();
            List<NotificationEmitter> emitters = new ArrayList<>();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(listener, null, null);
                    emitters.add(emitter);
                }
            }
            AtomicLong sampledPeak = new AtomicLong(m.baseline), samples = new AtomicLong(), directPeak = new AtomicLong(m.directBefore);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    try {
                        Thread.sleep(sampleMillis > 0 ? sampleMillis : 200);
                    } catch (InterruptedException e) {
                        return;
                    }
                    directPeak.accumulateAndGet(direct(), Math::max);
                    if (sampleMillis > 0 && running.get()) {
                        long live = liveHeap();
                        if (live > sampledPeak.get() && Boolean.getBoolean("rec4j.histogram")) {
                            m.histogram = histogram();
                        }
                        sampledPeak.accumulateAndGet(live, Math::max);
                        samples.incrementAndGet();
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            long start = System.nanoTime();
            sampler.start();
            try {
                m.result = call.run();
            } finally {
                running.set(false);
                sampler.interrupt();
                sampler.join();
            }
            m.seconds = (System.nanoTime() - start) / 1e9;
            m.rssAfter = Rss.now();
            for (NotificationEmitter emitter : emitters) {
                emitter.removeNotificationListener(listener);
            }
            m.afterCall = liveHeap();
            m.gcPeak = gcPeak.get();
            m.collections = collections.get();
            m.sampledPeak = sampledPeak.get();
            m.sampled = samples.get();
            m.directPeak = directPeak.get();
            m.mapped = pool("mapped");
            return m;
        }

    }

    /** Diagnostic (-Drec4j.histogram=true): the live-object histogram of this JVM through jcmd. */
    static String histogram() {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes());
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long direct() {
        return pool("direct");
    }

    static long pool(String name) {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals(name)) {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }

    /** Resets VmHWM (Linux: writing 5 to clear_refs), so that the peak RSS read afterwards is the call's. */
    static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (Exception e) {
            // not Linux or not allowed: the peak then covers the whole process life
        }
    }
}
