package rec4j.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rec4j.ease.EaseFit;
import rec4j.ease.EaseFitTest;
import rec4j.evaluate.Blend;
import rec4j.evaluate.OfflineEvaluation;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.Interactions;

/** GCN and EASE on the same interactions, one validation part for the epochs, the lambda and the blend weight. */
class HybridFitTest {

    private static GcnParameters params(int concurrency) {
        return new GcnParameters(16, 2, 40, 128, 0.05, 0.0, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 2, 3, 5L, concurrency);
    }

    private static OfflineEvaluation.Input input(Interactions train, int[][] test) {
        return new OfflineEvaluation.Input(train.users(), train.items(), train.positives(), test,
                IntStream.range(0, train.items()).toArray(), null);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void oneValidationPartPicksEpochsLambdaAndWeight(int concurrency) {
        Interactions.HoldOut outer = EaseFitTest.planted(1).holdOut(0.2, 99); // a test part the fit never sees
        Interactions data = outer.train();
        HybridFit.Outcome o = HybridFit.fit(data, params(concurrency), null, 0.2, concurrency, (run, s) -> { }, () -> false);

        assertThat(o.gcn().refitted()).isTrue();
        assertThat(Arrays.binarySearch(EaseFit.LAMBDAS, o.ease().lambda())).isNotNegative();
        Blend.Pick pick = o.weight();
        assertThat(pick.recalls()).hasSize(Blend.GRID.length);
        assertThat(Blend.GRID).contains(pick.weight());
        // the ends of the grid are the parts alone, on the same validation part that picked the GCN's epochs and
        // EASE's lambda: weight 0 is EASE with the picked lambda, as EaseFit scored it
        int lambda = Arrays.binarySearch(EaseFit.LAMBDAS, o.ease().lambda());
        assertThat(pick.recalls()[0]).isCloseTo(o.ease().validationRecalls()[lambda], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(pick.ndcgs()[0]).isCloseTo(o.ease().validationNdcgs()[lambda], org.assertj.core.data.Offset.offset(1e-9));
        // weight 1 is the GCN's selection model alone on that part
        Interactions.HoldOut validation = data.holdOut(0.2, 5L);
        OfflineEvaluation.Row gcnAlone = OfflineEvaluation.evaluate(input(validation.train(), validation.heldOut()), "gcn",
                HybridFit.gcnScorer(o.gcn().selection().model()), new int[] {20}, 1).get(0);
        assertThat(pick.recalls()[Blend.GRID.length - 1]).isCloseTo(gcnAlone.recall(), org.assertj.core.data.Offset.offset(1e-9));
        // the kept weight is the best of the grid on validation
        for (int g = 0; g < Blend.GRID.length; g++) {
            assertThat(pick.recalls()[g] + pick.ndcgs()[g]).isLessThanOrEqualTo(pick.recall() + pick.ndcg() + 1e-12);
        }
        // the blended final models rank the held-out planted taste well
        OfflineEvaluation.Input test = input(data, outer.heldOut());
        OfflineEvaluation.Row row = OfflineEvaluation.evaluate(test, "hybrid", HybridFit.scorer(o, test), new int[] {5}, 1).get(0);
        assertThat(row.recall()).isGreaterThan(0.3);
    }

    @Test
    void sameOutcomeAtConcurrency1And4() {
        Interactions data = EaseFitTest.planted(2);
        HybridFit.Outcome one = HybridFit.fit(data, params(1), null, 0.2, 1, (r, s) -> { }, () -> false);
        HybridFit.Outcome four = HybridFit.fit(data, params(4), null, 0.2, 4, (r, s) -> { }, () -> false);
        assertThat(four.weight().weight()).isEqualTo(one.weight().weight());
        assertThat(four.weight().recalls()).containsExactly(one.weight().recalls());
        assertThat(four.ease().lambda()).isEqualTo(one.ease().lambda());
        assertThat(four.gcn().model().model().embeddings()).isEqualTo(one.gcn().model().model().embeddings());
    }

    @Test
    void aGivenLambdaIsKeptAndBadInputOrTerminationStops() {
        Interactions data = EaseFitTest.planted(3);
        assertThat(HybridFit.fit(data, params(1), 30.0, 0.2, 1, (r, s) -> { }, () -> false).ease().lambda()).isEqualTo(30.0);
        assertThatThrownBy(() -> HybridFit.fit(data, params(1), null, 0.0, 1, (r, s) -> { }, () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validationFraction").hasMessageContaining("0.0");
        assertThatThrownBy(() -> HybridFit.fit(data, params(1), null, 0.2, 1, (r, s) -> { }, () -> true))
                .isInstanceOf(rec4j.gcn.GcnTrainer.TerminatedException.class);
    }
}
