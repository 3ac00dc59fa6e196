package rec4j.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentTrainerTest {

    private static final List<String> BINARY = List.of("negative", "positive");

    @Test
    void classifierScoresAndLabelsByHand() {
        // negative: w = (-1, 0), b = 0; positive: w = (1, 0), b = 0.5
        SentimentClassifier c = new SentimentClassifier(BINARY, 2, new float[] {-1, 0, 1, 0}, new float[] {0, 0.5f}, 0.2);
        // x = (0, 1): z = (0, 0.5): p(pos) = 1 / (1 + e^-0.5) = 0.62246, score = 0.24492
        SentimentClassifier.Prediction p = c.predict(new float[] {0, 1});
        assertThat(p.score()).isCloseTo(0.244919, within(1e-5));
        assertThat(p.label()).isEqualTo("positive");
        // x = (-0.2, 0): z = (0.2, 0.3): score = tanh(0.05) = 0.04996, inside the band
        assertThat(c.predict(new float[] {-0.2f, 0}).label()).isEqualTo("neutral");
        assertThat(c.withNeutralMargin(0.01).predict(new float[] {-0.2f, 0}).label()).isEqualTo("positive");
        // x = (-1, 0): z = (1, -0.5): score = -tanh(0.75) = -0.63515
        assertThat(c.predict(new float[] {-1, 0}).score()).isCloseTo(-0.635149, within(1e-5));
        assertThat(c.predict(new float[] {-1, 0}).label()).isEqualTo("negative");
        assertThatThrownBy(() -> c.predict(new float[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2, got 3");
    }

    @Test
    void aNeutralClassWinsByArgmax() {
        List<String> three = List.of("negative", "neutral", "positive");
        // z = (0, 2, 1) for x = (1): neutral most probable though p(pos) > p(neg)
        SentimentClassifier c = new SentimentClassifier(three, 1, new float[] {0, 2, 1}, new float[3], 0.0);
        SentimentClassifier.Prediction p = c.predict(new float[] {1});
        assertThat(p.label()).isEqualTo("neutral");
        double e0 = 1, e1 = Math.exp(2), e2 = Math.exp(1), sum = e0 + e1 + e2;
        assertThat(p.score()).isCloseTo((e2 - e0) / sum, within(1e-6));
    }

    @Test
    void logisticRegressionReachesTheHandDerivedOptimum() {
        // x = +1 positive, x = -1 negative; by symmetry the biases are 0 and w_pos = -w_neg = w, where the loss
        // log(1 + e^(-2w)) + l2 * w^2 is minimal: sigmoid(-2w) = l2 * w
        double l2 = 0.1;
        double lo = 0, hi = 20;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (1 / (1 + Math.exp(2 * mid)) > l2 * mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double w = lo; // 1.4 < w < 1.5
        assertThat(w).isBetween(1.0, 3.0);
        float[][] x = {{1}, {-1}, {1}, {-1}};
        int[] y = {1, 0, 1, 0};
        SentimentTrainer.Fit fit = SentimentTrainer.logistic(x, y, BINARY, new SentimentTrainer.Parameters(l2, 50, 1e-10, 0.2),
                () -> false);
        assertThat(fit.converged()).isTrue();
        assertThat(fit.iterations()).isBetween(1, 20);
        SentimentClassifier c = fit.classifier();
        assertThat((double) c.weights()[1]).isCloseTo(w, within(1e-5));
        assertThat((double) c.weights()[0]).isCloseTo(-w, within(1e-5));
        assertThat((double) c.bias()[0]).isCloseTo(0, within(1e-6));
        assertThat(c.predict(new float[] {1}).score()).isCloseTo(Math.tanh(w), within(1e-5));
        assertThat(fit.loss()).isCloseTo(Math.log(1 + Math.exp(-2 * w)) + l2 * w * w, within(1e-9));
        assertThat(SentimentMetrics.accuracy(c, x, y)).isEqualTo(1.0);
    }

    /**
     * A prior that reads the second coordinate, data separated by the first: a large l2 keeps the fit at the prior, a
     * small one moves it to the data. The prior has a neutral class the fit does not: matched by name, it is ignored.
     */
    @Test
    void aPriorHoldsTheFitWithALargeL2AndYieldsToTheDataWithASmallOne() {
        List<String> three = List.of("negative", "neutral", "positive");
        // negative: (0, -2), b 0.3; neutral: (5, 5), b 9 (ignored); positive: (0, 2), b -0.3
        SentimentClassifier prior = new SentimentClassifier(three, 2, new float[] {0, -2, 5, 5, 0, 2},
                new float[] {0.3f, 9, -0.3f}, 0.2);
        float[][] x = {{1, 0.5f}, {0.8f, -0.6f}, {-1, 0.4f}, {-0.9f, -0.5f}};
        int[] y = {1, 1, 0, 0};
        // the prior's score follows the second coordinate: right on half of the data
        assertThat(prior.predict(x[0]).score()).isPositive();
        assertThat(prior.predict(x[1]).score()).isNegative();
        double[] theta0 = SentimentTrainer.priorParameters(prior, BINARY, 2);
        assertThat(theta0).containsExactly(0, -2, 0.3f, 0, 2, -0.3f);

        SentimentTrainer.Fit held = SentimentTrainer.logistic(x, y, BINARY, new SentimentTrainer.Parameters(100, 50, 1e-10, 0),
                null, prior, () -> false);
        assertThat(held.converged()).isTrue();
        float[] expected = {0, -2, 0, 2};
        for (int q = 0; q < 4; q++) {
            assertThat(held.classifier().weights()[q]).isCloseTo(expected[q], within(0.01f));
        }
        assertThat(held.classifier().bias()).containsExactly(new float[] {0.3f, -0.3f}, within(0.01f));
        assertThat(SentimentMetrics.accuracy(held.classifier(), x, y)).isEqualTo(0.5); // the prior's view of the data

        SentimentTrainer.Fit moved = SentimentTrainer.logistic(x, y, BINARY, new SentimentTrainer.Parameters(1e-3, 50, 1e-10, 0),
                null, prior, () -> false);
        assertThat(moved.converged()).isTrue();
        assertThat(SentimentMetrics.accuracy(moved.classifier(), x, y)).isEqualTo(1.0);
        float[] w = moved.classifier().weights();
        assertThat(w[2] - w[0]).isGreaterThan(3f); // the first coordinate now decides

        // a class the prior lacks starts at (and is pulled toward) zero
        SentimentClassifier binary = new SentimentClassifier(BINARY, 2, new float[] {1, 2, 3, 4}, new float[] {5, 6}, 0.2);
        assertThat(SentimentTrainer.priorParameters(binary, three, 2)).containsExactly(1, 2, 5, 0, 0, 0, 3, 4, 6);
        assertThatThrownBy(() -> SentimentTrainer.priorParameters(binary, BINARY, 3))
                .hasMessageContaining("dimension 2, the examples have dimension 3");
    }

    @Test
    void logisticRegressionWithAPriorReachesTheHandDerivedOptimum() {
        // x = +1 positive, x = -1 negative; prior w_pos = a = -0.5, w_neg = 0.5 (the wrong way round), both biases 0.7.
        // By symmetry the biases stay at the prior's and w_pos = -w_neg = w, where log(1 + e^(-2w)) + l2 (w - a)^2 is
        // minimal: sigmoid(-2w) = l2 (w - a)
        double l2 = 0.5, a = -0.5;
        double lo = -20, hi = 20;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (1 / (1 + Math.exp(2 * mid)) > l2 * (mid - a)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double w = lo; // about 0.25: the data turns the sign, the prior holds it back
        assertThat(w).isBetween(0.1, 0.4);
        SentimentClassifier prior = new SentimentClassifier(BINARY, 1, new float[] {0.5f, -0.5f}, new float[] {0.7f, 0.7f}, 0.2);
        float[][] x = {{1}, {-1}, {1}, {-1}};
        int[] y = {1, 0, 1, 0};
        SentimentTrainer.Fit fit = SentimentTrainer.logistic(x, y, BINARY, new SentimentTrainer.Parameters(l2, 50, 1e-10, 0.2),
                null, prior, () -> false);
        assertThat(fit.converged()).isTrue();
        assertThat(fit.iterations()).isBetween(1, 20);
        SentimentClassifier c = fit.classifier();
        assertThat((double) c.weights()[1]).isCloseTo(w, within(1e-5));
        assertThat((double) c.weights()[0]).isCloseTo(-w, within(1e-5));
        assertThat((double) c.bias()[0]).isCloseTo(0.7, within(1e-6));
        assertThat((double) c.bias()[1]).isCloseTo(0.7, within(1e-6));
        assertThat(fit.loss()).isCloseTo(Math.log(1 + Math.exp(-2 * w)) + l2 * (w - a) * (w - a), within(1e-9));
        assertThat(SentimentMetrics.accuracy(c, x, y)).isEqualTo(1.0);
    }

    /** No prior is the fit toward zero as before; a prior of zeros gives the very same numbers. */
    @Test
    void noPriorAndAZeroPriorAreTheFitTowardZero() {
        float[][] x = {{1, 0.2f}, {0.8f, -0.1f}, {0.3f, 0.9f}, {-0.2f, 0.4f}, {-1, 0.1f}, {0.1f, -0.3f}};
        int[] y = {1, 1, 1, 0, 0, 0};
        SentimentTrainer.Parameters p = new SentimentTrainer.Parameters(0.05, 50, 1e-9, 0.0);
        double[] weights = {1, 2};
        SentimentTrainer.Fit before = SentimentTrainer.logistic(x, y, BINARY, p, weights, () -> false);
        SentimentTrainer.Fit none = SentimentTrainer.logistic(x, y, BINARY, p, weights, null, () -> false);
        SentimentTrainer.Fit zero = SentimentTrainer.logistic(x, y, BINARY, p, weights,
                new SentimentClassifier(BINARY, 2, new float[4], new float[2], 0.2), () -> false);
        for (SentimentTrainer.Fit f : List.of(none, zero)) {
            assertThat(f.classifier().weights()).isEqualTo(before.classifier().weights());
            assertThat(f.classifier().bias()).isEqualTo(before.classifier().bias());
            assertThat(f.loss()).isEqualTo(before.loss());
            assertThat(f.iterations()).isEqualTo(before.iterations());
        }
        assertThat(SentimentTraining.fitAndTest(x, y, x, y, BINARY, p, false, () -> false).fromPrior()).isFalse();
        assertThat(SentimentTraining.fitAndTest(x, y, x, y, BINARY, p, false, zero.classifier(), () -> false).fromPrior())
                .isTrue();
    }

    @Test
    void threeClassesOnSeparatedClusters() {
        // clusters around (1,0), (0,1), (-1,0): negative, neutral, positive (in that class order)
        List<String> classes = List.of("negative", "neutral", "positive");
        float[][] x = {{1, 0.1f}, {0.9f, -0.1f}, {0.1f, 1}, {-0.1f, 0.9f}, {-1, 0.1f}, {-0.9f, -0.1f}};
        int[] y = {0, 0, 1, 1, 2, 2};
        SentimentTrainer.Fit fit = SentimentTrainer.logistic(x, y, classes, new SentimentTrainer.Parameters(0.01, 50, 1e-8, 0.2),
                () -> false);
        assertThat(fit.converged()).isTrue();
        assertThat(SentimentMetrics.accuracy(fit.classifier(), x, y)).isEqualTo(1.0);
        assertThat(fit.classifier().predict(new float[] {0, 1}).label()).isEqualTo("neutral");
        assertThat(fit.classifier().predict(new float[] {-1, 0}).label()).isEqualTo("positive");
        assertThat(fit.classifier().predict(new float[] {1, 0}).label()).isEqualTo("negative");
        // the same data once more: the same numbers (no randomness)
        SentimentTrainer.Fit again = SentimentTrainer.logistic(x, y, classes, new SentimentTrainer.Parameters(0.01, 50, 1e-8, 0.2),
                () -> false);
        assertThat(again.classifier().weights()).isEqualTo(fit.classifier().weights());
    }

    @Test
    void stopIsHonouredBetweenIterations() {
        assertThatThrownBy(() -> SentimentTrainer.logistic(new float[][] {{1}, {-1}}, new int[] {1, 0}, BINARY,
                new SentimentTrainer.Parameters(0.1, 50, 1e-10, 0.2), () -> true))
                .isInstanceOf(SentimentTrainer.StoppedException.class);
    }

    @Test
    void prototypesAreScaledClassMeans() {
        // positive: (1,0) and (0.6,0.8): mean direction (0.8,0.4)/|.| = (0.894427, 0.447214); negative: (-1, 0)
        float[][] x = {{1, 0}, {0.6f, 0.8f}, {-1, 0}};
        SentimentClassifier c = SentimentTrainer.prototypes(x, new int[] {1, 1, 0}, BINARY, 2.0, 0.2);
        assertThat(c.weights()[2]).isCloseTo(1.788854f, within(1e-5f));
        assertThat(c.weights()[3]).isCloseTo(0.894427f, within(1e-5f));
        assertThat(c.weights()[0]).isCloseTo(-2f, within(1e-6f));
        // x = (0, 1): z = (0, 0.894427), score = tanh(0.447214) = 0.419606
        assertThat(c.predict(new float[] {0, 1}).score()).isCloseTo(0.419606, within(1e-5));
        assertThatThrownBy(() -> SentimentTrainer.prototypes(x, new int[] {1, 1, 1}, BINARY, 1, 0.2))
                .hasMessageContaining("class 'negative' has no examples");
    }

    @Test
    void choleskySolvesASmallSystem() {
        // [[4, 2], [2, 3]] x = [2, 1]  ->  x = [0.5, 0]
        double[] x = LogisticObjective.solve(new double[] {4, 2, 2, 3}, new double[] {2, 1}, 2);
        assertThat(x[0]).isCloseTo(0.5, within(1e-12));
        assertThat(x[1]).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void splitHoldsOutTheFirstShareOfTheSeededShuffle() {
        List<String> texts = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "t" + i).toList();
        int[] labels = java.util.stream.IntStream.range(0, 10).map(i -> i % 3).toArray();
        int[] order = rec4j.numeric.Shuffle.permutation(10, new java.util.Random(7));
        SentimentTraining.Split split = SentimentTraining.split(texts, labels, 0.25, 7); // round(2.5) = 3 held out
        assertThat(split.testTexts()).containsExactly("t" + order[0], "t" + order[1], "t" + order[2]);
        assertThat(split.testLabels()).containsExactly(order[0] % 3, order[1] % 3, order[2] % 3);
        assertThat(split.trainTexts()).hasSize(7).doesNotContainAnyElementsOf(split.testTexts());
        assertThat(split.trainTexts().get(0)).isEqualTo("t" + order[3]);
        assertThat(split.trainLabels()[6]).isEqualTo(order[9] % 3);
        assertThat(SentimentTraining.split(texts, labels, 0, 7).testTexts()).isEmpty();
    }

    @Test
    void fitAndTestReportsBothAccuracies() {
        float[][] train = {{1, 0}, {0.9f, 0.1f}, {-1, 0}, {-0.8f, -0.2f}};
        int[] trainY = {1, 1, 0, 0};
        SentimentTrainer.Parameters p = new SentimentTrainer.Parameters(1e-3, 50, 1e-7, 0.2);
        SentimentTraining.Outcome o = SentimentTraining.fitAndTest(train, trainY, new float[][] {{0.7f, 0}, {0.6f, 0}},
                new int[] {1, 0}, BINARY, p, false, () -> false);
        assertThat(o.examples()).isEqualTo(6);
        assertThat(o.trainExamples()).isEqualTo(4);
        assertThat(o.testExamples()).isEqualTo(2);
        assertThat(o.trainAccuracy()).isEqualTo(1.0);
        assertThat(o.testAccuracy()).isEqualTo(0.5);
        assertThat(o.iterations()).isPositive();
        assertThat(SentimentTraining.fitAndTest(train, trainY, new float[0][], new int[0], BINARY, p, false, () -> false)
                .testAccuracy()).isNull();
    }

    @Test
    void labelsAndRatings() {
        assertThat(SentimentLabels.fromLabel(" Positive ")).isEqualTo("positive");
        assertThat(SentimentLabels.fromLabel("neg")).isEqualTo("negative");
        assertThat(SentimentLabels.fromLabel("NEUTRAL")).isEqualTo("neutral");
        assertThat(SentimentLabels.fromLabel(true)).isEqualTo("positive");
        assertThat(SentimentLabels.fromLabel(0L)).isEqualTo("negative");
        assertThat(SentimentLabels.fromLabel(1.0)).isEqualTo("positive");
        assertThat(SentimentLabels.fromLabel(2L)).isNull();
        assertThat(SentimentLabels.fromLabel("great")).isNull();
        assertThat(SentimentLabels.fromRating(5L, 4, 2)).isEqualTo("positive");
        assertThat(SentimentLabels.fromRating(4.0, 4, 2)).isEqualTo("positive");
        assertThat(SentimentLabels.fromRating(3L, 4, 2)).isEqualTo("neutral");
        assertThat(SentimentLabels.fromRating(2L, 4, 2)).isEqualTo("negative");
        assertThat(SentimentLabels.fromRating("5", 4, 2)).isNull();
    }

    /** Class weights (3, 1) give the same fit as the data with every negative example three times over. */
    @Test
    void classWeightsEqualRepeatedExamples() {
        float[][] x = {{1, 0.2f}, {0.8f, -0.1f}, {0.3f, 0.9f}, {-0.2f, 0.4f}, {-1, 0.1f}, {0.1f, -0.3f}};
        int[] y = {1, 1, 1, 1, 0, 0};
        float[][] repeated = {{1, 0.2f}, {0.8f, -0.1f}, {0.3f, 0.9f}, {-0.2f, 0.4f}, {-1, 0.1f}, {0.1f, -0.3f},
                {-1, 0.1f}, {0.1f, -0.3f}, {-1, 0.1f}, {0.1f, -0.3f}};
        int[] repeatedY = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        SentimentTrainer.Parameters p = new SentimentTrainer.Parameters(0.05, 50, 1e-9, 0.0);
        SentimentClassifier weighted = SentimentTrainer.logistic(x, y, BINARY, p, new double[] {3, 1}, () -> false).classifier();
        SentimentClassifier plain = SentimentTrainer.logistic(repeated, repeatedY, BINARY, p, () -> false).classifier();
        SentimentClassifier unweighted = SentimentTrainer.logistic(x, y, BINARY, p, () -> false).classifier();
        for (int q = 0; q < 4; q++) {
            assertThat(weighted.weights()[q]).isCloseTo(plain.weights()[q], within(1e-5f));
        }
        assertThat(weighted.bias()[0] - weighted.bias()[1]).isCloseTo(plain.bias()[0] - plain.bias()[1], within(1e-5f));
        // and the weighting did change the fit: the negative class's bias moved up
        assertThat(weighted.bias()[0] - weighted.bias()[1]).isGreaterThan(unweighted.bias()[0] - unweighted.bias()[1] + 0.1f);
        assertThat(SentimentTrainer.balancedWeights(y, 2)).containsExactly(6.0 / 4, 6.0 / 8);
    }

    /** 90 % positives on overlapping 1-d data: balanced weights raise the balanced accuracy and the negatives' recall. */
    @Test
    void balancedWeightsHelpTheRareClass() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int n = 1000;
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10 == 0 ? 0 : 1;
            x[i] = new float[] {(float) ((y[i] == 1 ? 0.5 : -0.5) + r.nextGaussian())};
        }
        SentimentTrainer.Parameters p = new SentimentTrainer.Parameters(1e-3, 50, 1e-8, 0.0);
        SentimentTraining.Outcome plain = SentimentTraining.fitAndTest(x, y, x, y, BINARY, p, false, () -> false);
        SentimentTraining.Outcome balanced = SentimentTraining.fitAndTest(x, y, x, y, BINARY, p, true, () -> false);
        assertThat(plain.testRecall().recall()[0]).isLessThan(0.2);
        assertThat(balanced.testRecall().recall()[0]).isGreaterThan(0.5);
        assertThat(balanced.testRecall().balancedAccuracy()).isGreaterThan(plain.testRecall().balancedAccuracy() + 0.1);
        assertThat(plain.testAccuracy()).isGreaterThan(balanced.testAccuracy());
        assertThat(balanced.balanced()).isTrue();
    }

    @Test
    void classRecallByHand() {
        // classifier: positive iff x > 0
        SentimentClassifier c = new SentimentClassifier(BINARY, 1, new float[] {-1, 1}, new float[2], 0.0);
        float[][] x = {{1}, {2}, {-1}, {3}, {0.5f}, {-2}};
        int[] y = {1, 1, 1, 0, 0, 0}; // positives: 2 of 3 right; negatives: 1 of 3 right
        SentimentMetrics.ClassRecall r = SentimentMetrics.classRecall(c, x, y);
        assertThat(r.recall()[1]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(r.recall()[0]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.balancedAccuracy()).isCloseTo(0.5, within(1e-12));
        assertThat(SentimentMetrics.classRecall(c, new float[][] {{1}}, new int[] {1}).recall()[0]).isNaN();
    }
}
