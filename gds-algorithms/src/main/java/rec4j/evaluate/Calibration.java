package rec4j.evaluate;

/**
 * Scores to probabilities of interaction: Platt scaling, p = sigmoid(a x score + b), fitted by Newton's method on the
 * log loss of (score, label) pairs (a validation part: held-out interactions are 1, the other unseen items 0), and the
 * expected calibration error of probabilities against outcomes (equal-width bins: the mean |observed rate - mean
 * probability| weighted by the bin's share).
 */
public final class Calibration {

    private Calibration() {}

    /** A fitted Platt scaling. */
    public record Platt(double a, double b) {

        public double probability(double score) {
            return 1 / (1 + Math.exp(-(a * score + b)));
        }
    }

    /** Fits a and b on the pairs (at most {@code iterations} Newton steps; stops when the step is below 1e-10). */
    public static Platt fit(double[] scores, boolean[] labels, int iterations) {
        if (scores.length != labels.length || scores.length == 0) {
            throw new IllegalArgumentException("calibration needs as many labels as scores, at least one; got "
                    + scores.length + " scores and " + labels.length + " labels");
        }
        return fit(each -> {
            for (int k = 0; k < scores.length; k++) {
                each.pair(scores[k], labels[k], 1);
            }
        }, iterations);
    }

    /** Weighted (score, label) pairs, visited in one order on every pass. */
    private interface Pairs {
        void forEach(PairVisitor each);
    }

    private interface PairVisitor {
        void pair(double score, boolean label, double weight);
    }

    /** Damped Newton on the weighted log loss, from a = 0 and the base rate as the intercept (Platt's start). */
    private static Platt fit(Pairs pairs, int iterations) {
        double[] start = new double[2]; // weighted positives, total weight
        pairs.forEach((score, label, weight) -> {
            start[0] += label ? weight : 0;
            start[1] += weight;
        });
        if (start[0] == 0 || start[0] == start[1]) {
            throw new IllegalArgumentException("calibration needs both outcomes; got " + start[0] + " positives of "
                    + start[1]);
        }
        double a = 0, b = Math.log(start[0] / (start[1] - start[0]));
        double loss = logLoss(pairs, a, b);
        for (int it = 0; it < iterations; it++) {
            double[] g = new double[5]; // gradient (a, b), Hessian (aa, ab, bb)
            double a0 = a, b0 = b;
            pairs.forEach((score, label, weight) -> {
                double p = 1 / (1 + Math.exp(-(a0 * score + b0)));
                double r = weight * (p - (label ? 1 : 0)), h = weight * p * (1 - p);
                g[0] += r * score;
                g[1] += r;
                g[2] += h * score * score;
                g[3] += h * score;
                g[4] += h;
            });
            double det = g[2] * g[4] - g[3] * g[3];
            if (!(Math.abs(det) > 1e-300)) {
                break;
            }
            double da = (g[4] * g[0] - g[3] * g[1]) / det, db = (g[2] * g[1] - g[3] * g[0]) / det;
            // a damped step: halve it until the loss does not grow (a full Newton step can overshoot far from the optimum)
            double step = 1, next = Double.NaN;
            for (int h = 0; h < 40; h++, step /= 2) {
                next = logLoss(pairs, a - step * da, b - step * db);
                if (next <= loss) {
                    break;
                }
            }
            if (!(next <= loss)) {
                break;
            }
            a -= step * da;
            b -= step * db;
            loss = next;
            if (step * (Math.abs(da) + Math.abs(db)) < 1e-10) {
                break;
            }
        }
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalStateException("Platt scaling did not converge: a = " + a + ", b = " + b);
        }
        return new Platt(a, b);
    }

    /** The weighted log loss of p = sigmoid(a x score + b), computed stably. */
    private static double logLoss(Pairs pairs, double a, double b) {
        double[] sum = new double[1];
        pairs.forEach((score, label, weight) -> {
            double z = a * score + b, m = label ? -z : z; // -log sigmoid(z) for a 1, -log(1 - sigmoid(z)) for a 0
            sum[0] += weight * (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
        });
        return sum[0];
    }

    /** The score of one (user, item) pair. */
    public interface PairScorer {
        double score(int user, int item);
    }

    /** A Platt scaling fitted on a validation part, with how many pairs it saw. */
    public record Fitted(Platt platt, long pairs, long positives, int users) {}

    /** Validation users sampled at most for {@link #fitOnHoldOut}. */
    public static final int MAX_USERS = 10_000;
    /** Negatives sampled per validation user for {@link #fitOnHoldOut}. */
    public static final int NEGATIVES_PER_USER = 100;

    /**
     * Heap {@link #fitOnHoldOut} needs at most: a float per pair (at most {@code min(users, MAX_USERS) x
     * min(NEGATIVES_PER_USER, items)} negatives and {@code heldOut} positives) and 16 bytes per sampled user.
     */
    public static long estimate(long users, long items, long heldOut) {
        long sampled = Math.min(users, MAX_USERS);
        return (sampled * Math.min(NEGATIVES_PER_USER, items) + heldOut) * 4 + sampled * 16 + 64;
    }

    /**
     * Fits Platt scaling on a model's validation part: for each user with held-out items (at most {@link #MAX_USERS},
     * drawn by {@code seed}), the held-out items are the 1s and {@link #NEGATIVES_PER_USER} items drawn uniformly among
     * the user's other unseen items the 0s, each such 0 weighing the unseen items it stands for; so the probability is
     * that of an unseen item being among a held-out part of that size. Null when no user has held-out items (or every
     * unseen item of theirs is held out). Keeps a float per pair ({@link #estimate}): each user's positives, then its
     * negatives.
     *
     * @param train   per user, the items the model saw (sorted)
     * @param heldOut per user, the held-out items (sorted or not)
     */
    public static Fitted fitOnHoldOut(PairScorer scorer, int items, int[][] train, int[][] heldOut, long seed,
            java.util.function.BooleanSupplier terminated) {
        java.util.Random random = new java.util.Random(seed);
        int[] users = java.util.stream.IntStream.range(0, heldOut.length).filter(u -> heldOut[u].length > 0
                && items - train[u].length - heldOut[u].length > 0).toArray();
        if (users.length > MAX_USERS) {
            rec4j.numeric.Shuffle.shuffle(users, random);
            users = java.util.Arrays.copyOf(users, MAX_USERS);
            java.util.Arrays.sort(users);
        }
        if (users.length == 0) {
            return null;
        }
        int[] positives = new int[users.length], negatives = new int[users.length];
        double[] negativeWeight = new double[users.length];
        long total = 0;
        for (int k = 0; k < users.length; k++) {
            int u = users[k];
            long unseen = (long) items - train[u].length - heldOut[u].length;
            positives[k] = heldOut[u].length;
            negatives[k] = (int) Math.min(NEGATIVES_PER_USER, unseen);
            negativeWeight[k] = unseen / (double) negatives[k];
            total += positives[k] + negatives[k];
        }
        float[] scores = new float[Math.toIntExact(total)];
        int at = 0;
        long positiveCount = 0;
        for (int k = 0; k < users.length; k++) {
            if (terminated.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("calibration was terminated");
            }
            int u = users[k];
            for (int i : heldOut[u]) {
                scores[at++] = (float) scorer.score(u, i);
            }
            positiveCount += positives[k];
            int[] seen = java.util.stream.IntStream.concat(java.util.Arrays.stream(train[u]),
                    java.util.Arrays.stream(heldOut[u])).sorted().toArray();
            for (int d = 0; d < negatives[k]; d++) {
                scores[at++] = (float) scorer.score(u, rec4j.numeric.Draws.outside(items, seen, random));
            }
        }
        Pairs pairs = each -> {
            int pos = 0;
            for (int k = 0; k < positives.length; k++) {
                for (int j = 0; j < positives[k]; j++) {
                    each.pair(scores[pos++], true, 1);
                }
                for (int j = 0; j < negatives[k]; j++) {
                    each.pair(scores[pos++], false, negativeWeight[k]);
                }
            }
        };
        return new Fitted(fit(pairs, 100), total, positiveCount, users.length);
    }

    /** One bin of a reliability diagram. */
    public record Bin(double low, double high, long count, double meanProbability, double observedRate) {}

    /** The reliability diagram of probabilities against outcomes, {@code bins} equal-width bins over [0, 1]. */
    public static Bin[] reliability(double[] probabilities, boolean[] labels, int bins) {
        long[] n = new long[bins], hits = new long[bins];
        double[] sum = new double[bins];
        for (int k = 0; k < probabilities.length; k++) {
            int bin = Math.min(bins - 1, (int) (probabilities[k] * bins));
            n[bin]++;
            sum[bin] += probabilities[k];
            hits[bin] += labels[k] ? 1 : 0;
        }
        Bin[] out = new Bin[bins];
        for (int i = 0; i < bins; i++) {
            out[i] = new Bin(i / (double) bins, (i + 1) / (double) bins, n[i], n[i] == 0 ? 0 : sum[i] / n[i],
                    n[i] == 0 ? 0 : hits[i] / (double) n[i]);
        }
        return out;
    }

    /** The expected calibration error of a reliability diagram. */
    public static double ece(Bin[] bins) {
        long total = 0;
        for (Bin b : bins) {
            total += b.count();
        }
        double e = 0;
        for (Bin b : bins) {
            e += b.count() / (double) total * Math.abs(b.observedRate() - b.meanProbability());
        }
        return e;
    }
}
