package rec4j.bench;

import java.util.Random;
import rec4j.serving.ItemSpace;
import rec4j.serving.Ranker;

/**
 * Exact serving's top-10 over a whole catalog (random vectors, one random query per call), two ways in one process:
 * one dot product per item (the scoring before issue 13's serving change, the peer) and four item rows at a time
 * ({@link ItemSpace#scores} through {@link Ranker#byQuery}, what serving uses now). Each is timed as Ranker.top with
 * no exclusions; prints milliseconds per call (the best of the rounds), the ratio to the peer, whether the top 10 agree
 * (the scores are the same floats) and the load average. (A column layout of the item vectors, one array per column
 * scored a column at a time over blocks of 1,024 items, was tried here too: 0.79 ms against 0.97 ms, no faster than
 * four rows inside top-k, and dropped.)
 *
 * <p>{@code java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.ScoringBenchmark [items 50000] [width 64]}
 */
public final class ScoringBenchmark {

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Random random = new Random(7);
        float[] matrix = new float[items * width];
        for (int v = 0; v < matrix.length; v++) {
            matrix[v] = (float) random.nextGaussian();
        }
        ItemSpace space = ItemSpace.ofItems(width, matrix, java.util.stream.LongStream.range(0, items).toArray());
        int calls = Math.max(20, 2_000_000 / items), rounds = 15;
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        boolean same = true;
        for (int round = 0; round < rounds; round++) {
            long[] nanos = new long[2];
            for (int call = 0; call < calls; call++) {
                float[] query = new float[width];
                for (int c = 0; c < width; c++) {
                    query[c] = (float) random.nextGaussian();
                }
                Ranker.Scorer byQuery = Ranker.byQuery(space, query, false);
                Ranker.Scorer oneByOne = row -> space.score(query, row); // the default scores: one row at a time
                java.util.List<java.util.List<Ranker.Ranked>> tops = new java.util.ArrayList<>();
                Ranker.Scorer[] ways = {oneByOne, byQuery};
                for (int way = 0; way < ways.length; way++) {
                    long t = System.nanoTime();
                    tops.add(Ranker.top(items, ways[way], 10, row -> true, null));
                    nanos[way] += System.nanoTime() - t;
                }
                same &= tops.get(0).equals(tops.get(1));
            }
            for (int way = 0; way < 2; way++) {
                best[way] = Math.min(best[way], nanos[way] / 1e6 / calls);
            }
        }
        System.out.printf("top-10 of %,d items x %d, best of %d rounds of %d calls, load %.2f:%n", items, width, rounds,
                calls, Rss.loadAverage());
        System.out.printf("  one dot product per item (the peer): %.3f ms%n", best[0]);
        System.out.printf("  four rows at a time (Ranker.top now): %.3f ms (%.2fx)%n", best[1], best[0] / best[1]);
        System.out.printf("  the same top 10 every call: %b%n", same);
    }
}
