package rec4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineEvaluationTest {

    @Test
    void normalQuantilesAndWilsonIntervalsMatchPublishedValues() {
        assertThat(OnlineEvaluation.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(OnlineEvaluation.normalQuantile(0.95)).isCloseTo(1.644854, within(1e-6));
        assertThat(OnlineEvaluation.normalQuantile(0.995)).isCloseTo(2.575829, within(1e-6));
        assertThat(OnlineEvaluation.normalQuantile(0.01)).isCloseTo(-2.326348, within(1e-6));
        assertThat(OnlineEvaluation.normalQuantile(0.5)).isCloseTo(0.0, within(1e-12));
        // Wilson 95 % for 10 of 100 (Newcombe 1998, method 3 gives 0.0552 - 0.1744)
        double[] w = OnlineEvaluation.wilson(10, 100, OnlineEvaluation.normalQuantile(0.975));
        assertThat(w[0]).isCloseTo(0.0552, within(1e-4));
        assertThat(w[1]).isCloseTo(0.1744, within(1e-4));
        // 0 of 10: lower end 0, upper 0.2775
        double[] zero = OnlineEvaluation.wilson(0, 10, OnlineEvaluation.normalQuantile(0.975));
        assertThat(zero[0]).isEqualTo(0.0);
        assertThat(zero[1]).isCloseTo(0.2775, within(1e-4));
        Double[] d = OnlineEvaluation.difference(30, 100, 20, 100, 1.96);
        assertThat(d[0]).isCloseTo(0.10, within(1e-12));
        double se = Math.sqrt(0.3 * 0.7 / 100 + 0.2 * 0.8 / 100);
        assertThat(d[1]).isCloseTo(0.10 - 1.96 * se, within(1e-12));
        assertThat(d[2]).isCloseTo(0.10 + 1.96 * se, within(1e-12));
    }

    @Test
    void countsImpressionsListsHitsCoverageAndWindows() {
        long day = 86_400_000L;
        OnlineEvaluation.Accumulator acc = new OnlineEvaluation.Accumulator(2, day);
        // user 1, list at t=1000 by A: ranks 1, 2 (hit), 3 (beyond k: not counted)
        acc.add("A", 1, 10, 1, 1000, false);
        acc.add("A", 1, 11, 2, 1000, true);
        acc.add("A", 1, 12, 3, 1000, true);
        // user 2, list at t=2000 by A: no hit
        acc.add("A", 2, 10, 1, 2000, false);
        acc.add("A", 2, 13, 2, 2000, false);
        // user 3 by B: two lists, both hit; one a day later (its own window)
        acc.add("B", 3, 10, 1, 1000, true);
        acc.add("B", 3, 11, 2, 1000, false);
        acc.add("B", 3, 12, 1, day + 5, true);
        List<OnlineEvaluation.Row> rows = acc.rows(20, "A", 0.95);
        assertThat(rows).extracting(OnlineEvaluation.Row::model, OnlineEvaluation.Row::window)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 0L), org.assertj.core.groups.Tuple.tuple("B", 0L),
                        org.assertj.core.groups.Tuple.tuple("B", day));
        OnlineEvaluation.Row a = rows.get(0), b = rows.get(1), later = rows.get(2);
        assertThat(a.impressions()).isEqualTo(4);
        assertThat(a.responses()).isEqualTo(1);
        assertThat(a.ctr()).isEqualTo(0.25);
        assertThat(a.lists()).isEqualTo(2);
        assertThat(a.hitRate()).isEqualTo(0.5);
        assertThat(a.itemsShown()).isEqualTo(3);
        assertThat(a.coverage()).isEqualTo(3 / 20.0);
        assertThat(a.ctrDiff()).isNull();
        assertThat(b.ctr()).isEqualTo(0.5);
        assertThat(b.hitRate()).isEqualTo(1.0);
        assertThat(b.ctrDiff()).isCloseTo(0.25, within(1e-12));
        assertThat(b.hitRateDiff()).isCloseTo(0.5, within(1e-12));
        assertThat(b.ctrDiffLow()).isLessThan(b.ctrDiff());
        assertThat(b.ctrDiffHigh()).isGreaterThan(b.ctrDiff());
        // the baseline has no lists in the later window: no difference there
        assertThat(later.impressions()).isEqualTo(1);
        assertThat(later.ctrDiff()).isNull();
        assertThat(acc.models()).containsExactly("A", "B");
    }
}
