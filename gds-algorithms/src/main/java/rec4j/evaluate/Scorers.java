package rec4j.evaluate;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/** The methods {@link OfflineEvaluation} ranks with: a model's dot products, and the popularity and item-kNN baselines (EASE's is EaseFit#scorer). */
public final class Scorers {

    private Scorers() {}

    /** Dot product of embedding rows; {@code userRow[u]} / {@code itemRow[i]} the row of a user / item, -1 when absent (NaN). */
    public static OfflineEvaluation.Scorer dotProduct(float[] embeddings, int width, int[] userRow, int[] itemRow) {
        return (u, scores) -> {
            int ur = userRow[u];
            for (int i = 0; i < scores.length; i++) {
                int ir = itemRow[i];
                if (ur < 0 || ir < 0) {
                    scores[i] = Float.NaN;
                    continue;
                }
                float s = 0;
                for (int c = 0; c < width; c++) {
                    s += embeddings[ur * width + c] * embeddings[ir * width + c];
                }
                scores[i] = s;
            }
        };
    }

    /** Dot products of a model's user and item rows ({@code userRow[u]} / {@code itemRow[i]}: -1 when absent, NaN). */
    public static OfflineEvaluation.Scorer dotProduct(rec4j.serving.ItemSpace space, int[] userRow, int[] itemRow) {
        return (u, scores) -> {
            float[] query = userRow[u] < 0 ? null : space.userVector(userRow[u]);
            for (int i = 0; i < scores.length; i++) {
                scores[i] = query == null || itemRow[i] < 0 ? Float.NaN : space.score(query, itemRow[i]);
            }
        };
    }

    /** The weight an item-item model gives item {@code item} for a user who has item {@code via} (EASE: B[via][item]). */
    public interface ItemWeights {
        float weight(int via, int item);
    }

    /**
     * An item-item model over its own item rows: score(u, i) = sum of {@code weights(row(j), row(i))} over the user's
     * training items j the model has a row for; NaN for an item without a row ({@code itemRow[i]} -1).
     */
    public static OfflineEvaluation.Scorer itemItem(ItemWeights weights, int[] itemRow, OfflineEvaluation.Input in) {
        return (u, scores) -> {
            int[] via = java.util.Arrays.stream(in.train()[u]).map(j -> itemRow[j]).filter(r -> r >= 0).toArray();
            for (int i = 0; i < scores.length; i++) {
                if (itemRow[i] < 0) {
                    scores[i] = Float.NaN;
                    continue;
                }
                float s = 0;
                for (int r : via) {
                    s += weights.weight(r, itemRow[i]);
                }
                scores[i] = s;
            }
        };
    }

    /** Popularity: the item's number of training interactions, the same list for everyone. */
    public static OfflineEvaluation.Scorer popularity(OfflineEvaluation.Input in) {
        int[] counts = in.trainCounts();
        return (u, scores) -> {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = counts[i];
            }
        };
    }

    /**
     * Item-kNN on the binary training matrix: sim(i, j) = |users of i and j| / sqrt(|users of i| |users of j|) (cosine of
     * the item columns); each item i keeps its {@code neighbours} most similar items N(i) (ties to the lower index; 0
     * keeps all); score(u, i) = sum of sim(i, j) over the user's training items j in N(i).
     */
    public static OfflineEvaluation.Scorer itemKnn(OfflineEvaluation.Input in, int neighbours, int concurrency) {
        return itemKnn(in, neighbours, concurrency, () -> false);
    }

    /** As above, checking {@code terminated} every 64 items (a {@link java.util.concurrent.CancellationException} ends it). */
    public static OfflineEvaluation.Scorer itemKnn(OfflineEvaluation.Input in, int neighbours, int concurrency, java.util.function.BooleanSupplier terminated) {
        int items = in.items();
        int[][] usersOf = usersOfItems(in);
        int[][] nbr = new int[items][];
        float[][] sim = new float[items][];
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, concurrency));
        try {
            pool.submit(() -> IntStream.range(0, items).parallel().forEach(i -> {
                if (i % 64 == 0 && terminated.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("evaluation terminated");
                }
                int[] co = new int[items];
                for (int u : usersOf[i]) {
                    for (int j : in.train()[u]) {
                        co[j]++;
                    }
                }
                co[i] = 0;
                float[] s = new float[items];
                int nonZero = 0;
                for (int j = 0; j < items; j++) {
                    if (co[j] > 0) {
                        s[j] = (float) (co[j] / Math.sqrt((double) usersOf[i].length * usersOf[j].length));
                        nonZero++;
                    } else {
                        s[j] = Float.NaN;
                    }
                }
                int keep = neighbours == 0 ? nonZero : Math.min(neighbours, nonZero);
                int[] best = ListMetrics.topK(s, null, new int[0], keep);
                nbr[i] = best;
                sim[i] = new float[best.length];
                for (int r = 0; r < best.length; r++) {
                    sim[i][r] = s[best[r]];
                }
            })).join();
        } finally {
            pool.shutdown();
        }
        return (u, scores) -> {
            boolean[] mine = new boolean[items];
            for (int j : in.train()[u]) {
                mine[j] = true;
            }
            for (int i = 0; i < items; i++) {
                float s = 0;
                for (int r = 0; r < nbr[i].length; r++) {
                    if (mine[nbr[i][r]]) {
                        s += sim[i][r];
                    }
                }
                scores[i] = s;
            }
        };
    }

    /** Per item, the users with it among their training items (ascending). */
    public static int[][] usersOfItems(OfflineEvaluation.Input in) {
        int[] counts = in.trainCounts();
        int[][] usersOf = new int[in.items()][];
        for (int i = 0; i < in.items(); i++) {
            usersOf[i] = new int[counts[i]];
        }
        int[] fill = new int[in.items()];
        for (int u = 0; u < in.users(); u++) {
            for (int i : in.train()[u]) {
                usersOf[i][fill[i]++] = u;
            }
        }
        return usersOf;
    }
}
