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
        double a = 0, b = 0;
        // Platt's start: the base rate as the intercept
        long positives = 0;
        for (boolean l : labels) {
            positives += l ? 1 : 0;
        }
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException("calibration needs both outcomes; got " + positives + " positives of "
                    + labels.length);
        }
        b = Math.log(positives / (double) (labels.length - positives));
        for (int it = 0; it < iterations; it++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int k = 0; k < scores.length; k++) {
                double p = 1 / (1 + Math.exp(-(a * scores[k] + b)));
                double r = p - (labels[k] ? 1 : 0), w = p * (1 - p);
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
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new Platt(a, b);
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
