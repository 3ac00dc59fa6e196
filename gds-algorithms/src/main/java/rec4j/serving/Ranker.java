package rec4j.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/** Exact top-k over a model's items, and MMR re-ranking for diversity. */
public final class Ranker {

    /** An item row and its score. */
    public record Ranked(int row, float score) {}

    private Ranker() {}

    /** A score per item row. */
    @FunctionalInterface
    public interface Scorer {
        float score(int row);

        /** The scores of the first n rows, {@code out[i] = score(rows[i])}; a scorer may compute several at once. */
        default void scores(int[] rows, int n, float[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = score(rows[i]);
            }
        }

        /**
         * The rows in an order in which {@link #upperBound} never increases, or null when the scorer knows no bound
         * (then every eligible row is scored).
         */
        default int[] boundOrder() {
            return null;
        }

        /** A value no score of the row exceeds (as computed, rounding included); read only with a bound order. */
        default double upperBound(int row) {
            return Double.POSITIVE_INFINITY;
        }

        /** The scores of the rows {@code boundOrder()[from .. from + n)} into {@code out[0 .. n)}. */
        default void scoresInOrder(int from, int n, float[] out) {
            int[] order = boundOrder();
            for (int i = 0; i < n; i++) {
                out[i] = score(order[from + i]);
            }
        }
    }

    /**
     * Scores by the dot product with the query; {@code cosine} divides each by the item's norm. Many rows are scored
     * together ({@link ItemSpace#scores}), with the same floats as one at a time. A space that stores its items by norm
     * is scanned in that order; dot products are bounded by the query's norm times the item's
     * ({@link ItemSpace#boundFactor}), so exact top-k stops where no item left can enter (cosine scores: no bound, the
     * order only reads memory in sequence).
     */
    public static Scorer byQuery(ItemSpace model, float[] query, boolean cosine) {
        // + width smallest normal floats: what underflowing products may add beyond the relative bound
        double factor = model.boundFactor(query), slack = model.width() * (double) Float.MIN_NORMAL;
        return new Scorer() {
            @Override
            public float score(int row) {
                return cosine ? byNorm(model.score(query, row), row) : model.score(query, row);
            }

            @Override
            public void scores(int[] rows, int n, float[] out) {
                model.scores(query, rows, n, out);
                if (cosine) {
                    for (int i = 0; i < n; i++) {
                        out[i] = byNorm(out[i], rows[i]);
                    }
                }
            }

            @Override
            public int[] boundOrder() {
                return model.rowsByNorm(); // null unless stored by norm: then rows are scanned in storage order
            }

            @Override
            public double upperBound(int row) {
                return cosine ? Double.POSITIVE_INFINITY : factor * model.itemNorm(row) + slack;
            }

            @Override
            public void scoresInOrder(int from, int n, float[] out) {
                model.scoresByNorm(query, from, n, out);
                if (cosine) {
                    int[] order = model.rowsByNorm();
                    for (int i = 0; i < n; i++) {
                        out[i] = byNorm(out[i], order[from + i]);
                    }
                }
            }

            private float byNorm(float dot, int row) {
                float norm = model.itemNorm(row);
                return norm == 0 ? 0 : dot / norm;
            }
        };
    }

    /**
     * The k best of the rows 0..items-1, best first; ties go to the lower row. {@code eligible} is a cheap test
     * applied to every row scored (exclusions, allowed lists); {@code accept} an expensive one (property filters, null
     * for none) applied lazily, in score order, only until k rows are accepted. With a scorer's bound order, rows are
     * scored in that order until no row left can beat the worst of those kept: the same result as scoring every row.
     */
    public static List<Ranked> top(int items, Scorer scorer, int k, IntPredicate eligible, IntPredicate accept) {
        int[] order = scorer.boundOrder();
        if (order == null) {
            int[] rows = new int[items];
            int count = 0;
            for (int row = 0; row < items; row++) {
                if (eligible.test(row)) {
                    rows[count++] = row;
                }
            }
            return topAmong(Arrays.copyOf(rows, count), scorer, k, accept);
        }
        if (order.length != items) {
            throw new IllegalStateException("a bound order of " + order.length + " rows for " + items + " items");
        }
        return accepted(m -> bestBounded(order, scorer, eligible, m), items, k, accept);
    }

    /** As {@link #top}, over the given distinct rows only (e.g. the candidates of a vector index). */
    public static List<Ranked> topAmong(int[] pool, Scorer scorer, int k, IntPredicate accept) {
        float[] scores = new float[pool.length];
        scorer.scores(pool, pool.length, scores);
        return accepted(m -> best(pool, scores, m), pool.length, k, accept);
    }

    /**
     * The first k accepted of the m best (best first, {@code bestOf.apply(m)}, fewer when fewer rows exist), m growing
     * fourfold until k are accepted or all {@code available} rows were offered.
     */
    private static List<Ranked> accepted(java.util.function.IntFunction<Ranked[]> bestOf, int available, int k,
            IntPredicate accept) {
        if (k <= 0) {
            return List.of();
        }
        Map<Integer, Boolean> checked = new HashMap<>();
        int window = accept == null ? k : Math.max(4 * k, 64);
        while (true) {
            int m = Math.min(window, available);
            Ranked[] best = bestOf.apply(m);
            List<Ranked> out = new ArrayList<>(k);
            for (Ranked r : best) {
                if (accept == null || checked.computeIfAbsent(r.row(), accept::test)) {
                    out.add(r);
                    if (out.size() == k) {
                        return out;
                    }
                }
            }
            if (best.length < m || m == available) {
                return out;
            }
            window = (int) Math.min((long) window * 4, available);
        }
    }

    /** Rows scored per step of a bounded scan. */
    private static final int STEP = 64;

    /**
     * The m best eligible rows, best first (ties: lower row first), scoring {@link #STEP} rows of the scorer's bound
     * order at a time and stopping before a step whose first bound is below the worst of m kept (no row from there
     * on can score more).
     */
    static Ranked[] bestBounded(int[] order, Scorer scorer, IntPredicate eligible, int m) {
        if (m == 0) {
            return new Ranked[0];
        }
        BestHeap heap = new BestHeap(m);
        float[] scores = new float[STEP];
        for (int at = 0; at < order.length; at += STEP) {
            if (heap.full() && scorer.upperBound(order[at]) < heap.worst()) {
                break; // bounds never increase along the order: no row from here on can enter
            }
            int n = Math.min(STEP, order.length - at);
            scorer.scoresInOrder(at, n, scores);
            for (int i = 0; i < n; i++) {
                int row = order[at + i];
                if (eligible.test(row)) {
                    heap.offer(row, scores[i]);
                }
            }
        }
        return heap.drain();
    }

    /** The m highest-scoring of the rows (each scored by scores[i]), best first (ties: lower row first). */
    static Ranked[] best(int[] rows, float[] scores, int m) {
        BestHeap heap = new BestHeap(m);
        for (int i = 0; i < rows.length; i++) {
            heap.offer(rows[i], scores[i]);
        }
        return heap.drain();
    }

    /**
     * Maximal marginal relevance: picks k of the candidates (best first), each time the one maximising
     * (1 - lambda) * relevance - lambda * (its highest cosine to an item already picked), where relevance is the
     * score min-max scaled to [0, 1] over the candidates. lambda 0 keeps the score order.
     */
    public static List<Ranked> diversify(ItemSpace model, List<Ranked> candidates, int k, double lambda) {
        if (lambda == 0 || candidates.size() <= 1) {
            return candidates.subList(0, Math.min(k, candidates.size()));
        }
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (Ranked c : candidates) {
            min = Math.min(min, c.score());
            max = Math.max(max, c.score());
        }
        float range = max - min;
        List<Ranked> left = new ArrayList<>(candidates);
        float[] maxSim = new float[left.size()];
        Arrays.fill(maxSim, Float.NEGATIVE_INFINITY);
        List<Ranked> picked = new ArrayList<>(k);
        while (picked.size() < k && !left.isEmpty()) {
            int bestAt = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < left.size(); i++) {
                double relevance = range == 0 ? 1 : (left.get(i).score() - min) / range;
                double redundancy = picked.isEmpty() ? 0 : maxSim[i];
                double value = (1 - lambda) * relevance - lambda * redundancy;
                if (value > bestValue) {
                    bestValue = value;
                    bestAt = i;
                }
            }
            Ranked chosen = left.remove(bestAt);
            float[] shifted = new float[left.size()];
            for (int i = 0, j = 0; i < maxSim.length; i++) {
                if (i != bestAt) {
                    shifted[j++] = maxSim[i];
                }
            }
            maxSim = shifted;
            for (int i = 0; i < left.size(); i++) {
                maxSim[i] = Math.max(maxSim[i], model.itemCosine(left.get(i).row(), chosen.row()));
            }
            picked.add(chosen);
        }
        return picked;
    }
}
