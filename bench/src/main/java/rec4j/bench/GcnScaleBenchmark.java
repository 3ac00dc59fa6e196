package rec4j.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import rec4j.demo.DemoData;
import rec4j.gcn.GcnMemoryEstimate;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.Interactions;

/**
 * The GCN at scale: the generated demo catalog with 1,000,000 interactions (6,000 users, 4,000 items), graph only,
 * reference settings (3 layers, 64 dims, batch 2048). Reports seconds per epoch, the live heap of training (heap in
 * use after a full collection at the end of each epoch, when every training buffer exists, minus the same before
 * training) against rec.gcn.train.estimate's formula, and the off-heap memory (none for graph only: ND4J is used
 * only for text).
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
        GcnParameters p = new GcnParameters(64, 3, epochs, batchSize, 0.001, 1e-4, 1.0, 1, GcnParameters.Fusion.NONE, 0.0,
                Integer.MAX_VALUE, 5, 42L, Runtime.getRuntime().availableProcessors());
        long before = liveHeap();
        AtomicLong peak = new AtomicLong(before);
        System.out.printf("%,d users, %,d items, %,d interactions; %d epochs, batch %d, %d threads%n", users, items,
                data.interactionCount(), epochs, batchSize, p.concurrency());
        GcnTrainer.Result result = GcnTrainer.train(data, null, p,
                s -> {
                    System.out.printf("  epoch %d: loss %.4f, %.1f s%n", s.epoch(), s.loss(), s.millis() / 1000.0);
                    peak.accumulateAndGet(liveHeap(), Math::max);
                }, () -> false);
        long measured = peak.get() - before;
        // this run reads no GDS graph: compare with the estimate's training phase, the one measured here
        GcnMemoryEstimate.Estimate estimate = GcnMemoryEstimate.train(users + items, 2 * data.interactionCount(), 0, p, false);
        long comparable = estimate.components().get("phaseTrain");
        System.out.printf("seconds per epoch: %.1f (mean of %d)%n", result.epochs().stream().mapToLong(GcnTrainer.EpochStats::millis)
                .average().orElse(0) / 1000.0, result.epochs().size());
        System.out.printf("live heap of training: %,d bytes; estimate (training phase): %,d bytes "
                + "(%.0f %% of measured); full estimate %,d bytes %s%n", measured, comparable, 100.0 * comparable / measured,
                estimate.bytes(), estimate.components());
        System.out.println("off-heap: ND4J unused without text features (0 bytes)");
    }

    /** Heap in use right after a full collection: the live data. */
    static long liveHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
