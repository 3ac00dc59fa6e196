package rec4j.ease;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import rec4j.evaluate.Calibration;
import rec4j.evaluate.OfflineEvaluation;
import rec4j.gcn.Interactions;

/**
 * EASE as rec.ease.train runs it: with a lambda given, one fit on all interactions; without, each lambda of
 * {@link #LAMBDAS} is fitted on the interactions less a validation part (the same per-user hold-out as the GCN's,
 * {@link rec4j.gcn.GcnFit#validationSplit}), scored by full-ranking Recall@20 + NDCG@20 on the held-out items, and the best one is
 * refit on all interactions.
 */
public final class EaseFit {

    /** The lambdas tried when none is given. */
    public static final double[] LAMBDAS = {50, 100, 200, 400, 800, 1600, 3200};

    /**
     * @param lambda            the lambda of the kept model
     * @param validationRecalls per lambda of {@link #LAMBDAS}, validation Recall@20 (empty when lambda was given)
     * @param validationNdcgs   the same for NDCG@20
     * @param calibration       Platt scaling of scores to probabilities fitted on the validation part with the picked
     *                          lambda's validation model ({@link Calibration#fitOnHoldOut}); null when lambda was given
     */
    public record Outcome(Ease.Model model, double lambda, double[] validationRecalls, double[] validationNdcgs,
            long fitMillis, Calibration.Fitted calibration) {}

    private EaseFit() {}

    /** A fitted model as an evaluation scorer: score(u, i) = sum of B[j][i] over the user's training items j. */
    public static OfflineEvaluation.Scorer scorer(Ease.Model model, OfflineEvaluation.Input in) {
        return (u, scores) -> {
            Arrays.fill(scores, 0f);
            model.score(in.train()[u], null, scores);
        };
    }

    /**
     * @param lambda null: pick among {@link #LAMBDAS} on {@code validationFraction} of each user's interactions
     * @throws CancellationException when {@code terminated} says so (checked inside every fit and between fits)
     */
    public static Outcome fit(Interactions data, Double lambda, double validationFraction, long seed, int concurrency,
            BooleanSupplier terminated) {
        long start = System.nanoTime();
        double[] recalls = new double[0], ndcgs = new double[0];
        double chosen;
        Calibration.Fitted calibration = null;
        if (lambda != null) {
            chosen = lambda;
        } else {
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("picking lambda needs a validation fraction in (0, 1), got " + validationFraction);
            }
            // the GCN's validation part (a hybrid picks lambda, epochs and weight on one part)
            Interactions.HoldOut split = rec4j.gcn.GcnFit.validationSplit(data, validationFraction, seed);
            int[][] train = split.train().positives();
            OfflineEvaluation.Input validation = new OfflineEvaluation.Input(data.users(), data.items(), train,
                    split.heldOut(), IntStream.range(0, data.items()).toArray(), null);
            if (Arrays.stream(split.heldOut()).allMatch(h -> h.length == 0)) {
                throw new IllegalArgumentException("no user has enough interactions for a validation part; give 'lambda'");
            }
            recalls = new double[LAMBDAS.length];
            ndcgs = new double[LAMBDAS.length];
            int best = 0;
            for (int l = 0; l < LAMBDAS.length; l++) {
                Ease.Model m = Ease.fit(data.items(), train, LAMBDAS[l], concurrency, terminated);
                OfflineEvaluation.Row row = OfflineEvaluation.evaluate(validation, "ease", scorer(m, validation),
                        new int[] {20}, concurrency, terminated).get(0);
                recalls[l] = row.recall();
                ndcgs[l] = row.ndcg();
                if (l == 0 || recalls[l] + ndcgs[l] > recalls[best] + ndcgs[best]) {
                    best = l;
                    // calibrated now: keeping the model for later would hold two items^2 matrices at once
                    calibration = calibrate(m, split, seed, terminated);
                }
            }
            chosen = LAMBDAS[best];
        }
        Ease.Model model = Ease.fit(data.items(), data.positives(), chosen, concurrency, terminated);
        return new Outcome(model, chosen, recalls, ndcgs, (System.nanoTime() - start) / 1_000_000, calibration);
    }

    /** Platt scaling of a model's scores (the sum of B[j][i] over the user's items j) on a validation part. */
    public static Calibration.Fitted calibrate(Ease.Model m, Interactions.HoldOut split, long seed,
            BooleanSupplier terminated) {
        int[][] train = split.train().positives();
        return Calibration.fitOnHoldOut((u, i) -> {
            double s = 0;
            for (int j : train[u]) {
                s += m.weight(j, i);
            }
            return s;
        }, m.items(), train, split.heldOut(), seed, terminated);
    }
}
