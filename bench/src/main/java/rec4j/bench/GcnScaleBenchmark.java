package rec4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;
import rec4j.demo.DemoData;
import rec4j.gcn.GcnMemoryEstimate;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.Interactions;

/**
 * The GCN at scale: the generated demo catalog with 1,000,000 interactions (6,000 users, 4,000 items), graph only,
 * reference settings (3 layers, 64 dims, batch 2048). Reports seconds per epoch, the peak live heap of training
 * (the largest heap in use right after a garbage collection, minus the heap before training) against
 * rec.gcn.train.estimate's formula, and the off-heap memory (none for graph only: ND4J is used only for text).
 *
 * <pre>
 *   java -Xmx8g -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.GcnScaleBenchmark [interactions] [epochs] [batchSize]
 * </pre>
 */
public final class GcnScaleBenchmark {

    public static void main(String[] args) throws Exception {
        int interactions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
        DemoData.Catalog catalog = DemoData.generate(DemoData.Params.scaledTo(interactions, 42));
        int users = catalog.users().size(), items = catalog.items().size();
        int[] u = catalog.ratings().stream().mapToInt(r -> r.userId() - 1).toArray();
        int[] i = catalog.ratings().stream().mapToInt(r -> r.itemId() - 1).toArray();
        float[] w = new float[u.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = catalog.ratings().get(k).rating();
        }
        catalog = null;
        Interactions data = Interactions.of(users, items, u, i, w, null, 0);
        u = null;
        i = null;
        w = null;
        GcnParameters p = new GcnParameters(64, 3, epochs, batchSize, 0.001, 1e-4, 1, GcnParameters.Fusion.NONE, 0.0,
                Integer.MAX_VALUE, 5, 42L, Runtime.getRuntime().availableProcessors());
        System.gc();
        long before = liveHeap();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(liveHeap(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        System.out.printf("%,d users, %,d items, %,d interactions; %d epochs, batch %d, %d threads%n", users, items,
                data.interactionCount(), epochs, batchSize, p.concurrency());
        GcnTrainer.Result result = GcnTrainer.train(data, null, p,
                s -> System.out.printf("  epoch %d: loss %.4f, %.1f s%n", s.epoch(), s.loss(), s.millis() / 1000.0), () -> false);
        sampler.interrupt();
        long measured = peak.get() - before;
        // the estimate also counts what the procedure reads from GDS, which this run does not hold: compare like with like
        GcnMemoryEstimate.Estimate estimate = GcnMemoryEstimate.train(users + items, 2 * data.interactionCount(), 0, p, false);
        long comparable = estimate.bytes() - estimate.components().get("readFromGds");
        System.out.printf("seconds per epoch: %.1f (mean of %d)%n", result.epochs().stream().mapToLong(GcnTrainer.EpochStats::millis)
                .average().orElse(0) / 1000.0, result.epochs().size());
        System.out.printf("peak live heap of training: %,d bytes; estimate (without the GDS reading buffers): %,d bytes "
                + "(%.0f %% of measured); full estimate %,d bytes %s%n", measured, comparable, 100.0 * comparable / measured,
                estimate.bytes(), estimate.components());
        System.out.println("off-heap: ND4J unused without text features (0 bytes)");
    }

    /** Heap in use after the last collection of each heap pool: a lower bound of live data, free of garbage. */
    static long liveHeap() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }
}
