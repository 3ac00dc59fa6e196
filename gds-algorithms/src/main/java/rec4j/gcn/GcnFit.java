package rec4j.gcn;

import java.util.function.BooleanSupplier;
import rec4j.evaluate.Calibration;

/**
 * One call of training as a user wants it: with a validation fraction, the GCN is trained on the rest with early
 * stopping, which picks the epoch count; then, when {@code refit} is on, trained again from the same seed on all
 * interactions for that many epochs (the held-out interactions are not wasted). Without validation, or with refit
 * off, the first run's model is the result. Only the users who are validated on hold interactions out
 * ({@link #validationSplit}); with refit 'auto' (null) the refit runs when the held-out part is at least
 * {@link #AUTO_REFIT_SHARE} of the interactions, else the selection run, trained on nearly all of them, is kept.
 */
public final class GcnFit {

    /**
     * @param selection the run on the training part with early stopping (null without validation)
     * @param model     the run whose model is kept: the refit on all interactions, or the selection run, or the only run
     * @param refitted  whether {@code model} is a refit on all interactions for {@code selection.bestEpoch()} epochs
     * @param calibration Platt scaling of scores to probabilities fitted on the validation part with the selection
     *                  run's model ({@link Calibration#fitOnHoldOut}); null without validation
     */
    public record Outcome(GcnTrainer.Result selection, GcnTrainer.Result model, boolean refitted,
            Calibration.Fitted calibration) {

        public Outcome(GcnTrainer.Result selection, GcnTrainer.Result model, boolean refitted) {
            this(selection, model, refitted, null);
        }

        /** Epochs of the kept model's run. */
        public int epochs() {
            return refitted ? model.epochs().size() : model.bestEpoch();
        }

        /** Milliseconds of both runs together. */
        public long trainMillis() {
            return model.trainMillis() + (refitted ? selection.trainMillis() : 0);
        }
    }

    /** Per run: which one it is ("select" or "refit"), then each epoch's statistics. */
    public interface Listener {
        void epoch(String run, GcnTrainer.EpochStats stats);
    }

    /**
     * The most users whose held-out interactions are ranked at each validation; beyond it a seeded sample of that many
     * (ranking all 200,000 users of a 10M graph against 50,000 items would cost more than an epoch).
     */
    public static final int MAX_VALIDATION_USERS = 20_000;

    /**
     * refit 'auto' refits when the validation part holds out at least this share of the interactions. Up to
     * {@link #MAX_VALIDATION_USERS} users that is about the validation fraction (refit, as before); on a 10M graph of
     * 200,000 users it is about 1 % and the refit, which would cost nearly as much as the selection run, is skipped.
     */
    public static final double AUTO_REFIT_SHARE = 0.05;

    /**
     * The validation part: {@link Interactions#holdOut} of {@code fraction}, in which only the users of
     * {@link #validationSample} (all of them up to {@link #MAX_VALIDATION_USERS}) keep theirs held out; every other user
     * trains on all their interactions, since no one would rank their held-out items.
     */
    public static Interactions.HoldOut validationSplit(Interactions data, double fraction, long seed) {
        Interactions.HoldOut split = data.holdOut(fraction, seed);
        int[][] sample = validationSample(split.heldOut(), MAX_VALIDATION_USERS, seed);
        return sample == split.heldOut() ? split : data.holdOutOnly(split, sample);
    }

    private GcnFit() {}

    /**
     * @param validationFraction the share of each user's interactions held out for picking the epoch count (0: none)
     */
    public static Outcome fit(Interactions data, double validationFraction, Boolean refit, GcnParameters p,
            Listener listener, BooleanSupplier terminated) {
        return fit(data, validationFraction, refit, p, null, null, listener, terminated);
    }

    /**
     * As above, with hard negatives (null: none; they never hold one of the user's positives) and a warm start (null:
     * none) in every run.
     */
    public static Outcome fit(Interactions data, double validationFraction, Boolean refit, GcnParameters p,
            GcnTrainer.HardNegatives hard, WarmStart warm, Listener listener, BooleanSupplier terminated) {
        return fit(data, validationFraction, refit, p, hard, warm, false, listener, terminated);
    }

    /** As above; {@code positivesByWeight}: see {@link GcnTrainer#train(Interactions, int[][], GcnParameters,
     * GcnTrainer.HardNegatives, WarmStart, boolean, GcnTrainer.Listener, BooleanSupplier)}; {@code refit} null:
     * 'auto' ({@link #AUTO_REFIT_SHARE}). */
    public static Outcome fit(Interactions data, double validationFraction, Boolean refit, GcnParameters p,
            GcnTrainer.HardNegatives hard, WarmStart warm, boolean positivesByWeight, Listener listener,
            BooleanSupplier terminated) {
        if (validationFraction <= 0) {
            return new Outcome(null, GcnTrainer.train(data, null, p, hard, warm, positivesByWeight, s -> listener.epoch("train", s), terminated),
                    false);
        }
        Interactions.HoldOut split = validationSplit(data, validationFraction, p.randomSeed());
        GcnTrainer.Result selection = GcnTrainer.train(split.train(), split.heldOut(), p, hard, warm, positivesByWeight,
                s -> listener.epoch("select", s), terminated);
        Calibration.Fitted calibration = calibrate(selection.model(), split, p.randomSeed(), terminated);
        if (refit == null ? !refitPays(data, split) : !refit) {
            return new Outcome(selection, selection, false, calibration);
        }
        GcnParameters all = p.withEpochs(Math.max(1, selection.bestEpoch()));
        GcnTrainer.Result final0 = GcnTrainer.train(data, null, all, hard, warm, positivesByWeight, s -> listener.epoch("refit", s), terminated);
        return new Outcome(selection, final0, true, calibration);
    }

    /** refit 'auto': whether the validation part holds out at least {@link #AUTO_REFIT_SHARE} of the interactions. */
    public static boolean refitPays(Interactions data, Interactions.HoldOut split) {
        long held = 0;
        for (int[] items : split.heldOut()) {
            held += items.length;
        }
        return held >= AUTO_REFIT_SHARE * data.interactionCount();
    }

    /**
     * {@code heldOut} itself where at most {@code max} users hold interactions out; else a copy in which only {@code max}
     * of them, drawn with {@code seed}, keep theirs (the others' rows are empty, so validation skips them).
     */
    public static int[][] validationSample(int[][] heldOut, int max, long seed) {
        int[] users = java.util.stream.IntStream.range(0, heldOut.length)
                .filter(u -> heldOut[u] != null && heldOut[u].length > 0).toArray();
        if (users.length <= max) {
            return heldOut;
        }
        java.util.Random random = new java.util.Random(seed * 31 + 7);
        for (int k = 0; k < max; k++) { // the first max of a seeded shuffle
            int j = k + random.nextInt(users.length - k);
            int swap = users[k];
            users[k] = users[j];
            users[j] = swap;
        }
        int[][] sample = new int[heldOut.length][];
        java.util.Arrays.fill(sample, new int[0]);
        for (int k = 0; k < max; k++) {
            sample[users[k]] = heldOut[users[k]];
        }
        return sample;
    }

    /** Platt scaling of a model's dot products on a validation part (see {@link Calibration#fitOnHoldOut}). */
    public static Calibration.Fitted calibrate(GcnModel m, Interactions.HoldOut split, long seed,
            BooleanSupplier terminated) {
        float[] e = m.embeddings();
        int w = m.width(), users = m.users();
        try {
            return Calibration.fitOnHoldOut((u, i) -> rec4j.serving.Vectors.dot(e, u * w, e, (users + i) * w, w),
                    m.items(), split.train().positives(), split.heldOut(), seed, terminated);
        } catch (java.util.concurrent.CancellationException c) {
            throw new GcnTrainer.TerminatedException(-1);
        }
    }
}
