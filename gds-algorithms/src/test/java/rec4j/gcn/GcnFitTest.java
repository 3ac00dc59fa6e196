package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Select the epoch count on validation, then refit on all interactions: the runs, their sizes and their models. */
class GcnFitTest {

    private static GcnParameters params(int concurrency) {
        // evaluating every 2 epochs, patience 3: stops well before 60 epochs on the planted data
        return new GcnParameters(16, 2, 60, 128, 0.05, 0.0, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 2, 3, 5L, concurrency);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void refitTrainsOnAllInteractionsForThePickedEpochs(int concurrency) {
        GcnTrainerTest.Split data = GcnTrainerTest.planted(2);
        List<String> runs = new ArrayList<>();
        GcnFit.Outcome o = GcnFit.fit(data.train(), 0.2, true, params(concurrency), (run, s) -> runs.add(run), () -> false);

        assertThat(o.refitted()).isTrue();
        int picked = o.selection().bestEpoch();
        assertThat(picked).isPositive();
        assertThat(o.selection().epochs()).hasSizeGreaterThan(picked);
        assertThat(o.model().epochs()).hasSize(picked);
        assertThat(o.epochs()).isEqualTo(picked);
        assertThat(runs.stream().filter("select"::equals).count()).isEqualTo(o.selection().epochs().size());
        assertThat(runs.stream().filter("refit"::equals).count()).isEqualTo(picked);
        assertThat(o.trainMillis()).isEqualTo(o.selection().trainMillis() + o.model().trainMillis());
        // the refit model is exactly a plain run on all interactions for the picked number of epochs
        GcnTrainer.Result plain = GcnTrainer.train(data.train(), null, params(concurrency).withEpochs(picked), s -> { }, () -> false);
        assertThat(o.model().model().embeddings()).isEqualTo(plain.model().embeddings());
        assertThat(o.model().model().embeddings()).isNotEqualTo(o.selection().model().embeddings());
        // and it ranks the planted test items well
        assertThat(RankingMetrics.evaluate(o.model().model().embeddings(), o.model().model().width(), data.train(),
                data.test(), 5, 1).recall()).isGreaterThan(0.33);
    }

    @Test
    void sameOutcomeAtConcurrency1And4() {
        GcnTrainerTest.Split data = GcnTrainerTest.planted(3);
        assertThat(GcnFit.fit(data.train(), 0.2, true, params(1), (r, s) -> { }, () -> false).model().model().embeddings())
                .isEqualTo(GcnFit.fit(data.train(), 0.2, true, params(4), (r, s) -> { }, () -> false).model().model().embeddings());
    }

    @Test
    void validationFitsACalibrationThatRanksLikeTheScoreAndMatchesTheBaseRate() {
        GcnTrainerTest.Split data = GcnTrainerTest.planted(2);
        GcnFit.Outcome o = GcnFit.fit(data.train(), 0.2, true, params(1), (r, s) -> { }, () -> false);
        rec4j.evaluate.Calibration.Fitted c = o.calibration();
        assertThat(c).isNotNull();
        assertThat(c.platt().a()).isPositive(); // a higher score is a likelier interaction
        assertThat(c.positives()).isPositive();
        // it is the one fitted on the selection model's validation scores (same seed, same split)
        Interactions.HoldOut split = data.train().holdOut(0.2, params(1).randomSeed());
        assertThat(GcnFit.calibrate(o.selection().model(), split, params(1).randomSeed(), () -> false)).isEqualTo(c);
        // calibration in the large: over the validation pairs (negatives weighted) the mean probability is the base
        // rate of held-out items among unseen ones
        float[] e = o.selection().model().embeddings();
        int w = o.selection().model().width(), users = data.train().users(), items = data.train().items();
        double expected = 0, observed = 0;
        for (int u = 0; u < users; u++) {
            int[] held = split.heldOut()[u];
            if (held.length == 0) {
                continue;
            }
            for (int i = 0; i < items; i++) {
                if (split.train().isPositive(u, i)) {
                    continue;
                }
                expected += c.platt().probability(rec4j.serving.Vectors.dot(e, u * w, e, (users + i) * w, w));
            }
            observed += held.length;
        }
        assertThat(expected / observed).isBetween(0.8, 1.25); // exact on the sample, close on every unseen item
        assertThat(GcnFit.fit(data.train(), 0.0, true, params(1).withEpochs(3), (r, s) -> { }, () -> false).calibration())
                .isNull();
    }

    @Test
    void withoutRefitOrValidationThereIsOneRun() {
        GcnTrainerTest.Split data = GcnTrainerTest.planted(2);
        GcnFit.Outcome kept = GcnFit.fit(data.train(), 0.2, false, params(1), (r, s) -> { }, () -> false);
        assertThat(kept.refitted()).isFalse();
        assertThat(kept.model()).isSameAs(kept.selection());
        assertThat(kept.epochs()).isEqualTo(kept.selection().bestEpoch());

        List<String> runs = new ArrayList<>();
        GcnFit.Outcome none = GcnFit.fit(data.train(), 0.0, true, params(1).withEpochs(7), (r, s) -> runs.add(r), () -> false);
        assertThat(none.selection()).isNull();
        assertThat(none.refitted()).isFalse();
        assertThat(none.model().epochs()).hasSize(7);
        assertThat(runs).hasSize(7).allMatch("train"::equals);
    }

    @Test
    void validationRanksAtMostTheCapOfUsersDrawnWithTheSeed() {
        int[][] heldOut = new int[50][];
        for (int u = 0; u < heldOut.length; u++) {
            heldOut[u] = u % 5 == 0 ? new int[0] : new int[] {u, u + 1};
        }
        assertThat(GcnFit.validationSample(heldOut, 40, 1L)).isSameAs(heldOut); // 40 users hold items out: all kept
        int[][] sample = GcnFit.validationSample(heldOut, 15, 1L);
        List<Integer> kept = new ArrayList<>();
        for (int u = 0; u < heldOut.length; u++) {
            if (sample[u].length > 0) {
                assertThat(sample[u]).isSameAs(heldOut[u]);
                kept.add(u);
            }
        }
        assertThat(kept).hasSize(15);
        assertThat(kept).allMatch(u -> u % 5 != 0);
        int[][] again = GcnFit.validationSample(heldOut, 15, 1L);
        int[][] other = GcnFit.validationSample(heldOut, 15, 2L);
        boolean differs = false;
        for (int u = 0; u < heldOut.length; u++) {
            assertThat(again[u].length).isEqualTo(sample[u].length);
            differs |= other[u].length != sample[u].length;
        }
        assertThat(differs).isTrue();
    }

    @Test
    void onlyValidatedUsersHoldInteractionsOutAndAutoRefitsWhenTheyAreEnough() {
        // 20,100 users with 6 items each (one held out per user), over the cap of validated users
        int users = GcnFit.MAX_VALIDATION_USERS + 100, items = 30;
        List<Integer> userOf = new ArrayList<>(), itemOf = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < 6; k++) {
                userOf.add(u);
                itemOf.add((u + 5 * k) % items);
            }
        }
        float[] weights = new float[userOf.size()];
        for (int e = 0; e < weights.length; e++) {
            weights[e] = 1 + e % 3;
        }
        Interactions data = Interactions.of(users, items, userOf.stream().mapToInt(Integer::intValue).toArray(),
                itemOf.stream().mapToInt(Integer::intValue).toArray(), weights, null, 0);
        Interactions.HoldOut split = GcnFit.validationSplit(data, 0.2, 9L);
        int holding = 0;
        for (int u = 0; u < users; u++) {
            int[] held = split.heldOut()[u];
            if (held.length > 0) {
                holding++;
                assertThat(split.train().positives()[u].length + held.length).isEqualTo(6);
            } else {
                // everyone else trains on all their interactions, with their weights
                assertThat(split.train().positives()[u]).isEqualTo(data.positives()[u]);
                assertThat(split.train().weights()[u]).isEqualTo(data.weights()[u]);
            }
        }
        assertThat(holding).isEqualTo(GcnFit.MAX_VALIDATION_USERS);
        // the held-out part is 20,000 of 120,600 interactions (16.6 %): refit 'auto' refits
        assertThat(GcnFit.refitPays(data, split)).isTrue();
        // up to the cap every user holds out, as the plain hold-out
        Interactions.HoldOut small = GcnFit.validationSplit(GcnTrainerTest.planted(2).train(), 0.2, 5L);
        assertThat(small.heldOut()).isDeepEqualTo(GcnTrainerTest.planted(2).train().holdOut(0.2, 5L).heldOut());
    }

    @Test
    void autoRefitSkipsTheRefitWhenTheValidationPartIsUnderItsShare() {
        GcnTrainerTest.Split data = GcnTrainerTest.planted(2);
        // at fraction 0.2 the held-out part is about a fifth: 'auto' refits exactly as true does
        GcnFit.Outcome auto = GcnFit.fit(data.train(), 0.2, null, params(1), (r, s) -> { }, () -> false);
        assertThat(auto.refitted()).isTrue();
        assertThat(auto.model().model().embeddings()).isEqualTo(
                GcnFit.fit(data.train(), 0.2, true, params(1), (r, s) -> { }, () -> false).model().model().embeddings());
        // every user but one in ten cut to 4 items, which hold nothing out: at fraction 0.1 the held-out part is
        // under 5 %, so 'auto' keeps the selection run; true still refits
        List<Integer> userOf = new ArrayList<>(), itemOf = new ArrayList<>();
        for (int u = 0; u < data.train().users(); u++) {
            int[] row = data.train().positives()[u];
            for (int k = 0; k < (u % 10 == 0 ? row.length : Math.min(4, row.length)); k++) {
                userOf.add(u);
                itemOf.add(row[k]);
            }
        }
        Interactions sparse = Interactions.of(data.train().users(), data.train().items(),
                userOf.stream().mapToInt(Integer::intValue).toArray(), itemOf.stream().mapToInt(Integer::intValue).toArray(),
                null, null, 0);
        Interactions.HoldOut split = GcnFit.validationSplit(sparse, 0.1, params(1).randomSeed());
        assertThat(GcnFit.refitPays(sparse, split)).isFalse();
        GcnFit.Outcome kept = GcnFit.fit(sparse, 0.1, null, params(1), (r, s) -> { }, () -> false);
        assertThat(kept.refitted()).isFalse();
        assertThat(kept.model()).isSameAs(kept.selection());
        assertThat(GcnFit.fit(sparse, 0.1, true, params(1), (r, s) -> { }, () -> false).refitted()).isTrue();
    }
}
