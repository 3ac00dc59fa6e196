package rec4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void recoversThePlantedLogisticLinkAndCalibratesWhatARawSigmoidDoesNot() {
        // outcomes drawn from p = sigmoid(2 x score - 3): Platt finds a = 2, b = -3
        Random random = new Random(7);
        int n = 200_000;
        double[] scores = new double[n];
        boolean[] labels = new boolean[n];
        for (int k = 0; k < n; k++) {
            scores[k] = random.nextGaussian() * 1.5;
            labels[k] = random.nextDouble() < 1 / (1 + Math.exp(-(2 * scores[k] - 3)));
        }
        Calibration.Platt platt = Calibration.fit(scores, labels, 50);
        assertThat(platt.a()).isCloseTo(2.0, within(0.05));
        assertThat(platt.b()).isCloseTo(-3.0, within(0.05));
        double[] calibrated = new double[n], raw = new double[n];
        for (int k = 0; k < n; k++) {
            calibrated[k] = platt.probability(scores[k]);
            raw[k] = 1 / (1 + Math.exp(-scores[k]));
        }
        double eceCalibrated = Calibration.ece(Calibration.reliability(calibrated, labels, 10));
        double eceRaw = Calibration.ece(Calibration.reliability(raw, labels, 10));
        assertThat(eceCalibrated).isLessThan(0.01);
        assertThat(eceRaw).isGreaterThan(0.1);
    }

    @Test
    void eceOfAHandMadeDiagram() {
        // two bins: 0.1 predicted, 0.2 observed (4 of 20); 0.9 predicted, 0.5 observed (10 of 20) -> 0.5 x 0.1 + 0.5 x 0.4
        double[] p = new double[40];
        boolean[] y = new boolean[40];
        for (int k = 0; k < 20; k++) {
            p[k] = 0.1;
            y[k] = k < 4;
            p[20 + k] = 0.9;
            y[20 + k] = k < 10;
        }
        assertThat(Calibration.ece(Calibration.reliability(p, y, 10))).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void weightedNegativesStandForTheItemsTheyWereDrawnFrom() {
        // 50 users, 1,000 items; user u's held-out item is item u, scoring 3 for even users and 0.5 for odd ones; the
        // other unseen items score 3 (every tenth), 0.5 or -0.5. The sample of 100 negatives per user must be weighted by
        // (unseen / 100) for the probabilities summed over every unseen pair to come to the 50 held-out items
        int users = 50, items = 1000;
        int[][] train = new int[users][], held = new int[users][];
        for (int u = 0; u < users; u++) {
            train[u] = new int[] {999 - u};
            held[u] = new int[] {u};
        }
        Calibration.PairScorer scorer = (u, i) -> i == u ? (u % 2 == 0 ? 3 : 0.5) : i % 10 == 0 ? 3 : i % 2 == 0 ? 0.5 : -0.5;
        Calibration.Fitted f = Calibration.fitOnHoldOut(scorer, items, train, held, 1, () -> false);
        assertThat(f.positives()).isEqualTo(users);
        assertThat(f.pairs()).isEqualTo(users * 101L);
        assertThat(f.users()).isEqualTo(users);
        double expected = 0;
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (i != 999 - u) {
                    expected += f.platt().probability(scorer.score(u, i));
                }
            }
        }
        // exact on the weighted sample, close over every unseen pair
        assertThat(expected / users).isCloseTo(1.0, within(0.15));
        assertThat(f.platt().probability(3)).isGreaterThan(f.platt().probability(0.5));
        assertThat(f.platt().probability(0.5)).isGreaterThan(f.platt().probability(-0.5));
        // unweighted, the sample's negatives would stand for 100 items, not about 998: probabilities ~10x too high
        assertThat(f.platt().probability(3)).isLessThan(0.1);
        // the same sample for the same seed
        assertThat(Calibration.fitOnHoldOut(scorer, items, train, held, 1, () -> false)).isEqualTo(f);
        assertThat(Calibration.fitOnHoldOut(scorer, items, train, new int[users][0], 1, () -> false)).isNull();
        assertThatThrownBy(() -> Calibration.fitOnHoldOut(scorer, items, train, held, 1, () -> true))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void oneOutcomeOnlyIsRefused() {
        assertThatThrownBy(() -> Calibration.fit(new double[] {1, 2}, new boolean[] {true, true}, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both outcomes");
    }
}
