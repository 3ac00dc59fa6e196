package rec4j.hybrid;

import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import rec4j.ease.Ease;
import rec4j.ease.EaseFit;
import rec4j.evaluate.Blend;
import rec4j.evaluate.OfflineEvaluation;
import rec4j.evaluate.Scorers;
import rec4j.gcn.GcnFit;
import rec4j.gcn.GcnModel;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.Interactions;

/**
 * A GCN and EASE fitted on the same interactions and blended (z-scores, {@link Blend#of}) with a weight picked on a
 * validation part: the GCN's ({@link GcnFit#validationSplit} of {@code validationFraction} with the GCN's seed) picks the GCN's epoch count, EASE's lambda (unless given) and then the blend weight, scoring the GCN's
 * selection model and an EASE model fitted on the same training part; both final models are refit on all interactions.
 * The algorithm behind a hybrid model kind (issue 12); it takes plain inputs and returns a record.
 */
public final class HybridFit {

    /**
     * @param gcn    the GCN's selection run (trained without the validation part) and its refit on all interactions
     * @param ease   EASE refit on all interactions, with the lambda kept
     * @param weight the share of the GCN in the blend, picked on validation, with each weight's validation scores
     */
    public record Outcome(GcnFit.Outcome gcn, EaseFit.Outcome ease, Blend.Pick weight) {}

    private HybridFit() {}

    /**
     * @param easeLambda null: EASE's lambda is picked on the same validation part
     * @throws IllegalArgumentException when {@code validationFraction} is not in (0, 1)
     * @throws RuntimeException when {@code terminated} says so (the GCN's TerminatedException, EASE's CancellationException)
     */
    public static Outcome fit(Interactions data, GcnParameters p, Double easeLambda, double validationFraction,
            int concurrency, GcnFit.Listener listener, BooleanSupplier terminated) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("a hybrid picks its weight on a validation part: 'validationFraction' must be "
                    + "in (0, 1), got " + validationFraction);
        }
        GcnFit.Outcome gcn = GcnFit.fit(data, validationFraction, true, p, listener, terminated);
        EaseFit.Outcome ease = EaseFit.fit(data, easeLambda, validationFraction, p.randomSeed(), concurrency, terminated);
        Interactions.HoldOut split = GcnFit.validationSplit(data, validationFraction, p.randomSeed());
        Ease.Model validationEase = Ease.fit(data.items(), split.train().positives(), ease.lambda(), concurrency, terminated);
        OfflineEvaluation.Input validation = new OfflineEvaluation.Input(data.users(), data.items(),
                split.train().positives(), split.heldOut(), IntStream.range(0, data.items()).toArray(), null);
        Blend.Pick pick = Blend.pickWeight(validation, gcnScorer(gcn.selection().model()),
                EaseFit.scorer(validationEase, validation), 20, concurrency);
        return new Outcome(gcn, ease, pick);
    }

    /** The fitted hybrid as an evaluation scorer over {@code in}'s users and items (the data it was fitted on). */
    public static OfflineEvaluation.Scorer scorer(Outcome hybrid, OfflineEvaluation.Input in) {
        return Blend.of(gcnScorer(hybrid.gcn().model().model()), EaseFit.scorer(hybrid.ease().model(), in),
                hybrid.weight().weight());
    }

    /** A GCN model's dot-product scorer: user u is row u, item i row users + i. */
    public static OfflineEvaluation.Scorer gcnScorer(GcnModel m) {
        int[] userRow = IntStream.range(0, m.users()).toArray();
        int[] itemRow = IntStream.range(0, m.items()).map(i -> m.users() + i).toArray();
        return Scorers.dotProduct(m.embeddings(), m.width(), userRow, itemRow);
    }
}
