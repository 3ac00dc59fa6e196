package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Hard negatives (shown and not taken) in BPR, on the planted world of {@link ShownIgnored}. */
class HardNegativesTest {

    static final ShownIgnored.World WORLD = ShownIgnored.generate(120, 80, 4, 12, 0.3, 10, 0.0, 3);

    static GcnParameters params(int concurrency) {
        return new GcnParameters(16, 2, 30, 256, 0.01, 1e-4, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 100, 5L, concurrency);
    }

    @Test
    void theWorldIsAsPlanted() {
        for (int u = 0; u < 120; u++) {
            assertThat(WORLD.shown()[u]).hasSize(10);
            for (int i : WORLD.shown()[u]) {
                assertThat(WORLD.train().isPositive(u, i)).isFalse();
                assertThat(java.util.Arrays.binarySearch(WORLD.test()[u], i)).isNegative();
            }
        }
        // users who take every shown item of their own taste ignore only the others
        ShownIgnored.World taking = ShownIgnored.generate(120, 80, 4, 12, 0.3, 10, 1.0, 3);
        long taken = 0;
        for (int u = 0; u < 120; u++) {
            int user = u;
            assertThat(java.util.Arrays.stream(taking.shown()[u]).boxed().toList())
                    .allSatisfy(i -> assertThat(i % 4).isNotEqualTo(user % 4));
            taken += 10 - taking.shown()[u].length;
        }
        assertThat(taken).isPositive();
    }

    @Test
    void shownItemsFallInTheUsersRankingAndTheResultIsTheSameAtConcurrency1And4() {
        GcnTrainer.HardNegatives hard = new GcnTrainer.HardNegatives(WORLD.shown(), 0.5);
        GcnModel control = GcnTrainer.train(WORLD.train(), null, params(1), s -> { }, () -> false).model();
        GcnModel one = GcnTrainer.train(WORLD.train(), null, params(1), hard, null, s -> { }, () -> false).model();
        GcnModel four = GcnTrainer.train(WORLD.train(), null, params(4), hard, null, s -> { }, () -> false).model();
        assertThat(four.embeddings()).isEqualTo(one.embeddings());
        // rate 0 is the control, bit for bit
        assertThat(GcnTrainer.train(WORLD.train(), null, params(1), new GcnTrainer.HardNegatives(WORLD.shown(), 0.0), null, s -> { },
                () -> false).model().embeddings()).isEqualTo(control.embeddings());
        // the mean rank (among the user's non-items) of what they were shown and ignored drops
        assertThat(meanShownRank(one)).isGreaterThan(meanShownRank(control) + 5);
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new GcnTrainer.HardNegatives(WORLD.shown(), 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1], got 1.5");
    }

    /** The mean position (0 = top) of each user's shown items among the items they have not taken in training. */
    static double meanShownRank(GcnModel model) {
        int users = WORLD.train().users(), items = WORLD.train().items(), w = model.width();
        float[] e = model.embeddings();
        double sum = 0;
        long n = 0;
        for (int u = 0; u < users; u++) {
            float[] score = new float[items];
            for (int i = 0; i < items; i++) {
                for (int c = 0; c < w; c++) {
                    score[i] += e[u * w + c] * e[(users + i) * w + c];
                }
            }
            for (int s : WORLD.shown()[u]) {
                int above = 0;
                for (int i = 0; i < items; i++) {
                    if (!WORLD.train().isPositive(u, i) && score[i] > score[s]) {
                        above++;
                    }
                }
                sum += above;
                n++;
            }
        }
        return sum / n;
    }
}
