package rec4j.ease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import rec4j.gcn.Interactions;

/** Lambda given: one fit on everything; lambda picked: the best validation score of the grid, refit on everything. */
public class EaseFitTest {

    /** 80 users in two groups of taste over 30 items, ~12 items each (HybridFitTest uses it too). */
    public static Interactions planted(long seed) {
        Random r = new Random(seed);
        List<int[]> pairs = new ArrayList<>();
        for (int u = 0; u < 80; u++) {
            for (int i = 0; i < 30; i++) {
                if (r.nextDouble() < (i % 2 == u % 2 ? 0.7 : 0.1)) {
                    pairs.add(new int[] {u, i});
                }
            }
        }
        return Interactions.of(80, 30, pairs.stream().mapToInt(p -> p[0]).toArray(),
                pairs.stream().mapToInt(p -> p[1]).toArray(), null, null, 0);
    }

    @Test
    void aGivenLambdaIsOneFitOnAllInteractions() {
        Interactions data = planted(1);
        EaseFit.Outcome o = EaseFit.fit(data, 25.0, 0.1, 3, 2, () -> false);
        assertThat(o.lambda()).isEqualTo(25.0);
        assertThat(o.validationRecalls()).isEmpty();
        assertThat(o.model().itemVectors()).containsExactly(Ease.fit(30, data.positives(), 25.0, 1, () -> false).itemVectors());
    }

    @Test
    void theLambdaPickedIsTheBestOnValidationAndIsRefitOnAll() {
        Interactions data = planted(2);
        EaseFit.Outcome o = EaseFit.fit(data, null, 0.2, 3, 2, () -> false);
        assertThat(o.validationRecalls()).hasSize(EaseFit.LAMBDAS.length);
        int picked = java.util.Arrays.binarySearch(EaseFit.LAMBDAS, o.lambda());
        assertThat(picked).isNotNegative();
        for (int l = 0; l < EaseFit.LAMBDAS.length; l++) {
            assertThat(o.validationRecalls()[l] + o.validationNdcgs()[l]).as("lambda %s", EaseFit.LAMBDAS[l])
                    .isLessThanOrEqualTo(o.validationRecalls()[picked] + o.validationNdcgs()[picked]);
        }
        // the scores differ across the grid (the pick means something) and the best one finds held-out taste
        assertThat(java.util.Arrays.stream(o.validationRecalls()).distinct().count()).isGreaterThan(1);
        assertThat(o.validationRecalls()[picked]).isGreaterThan(0.3);
        assertThat(o.model().itemVectors()).containsExactly(Ease.fit(30, data.positives(), o.lambda(), 1, () -> false).itemVectors());
    }

    @Test
    void terminationAndBadInput() {
        Interactions data = planted(3);
        assertThatThrownBy(() -> EaseFit.fit(data, null, 0.2, 3, 1, () -> true)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> EaseFit.fit(data, null, 0.0, 3, 1, () -> false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0.0");
    }
}
