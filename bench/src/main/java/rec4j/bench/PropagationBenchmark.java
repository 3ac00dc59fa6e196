package rec4j.bench;

import java.util.concurrent.ExecutorService;
import rec4j.gcn.Interactions;
import rec4j.gcn.NormalizedAdjacency;
import rec4j.numeric.Pools;

/**
 * One GCN propagation (64 columns) of a generated interaction graph, two ways in one process: every row gathering its
 * neighbours (the propagation before the bipartite split, the peer) and the bipartite one of {@link Interactions#adjacency()}
 * (the larger side gathers, the smaller side is pushed into). Prints seconds per propagation, the ratio, the largest
 * difference (0: the same floats) and the load average.
 *
 * <p>{@code java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.PropagationBenchmark [gen:200000:50000:10000000] [concurrency 2]}
 */
public final class PropagationBenchmark {

    public static void main(String[] args) throws Exception {
        ScaleData data = ScaleData.load(args.length > 0 ? args[0] : "gen:200000:50000:10000000");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int dim = 64, reps = 5;
        Interactions graph = Interactions.of(data.users(), data.items(), data.userOf(), data.itemOf(), null, null, 0);
        NormalizedAdjacency bipartite = graph.adjacency();
        NormalizedAdjacency gathering = new NormalizedAdjacency(bipartite.nodeCount(), bipartite.offsets(),
                bipartite.targets(), bipartite.weights(), 0);
        float[] x = new float[bipartite.nodeCount() * dim];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] y1 = new float[x.length], y2 = new float[x.length];
        ExecutorService pool = threads > 1 ? Pools.daemon(threads, "propagation") : null;
        try {
            double gather = 0, push = 0, diff = 0;
            for (int rep = 0; rep <= reps; rep++) { // rep 0 warms up
                long t0 = System.nanoTime();
                gathering.propagate(x, y1, dim, pool, threads);
                long t1 = System.nanoTime();
                bipartite.propagate(x, y2, dim, pool, threads);
                long t2 = System.nanoTime();
                if (rep > 0) {
                    gather += (t1 - t0) / 1e9 / reps;
                    push += (t2 - t1) / 1e9 / reps;
                }
                for (int i = 0; i < x.length; i++) {
                    diff = Math.max(diff, Math.abs(y1[i] - y2[i]));
                }
            }
            System.out.printf("%s, concurrency %d, %d columns, mean of %d%n", data.name(), threads, dim, reps);
            System.out.printf("gather every row %.3f s, bipartite %.3f s: %.2fx faster; largest difference %.1e; load %.2f%n",
                    gather, push, gather / push, diff, Rss.loadAverage());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
