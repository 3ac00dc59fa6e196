package rec4j.gcn;

import java.util.function.BooleanSupplier;

/**
 * One call of training as a user wants it: with a validation fraction, the GCN is trained on the rest with early
 * stopping, which picks the epoch count; then, when {@code refit} is on, trained again from the same seed on all
 * interactions for that many epochs (the held-out interactions are not wasted). Without validation, or with refit
 * off, the first run's model is the result.
 */
public final class GcnFit {

    /**
     * @param selection the run on the training part with early stopping (null without validation)
     * @param model     the run whose model is kept: the refit on all interactions, or the selection run, or the only run
     * @param refitted  whether {@code model} is a refit on all interactions for {@code selection.bestEpoch()} epochs
     */
    public record Outcome(GcnTrainer.Result selection, GcnTrainer.Result model, boolean refitted) {

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

    private GcnFit() {}

    /**
     * @param validationFraction the share of each user's interactions held out for picking the epoch count (0: none)
     */
    public static Outcome fit(Interactions data, double validationFraction, boolean refit, GcnParameters p,
            Listener listener, BooleanSupplier terminated) {
        return fit(data, validationFraction, refit, p, null, null, listener, terminated);
    }

    /**
     * As above, with hard negatives (null: none; they never hold one of the user's positives) and a warm start (null:
     * none) in every run.
     */
    public static Outcome fit(Interactions data, double validationFraction, boolean refit, GcnParameters p,
            GcnTrainer.HardNegatives hard, WarmStart warm, Listener listener, BooleanSupplier terminated) {
        if (validationFraction <= 0) {
            return new Outcome(null, GcnTrainer.train(data, null, p, hard, warm, s -> listener.epoch("train", s), terminated),
                    false);
        }
        Interactions.HoldOut split = data.holdOut(validationFraction, p.randomSeed());
        GcnTrainer.Result selection = GcnTrainer.train(split.train(), split.heldOut(), p, hard, warm,
                s -> listener.epoch("select", s), terminated);
        if (!refit) {
            return new Outcome(selection, selection, false);
        }
        GcnParameters all = p.withEpochs(Math.max(1, selection.bestEpoch()));
        GcnTrainer.Result final0 = GcnTrainer.train(data, null, all, hard, warm, s -> listener.epoch("refit", s), terminated);
        return new Outcome(selection, final0, true);
    }
}
