package rec4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import rec4j.serving.ItemSpace;
import rec4j.serving.Ranker;

/**
 * Exact serving's top-10 over a whole catalog (random vectors, one random query per call), three ways in one process:
 * one dot product per item (the scoring before issue 13's serving change, the peer) and four item rows at a time over
 * every item ({@link ItemSpace#scores}), both over vectors stored by row, and what serving does now over a trained
 * model's space ({@link ItemSpace#ofModelRows}: vectors stored by norm): four rows at a time, scanned by norm until no
 * item left can enter the top k (Cauchy-Schwarz, see {@link Ranker#byQuery}). Two catalogs: every coordinate N(0, 1) (norms
 * within a few percent of each other: the bound prunes little) and each item scaled by 10^U(0, 1) (norms spread over
 * 10x, as popularity spreads trained embeddings). Each is timed as Ranker.top with no exclusions; prints milliseconds per
 * call (the best of the rounds), the ratio to the peer, whether the top 10 agree and the load average. (A column layout of
 * the item vectors was tried too: 0.79 ms against 0.97 ms, no faster than four rows inside top-k, and dropped.)
 *
 * <p>{@code java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.ScoringBenchmark [items 50000] [width 64]}
 */
public final class ScoringBenchmark {

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        for (boolean spread : new boolean[] {false, true}) {
            run(items, width, spread);
        }
    }

    private static void run(int items, int width, boolean spread) {
        Random random = new Random(7);
        float[] matrix = new float[items * width];
        for (int i = 0; i < items; i++) {
            double scale = spread ? Math.pow(10, random.nextDouble()) : 1;
            for (int c = 0; c < width; c++) {
                matrix[i * width + c] = (float) (scale * random.nextGaussian());
            }
        }
        long[] ids = java.util.stream.LongStream.range(0, items).toArray();
        ItemSpace asGiven = ItemSpace.ofItems(width, matrix, ids); // stored by row, as serving stored them before
        ItemSpace space = ItemSpace.ofModelRows(width, matrix, new long[0], ids); // as a trained model's now: by norm
        int calls = Math.max(20, 2_000_000 / items), rounds = 15;
        String[] names = {"one dot product per item (the peer)", "four rows at a time, every item (before)",
                "four rows, by norm until bounded (now)"};
        double[] best = new double[names.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        boolean same = true;
        for (int round = 0; round < rounds; round++) {
            float[][] queries = new float[calls][width];
            for (float[] query : queries) {
                for (int c = 0; c < width; c++) {
                    query[c] = (float) random.nextGaussian();
                }
            }
            // each way over all the round's queries in one block: two catalogs read in turn would evict each other
            List<List<Ranker.Ranked>> first = new ArrayList<>();
            for (int way = 0; way < names.length; way++) {
                long t = System.nanoTime();
                List<List<Ranker.Ranked>> tops = new ArrayList<>();
                for (float[] query : queries) {
                    Ranker.Scorer scorer = switch (way) {
                        case 0 -> row -> asGiven.score(query, row); // the default scores: one row at a time
                        case 1 -> Ranker.byQuery(asGiven, query, false);
                        default -> Ranker.byQuery(space, query, false);
                    };
                    tops.add(Ranker.top(items, scorer, 10, row -> true, null));
                }
                best[way] = Math.min(best[way], (System.nanoTime() - t) / 1e6 / calls);
                if (way == 0) {
                    first = tops;
                } else {
                    same &= tops.equals(first);
                }
            }
        }
        System.out.printf("top-10 of %,d items x %d, %s, best of %d rounds of %d calls, load %.2f:%n", items, width,
                spread ? "norms spread over 10x" : "N(0, 1) coordinates", rounds, calls, Rss.loadAverage());
        for (int way = 0; way < names.length; way++) {
            System.out.printf("  %s: %.3f ms (%.2fx)%n", names[way], best[way], best[0] / best[way]);
        }
        System.out.printf("  the same top 10 every call: %b%n", same);
    }
}
