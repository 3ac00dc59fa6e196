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

        /** The scores of many rows, {@code out[i] = score(rows[i])}; a scorer may compute several rows at once. */
        default void scores(int[] rows, float[] out) {
            for (int i = 0; i < rows.length; i++) {
                out[i] = score(rows[i]);
            }
        }
    }

    /**
     * Scores by the dot product with the query; {@code cosine} divides each by the item's norm. Many rows are scored
     * together ({@link ItemSpace#scores}), with the same floats as one at a time.
     */
    public static Scorer byQuery(ItemSpace model, float[] query, boolean cosine) {
        return new Scorer() {
            @Override
            public float score(int row) {
                return cosine ? byNorm(model.score(query, row), row) : model.score(query, row);
            }

            @Override
            public void scores(int[] rows, float[] out) {
                model.scores(query, rows, out);
                if (cosine) {
                    for (int i = 0; i < rows.length; i++) {
                        out[i] = byNorm(out[i], rows[i]);
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
     * applied to every row (exclusions, allowed lists); {@code accept} an expensive one (property filters, null for
     * none) applied lazily, in score order, only until k rows are accepted.
     */
    public static List<Ranked> top(int items, Scorer scorer, int k, IntPredicate eligible, IntPredicate accept) {
        int[] rows = new int[items];
        int count = 0;
        for (int row = 0; row < items; row++) {
            if (eligible.test(row)) {
                rows[count++] = row;
            }
        }
        return topAmong(Arrays.copyOf(rows, count), scorer, k, accept);
    }

    /** As {@link #top}, over the given distinct rows only (e.g. the candidates of a vector index). */
    public static List<Ranked> topAmong(int[] pool, Scorer scorer, int k, IntPredicate accept) {
        float[] scores = new float[pool.length];
        scorer.scores(pool, scores);
        Map<Integer, Boolean> checked = new HashMap<>();
        int window = accept == null ? k : Math.max(4 * k, 64);
        while (true) {
            int[] best = best(pool, scores, Math.min(window, pool.length));
            List<Ranked> out = new ArrayList<>(k);
            for (int at : best) {
                if (accept == null || checked.computeIfAbsent(pool[at], accept::test)) {
                    out.add(new Ranked(pool[at], scores[at]));
                    if (out.size() == k) {
                        return out;
                    }
                }
            }
            if (best.length == pool.length) {
                return out;
            }
            window = (int) Math.min((long) window * 4, pool.length);
        }
    }

    /** The positions in pool of its m highest-scoring rows, best first (ties: lower row first). */
    static int[] best(int[] rows, float[] scores, int m) {
        if (m == 0) {
            return new int[0];
        }
        // a min-heap of the m best positions so far, the worst at the root
        int[] heap = new int[m];
        int size = 0;
        for (int at = 0; at < rows.length; at++) {
            if (size < m) {
                heap[size] = at;
                siftUp(heap, size++, rows, scores);
            } else if (better(at, heap[0], rows, scores)) {
                heap[0] = at;
                siftDown(heap, size, rows, scores);
            }
        }
        // pop the worst repeatedly: fills the output from the back
        int[] out = new int[size];
        for (int n = size; n > 0; n--) {
            out[n - 1] = heap[0];
            heap[0] = heap[n - 1];
            siftDown(heap, n - 1, rows, scores);
        }
        return out;
    }

    private static boolean better(int a, int b, int[] rows, float[] scores) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && rows[a] < rows[b]);
    }

    private static void siftUp(int[] heap, int at, int[] rows, float[] scores) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!better(heap[parent], heap[at], rows, scores)) {
                return;
            }
            swap(heap, parent, at);
            at = parent;
        }
    }

    private static void siftDown(int[] heap, int size, int[] rows, float[] scores) {
        int at = 0;
        while (true) {
            int l = 2 * at + 1, r = l + 1, worst = at;
            if (l < size && better(heap[worst], heap[l], rows, scores)) {
                worst = l;
            }
            if (r < size && better(heap[worst], heap[r], rows, scores)) {
                worst = r;
            }
            if (worst == at) {
                return;
            }
            swap(heap, at, worst);
            at = worst;
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
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
