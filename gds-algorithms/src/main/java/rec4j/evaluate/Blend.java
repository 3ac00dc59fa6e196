package rec4j.evaluate;

import java.util.Arrays;

/**
 * A hybrid of two scorers: per user, each method's scores are standardised over the items it scores (z-scores: minus
 * their mean, over their standard deviation; NaN stays NaN and is left out), then mixed as
 * {@code weight * a + (1 - weight) * b}. An item one method cannot score gets the other's z-score alone. The weight
 * is picked on a validation split by {@link #pickWeight}.
 */
public final class Blend {

    /** The weights {@link #pickWeight} tries: 0, 0.1, ..., 1. */
    public static final double[] GRID = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};

    private Blend() {}

    /** The blended scorer; {@code weight} in [0, 1] is the share of {@code a}. */
    public static OfflineEvaluation.Scorer of(OfflineEvaluation.Scorer a, OfflineEvaluation.Scorer b, double weight) {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("the blend weight must be in [0, 1], got " + weight);
        }
        return (u, scores) -> {
            float[] other = new float[scores.length];
            a.score(u, scores);
            b.score(u, other);
            mix(scores, other, weight);
        };
    }

    /**
     * Reciprocal-rank fusion: {@code weight / (k + rank_a) + (1 - weight) / (k + rank_b)}, ranks from 1 over the items
     * each method scores (NaN: no rank, no term); {@code k} 60 as in Cormack et al. 2009.
     */
    public static OfflineEvaluation.Scorer ranks(OfflineEvaluation.Scorer a, OfflineEvaluation.Scorer b, double weight) {
        return (u, scores) -> {
            float[] other = new float[scores.length];
            a.score(u, scores);
            b.score(u, other);
            float[] ra = reciprocalRanks(scores), rb = reciprocalRanks(other);
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (float) (weight * ra[i] + (1 - weight) * rb[i]);
            }
        };
    }

    private static float[] reciprocalRanks(float[] s) {
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Float.isNaN(s[x]) ? (Float.isNaN(s[y]) ? 0 : 1) : Float.isNaN(s[y]) ? -1
                : Float.compare(s[y], s[x]));
        float[] r = new float[s.length];
        for (int rank = 0; rank < order.length; rank++) {
            r[order[rank]] = Float.isNaN(s[order[rank]]) ? 0f : 1f / (60 + rank + 1);
        }
        return r;
    }

    /** {@code into = weight * z(into) + (1 - weight) * z(other)}, in place. */
    public static void mix(float[] into, float[] other, double weight) {
        standardise(into);
        standardise(other);
        for (int i = 0; i < into.length; i++) {
            boolean hasA = !Float.isNaN(into[i]), hasB = !Float.isNaN(other[i]);
            if (hasA && hasB) {
                into[i] = (float) (weight * into[i] + (1 - weight) * other[i]);
            } else if (hasB) {
                into[i] = other[i];
            }
        }
    }

    /** Scores minus their mean over their standard deviation (1 when all are equal), NaN left alone. */
    public static void standardise(float[] s) {
        double sum = 0, squares = 0;
        int n = 0;
        for (float v : s) {
            if (!Float.isNaN(v)) {
                sum += v;
                squares += (double) v * v;
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, squares / n - mean * mean));
        double scale = sd > 1e-12 ? 1 / sd : 1;
        for (int i = 0; i < s.length; i++) {
            if (!Float.isNaN(s[i])) {
                s[i] = (float) ((s[i] - mean) * scale);
            }
        }
    }

    /** The weight and its validation metrics: Recall@k and NDCG@k for every weight tried, in {@link #GRID} order. */
    public record Pick(double weight, double recall, double ndcg, double[] recalls, double[] ndcgs) {}

    /**
     * Tries every weight of {@link #GRID} on {@code validation} (an {@link OfflineEvaluation.Input} whose test lists
     * are the held-out validation items) and keeps the one with the best Recall@k + NDCG@k (ties: the lower weight).
     */
    public static Pick pickWeight(OfflineEvaluation.Input validation, OfflineEvaluation.Scorer a, OfflineEvaluation.Scorer b,
            int k, int concurrency) {
        return pickWeight(validation, a, b, k, concurrency, false);
    }

    /** As above; {@code byRank}: reciprocal-rank fusion ({@link #ranks}) instead of z-scores. */
    public static Pick pickWeight(OfflineEvaluation.Input validation, OfflineEvaluation.Scorer a, OfflineEvaluation.Scorer b,
            int k, int concurrency, boolean byRank) {
        double[] recalls = new double[GRID.length], ndcgs = new double[GRID.length];
        int best = 0;
        for (int g = 0; g < GRID.length; g++) {
            OfflineEvaluation.Row row = OfflineEvaluation.evaluate(validation, "blend",
                    byRank ? ranks(a, b, GRID[g]) : of(a, b, GRID[g]), new int[] {k},
                    concurrency).get(0);
            recalls[g] = row.recall();
            ndcgs[g] = row.ndcg();
            if (recalls[g] + ndcgs[g] > recalls[best] + ndcgs[best]) {
                best = g;
            }
        }
        return new Pick(GRID[best], recalls[best], ndcgs[best], Arrays.copyOf(recalls, recalls.length),
                Arrays.copyOf(ndcgs, ndcgs.length));
    }
}
