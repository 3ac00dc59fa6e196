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
        return fit(scores, labels, null, iterations);
    }

    /**
     * Fits a and b on weighted pairs ({@code weights} null: each weighs 1; a sampled negative weighs as many unseen
     * items as it stands for).
     */
    public static Platt fit(double[] scores, boolean[] labels, double[] weights, int iterations) {
        if (scores.length != labels.length || scores.length == 0 || (weights != null && weights.length != scores.length)) {
            throw new IllegalArgumentException("calibration needs as many labels (and weights) as scores, at least one; got "
                    + scores.length + " scores and " + labels.length + " labels");
        }
        double a = 0, b;
        // Platt's start: the (weighted) base rate as the intercept
        double positives = 0, total = 0;
        for (int k = 0; k < labels.length; k++) {
            double w = weights == null ? 1 : weights[k];
            positives += labels[k] ? w : 0;
            total += w;
        }
        if (positives == 0 || positives == total) {
            throw new IllegalArgumentException("calibration needs both outcomes; got " + positives + " positives of "
                    + total);
        }
        b = Math.log(positives / (total - positives));
        double loss = logLoss(scores, labels, weights, a, b);
        for (int it = 0; it < iterations; it++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int k = 0; k < scores.length; k++) {
                double c = weights == null ? 1 : weights[k];
                double p = 1 / (1 + Math.exp(-(a * scores[k] + b)));
                double r = c * (p - (labels[k] ? 1 : 0)), w = c * p * (1 - p);
                ga += r * scores[k];
                gb += r;
                haa += w * scores[k] * scores[k];
                hab += w * scores[k];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (!(Math.abs(det) > 1e-300)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
            // a damped step: halve it until the loss does not grow (a full Newton step can overshoot far from the optimum)
            double step = 1, next = Double.NaN;
            for (int h = 0; h < 40; h++, step /= 2) {
                next = logLoss(scores, labels, weights, a - step * da, b - step * db);
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
    private static double logLoss(double[] scores, boolean[] labels, double[] weights, double a, double b) {
        double sum = 0;
        for (int k = 0; k < scores.length; k++) {
            double z = a * scores[k] + b, m = labels[k] ? -z : z; // -log sigmoid(z) for a 1, -log(1 - sigmoid(z)) for a 0
            sum += (weights == null ? 1 : weights[k]) * (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
        }
        return sum;
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
     * Fits Platt scaling on a model's validation part: for each user with held-out items (at most {@link #MAX_USERS},
     * drawn by {@code seed}), the held-out items are the 1s and {@link #NEGATIVES_PER_USER} items drawn uniformly among
     * the user's other unseen items the 0s, each such 0 weighing the unseen items it stands for; so the probability is
     * that of an unseen item being among a held-out part of that size. Null when no user has held-out items (or every
     * unseen item of theirs is held out).
     *
     * @param train   per user, the items the model saw (sorted)
     * @param heldOut per user, the held-out items (sorted or not)
     */
    public static Fitted fitOnHoldOut(PairScorer scorer, int items, int[][] train, int[][] heldOut, long seed,
            java.util.function.BooleanSupplier terminated) {
        java.util.Random random = new java.util.Random(seed);
        int[] users = java.util.stream.IntStream.range(0, heldOut.length).filter(u -> heldOut[u].length > 0).toArray();
        if (users.length > MAX_USERS) {
            rec4j.numeric.Shuffle.shuffle(users, random);
            users = java.util.Arrays.copyOf(users, MAX_USERS);
            java.util.Arrays.sort(users);
        }
        java.util.List<double[]> rows = new java.util.ArrayList<>(); // {score, label, weight}
        long positives = 0;
        for (int u : users) {
            if (terminated.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("calibration was terminated");
            }
            int[] held = heldOut[u].clone();
            java.util.Arrays.sort(held);
            long unseen = (long) items - train[u].length - held.length;
            if (unseen <= 0) {
                continue;
            }
            for (int i : held) {
                rows.add(new double[] {scorer.score(u, i), 1, 1});
                positives++;
            }
            int draws = (int) Math.min(NEGATIVES_PER_USER, unseen);
            double weight = unseen / (double) draws;
            for (int d = 0; d < draws; d++) {
                int j = -1;
                for (int t = 0; t < 64 && j < 0; t++) { // rejection sampling, bounded; then the exact r-th unseen item
                    int c = random.nextInt(items);
                    if (java.util.Arrays.binarySearch(train[u], c) < 0 && java.util.Arrays.binarySearch(held, c) < 0) {
                        j = c;
                    }
                }
                if (j < 0) {
                    j = nthUnseen(random.nextLong() >>> 1, unseen, items, train[u], held);
                }
                rows.add(new double[] {scorer.score(u, j), 0, weight});
            }
        }
        if (positives == 0) {
            return null;
        }
        double[] scores = new double[rows.size()], weights = new double[rows.size()];
        boolean[] labels = new boolean[rows.size()];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = rows.get(k)[0];
            labels[k] = rows.get(k)[1] == 1;
            weights[k] = rows.get(k)[2];
        }
        return new Fitted(fit(scores, labels, weights, 100), scores.length, positives, users.length);
    }

    /** The (r mod unseen)-th item, from 0, that is in neither sorted list. */
    private static int nthUnseen(long r, long unseen, int items, int[] a, int[] b) {
        long target = r % unseen;
        for (int i = 0; i < items; i++) {
            if (java.util.Arrays.binarySearch(a, i) < 0 && java.util.Arrays.binarySearch(b, i) < 0 && target-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("no unseen item " + r + " of " + unseen);
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
