package rec4j.serving;

/**
 * Recency: an interaction's weight halves every {@code halfLifeDays} of its age, 0.5^((reference - time) / halfLife),
 * times in epoch seconds. Only ratios of these weights matter to rec4j (a weighted mean, a normalised adjacency, a
 * draw in proportion), so the reference may be any time at or after the latest interaction.
 */
public final class Decay {

    public static final double SECONDS_PER_DAY = 86_400;

    private Decay() {}

    /** The weight of an interaction at {@code time} seen from {@code reference} (both epoch seconds); 1 when not older. */
    public static double weight(double time, double reference, double halfLifeDays) {
        double ageDays = Math.max(0, reference - time) / SECONDS_PER_DAY;
        return Math.pow(0.5, ageDays / halfLifeDays);
    }

    /**
     * The weights of interactions at {@code times} seen from {@code reference}, scaled so that the newest one weighs 1
     * (ratios unchanged; no underflow for old data), never below {@link Float#MIN_NORMAL}.
     */
    public static float[] weights(double[] times, double reference, double halfLifeDays) {
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException("the half-life must be a positive number of days, got " + halfLifeDays);
        }
        double newest = Double.NEGATIVE_INFINITY;
        for (double t : times) {
            newest = Math.max(newest, Math.min(t, reference));
        }
        float[] w = new float[times.length];
        for (int k = 0; k < times.length; k++) {
            w[k] = (float) Math.max(Float.MIN_NORMAL, weight(times[k], newest, halfLifeDays));
        }
        return w;
    }

    /**
     * A user's time-aware query in an embedding space: the user's own vector plus the recency-weighted mean of their
     * items' vectors scaled to the user vector's length (equal shares of direction: long-term taste and what is recent).
     */
    public static float[] query(float[] user, float[] recentMean) {
        double nu = Math.sqrt(Vectors.dot(user, 0, user, 0, user.length)),
                nm = Math.sqrt(Vectors.dot(recentMean, 0, recentMean, 0, recentMean.length));
        double scale = nm > 0 ? nu / nm : 0;
        float[] q = new float[user.length];
        for (int c = 0; c < q.length; c++) {
            q[c] = (float) (user[c] + scale * recentMean[c]);
        }
        return q;
    }
}
