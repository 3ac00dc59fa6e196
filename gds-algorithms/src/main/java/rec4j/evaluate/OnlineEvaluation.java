package rec4j.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Online metrics of logged recommendations, per model (the arm of an A/B test) and time window: from impressions (a
 * user was shown an item at a rank, in a list shown at one time) and whether each was followed by a response.
 * CTR@k = responded impressions / impressions at ranks <= k; hit rate@k = lists with a response among their first k /
 * lists; coverage = distinct items shown / catalog. Intervals: Wilson score intervals for the two proportions, and for
 * the difference to a baseline arm in the same window the normal (Wald) interval of a difference of proportions. CTR's
 * interval treats impressions as independent, which impressions of one list are not: it is narrower than it should be;
 * hit rate (one outcome per list) is the sounder basis for a decision.
 */
public final class OnlineEvaluation {

    private OnlineEvaluation() {}

    /** The rows of one model in one window ({@code window} is the window's start in epoch milliseconds, or null). */
    public record Row(String model, Long window, long lists, long impressions, long responses, double ctr, double ctrLow,
            double ctrHigh, double hitRate, double hitRateLow, double hitRateHigh, long itemsShown, double coverage,
            Double ctrDiff, Double ctrDiffLow, Double ctrDiffHigh, Double hitRateDiff, Double hitRateDiffLow,
            Double hitRateDiffHigh) {}

    /** The running counts of one model in one window. */
    public static final class Arm {
        long impressions, responses;
        final Map<ListKey, Boolean> lists = new HashMap<>();
        final Set<Long> items = new HashSet<>();
    }

    record ListKey(long user, long at) {}

    /** Accumulates impressions; {@link #rows} gives the result. */
    public static final class Accumulator {
        private final int k;
        private final Long windowMillis;
        private final Map<String, TreeMap<Long, Arm>> arms = new TreeMap<>();

        /** @param windowMillis the window length, null for one window over everything */
        public Accumulator(int k, Long windowMillis) {
            this.k = k;
            this.windowMillis = windowMillis;
        }

        /**
         * One impression: {@code user} was shown {@code item} at {@code rank} (from 1) by {@code model} at
         * {@code atMillis}; {@code responded}: the user responded to it within the attribution time. Ranks beyond k
         * are not counted.
         */
        public void add(String model, long user, long item, int rank, long atMillis, boolean responded) {
            if (rank < 1 || rank > k) {
                return;
            }
            long window = windowMillis == null ? Long.MIN_VALUE : Math.floorDiv(atMillis, windowMillis) * windowMillis;
            Arm arm = arms.computeIfAbsent(model, m -> new TreeMap<>()).computeIfAbsent(window, w -> new Arm());
            arm.impressions++;
            if (responded) {
                arm.responses++;
            }
            arm.lists.merge(new ListKey(user, atMillis), responded, Boolean::logicalOr);
            arm.items.add(item);
        }

        /** The models impressions were logged for, in order. */
        public Set<String> models() {
            return arms.keySet();
        }

        /**
         * The rows, by model and window; with a {@code baseline} model (one of {@link #models}), every other model's row also has its
         * difference to the baseline's row of the same window (null where the baseline has none).
         */
        public List<Row> rows(long catalogSize, String baseline, double confidence) {
            double z = normalQuantile(0.5 + confidence / 2);
            List<Row> rows = new ArrayList<>();
            for (Map.Entry<String, TreeMap<Long, Arm>> model : arms.entrySet()) {
                for (Map.Entry<Long, Arm> w : model.getValue().entrySet()) {
                    Arm a = w.getValue();
                    long hits = a.lists.values().stream().filter(b -> b).count();
                    long lists = a.lists.size();
                    double[] ctr = wilson(a.responses, a.impressions, z);
                    double[] hit = wilson(hits, lists, z);
                    Double[] ctrDiff = {null, null, null}, hitDiff = {null, null, null};
                    Arm b = baseline == null || baseline.equals(model.getKey()) ? null : arms.get(baseline).get(w.getKey());
                    if (b != null) {
                        long bHits = b.lists.values().stream().filter(x -> x).count();
                        ctrDiff = difference(a.responses, a.impressions, b.responses, b.impressions, z);
                        hitDiff = difference(hits, lists, bHits, b.lists.size(), z);
                    }
                    rows.add(new Row(model.getKey(), w.getKey() == Long.MIN_VALUE ? null : w.getKey(), lists,
                            a.impressions, a.responses, ratio(a.responses, a.impressions), ctr[0], ctr[1],
                            ratio(hits, lists), hit[0], hit[1], a.items.size(),
                            catalogSize == 0 ? 0 : a.items.size() / (double) catalogSize,
                            ctrDiff[0], ctrDiff[1], ctrDiff[2], hitDiff[0], hitDiff[1], hitDiff[2]));
                }
            }
            return rows;
        }
    }

    static double ratio(long a, long b) {
        return b == 0 ? 0 : a / (double) b;
    }

    /** The Wilson score interval of a proportion {@code x / n} at normal quantile {@code z}; [0, 1] when n = 0. */
    public static double[] wilson(long x, long n, double z) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = x / (double) n, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** The difference of two proportions x1/n1 - x2/n2 and its normal interval at quantile z. */
    public static Double[] difference(long x1, long n1, long x2, long n2, double z) {
        if (n1 == 0 || n2 == 0) {
            return new Double[] {null, null, null};
        }
        double p1 = x1 / (double) n1, p2 = x2 / (double) n2;
        double se = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        return new Double[] {p1 - p2, p1 - p2 - z * se, p1 - p2 + z * se};
    }

    /**
     * The standard normal quantile (inverse of the CDF) of p in (0, 1): Acklam's rational approximation (relative
     * error below 1.2e-9).
     */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a probability in (0, 1) is needed, got " + p);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5, r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
