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
    void oneOutcomeOnlyIsRefused() {
        assertThatThrownBy(() -> Calibration.fit(new double[] {1, 2}, new boolean[] {true, true}, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both outcomes");
    }
}
