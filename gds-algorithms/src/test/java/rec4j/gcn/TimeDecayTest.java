package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rec4j.serving.Decay;

/** Interactions that count less as they age: the weights, drawing positives by weight, and a planted drift of taste. */
class TimeDecayTest {

    static final double DAY = Decay.SECONDS_PER_DAY;

    @Test
    void weightsHalveEveryHalfLifeAndTheNewestWeighsOne() {
        float[] w = Decay.weights(new double[] {100 * DAY, 90 * DAY, 70 * DAY}, 1000 * DAY, 10);
        assertThat(w[0]).isEqualTo(1f);
        assertThat(w[1]).isCloseTo(0.5f, within(1e-6f));
        assertThat(w[2]).isCloseTo(0.125f, within(1e-6f));
        // centuries old: tiny, never 0 (an adjacency weight must be > 0)
        assertThat(Decay.weights(new double[] {0, 36_500 * DAY}, 36_500 * DAY, 1)[0]).isEqualTo(Float.MIN_NORMAL);
        assertThat(Decay.weight(5 * DAY, 5 * DAY, 3)).isEqualTo(1.0);
        assertThatThrownBy(() -> Decay.weights(new double[] {1}, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("half-life");
    }

    @Test
    void positivesAreDrawnInProportionToTheirWeight() {
        Random random = new Random(3);
        double[] cumulative = {1, 1, 4}; // weights 1, 0, 3
        int[] counts = new int[3];
        for (int k = 0; k < 40_000; k++) {
            counts[GcnTrainer.byWeight(cumulative, random)]++;
        }
        assertThat(counts[1]).isZero();
        assertThat(counts[0] / 40_000.0).isCloseTo(0.25, within(0.01));
        assertThat(counts[2] / 40_000.0).isCloseTo(0.75, within(0.01));
    }

    /**
     * 80 users, 40 items in two halves; every user liked 8 items of one half long ago (day 0-100) and lately (day
     * 300-310) 4 items of the other half; the test part is 4 more of the other half (the items of a half are alike). Trained on recency-weighted
     * interactions (half-life 10 days) the model ranks the new taste first; trained on plain ones, the old.
     */
    static Interactions drift(long seed, Double halfLifeDays, int[][] test) {
        Random random = new Random(seed);
        int users = 80, items = 40;
        int[][] positives = new int[users][];
        float[][] weights = new float[users][];
        for (int u = 0; u < users; u++) {
            int oldHalf = u % 2, newHalf = 1 - oldHalf;
            int[] old = pick(random, oldHalf, 8, new int[0]);
            int[] recent = pick(random, newHalf, 8, new int[0]);
            test[u] = Arrays.copyOfRange(recent, 4, 8);
            int[] seen = IntStream.concat(Arrays.stream(old), Arrays.stream(recent, 0, 4)).toArray();
            double[] times = new double[seen.length];
            for (int k = 0; k < seen.length; k++) {
                times[k] = (k < 8 ? random.nextInt(100) : 300 + random.nextInt(10)) * DAY;
            }
            Integer[] order = IntStream.range(0, seen.length).boxed().sorted((a, b) -> Integer.compare(seen[a], seen[b]))
                    .toArray(Integer[]::new);
            positives[u] = Arrays.stream(order).mapToInt(k -> seen[k]).toArray();
            float[] w = halfLifeDays == null ? null : Decay.weights(times, 310 * DAY, halfLifeDays);
            weights[u] = new float[seen.length];
            for (int k = 0; k < seen.length; k++) {
                weights[u][k] = w == null ? 1f : w[order[k]];
            }
        }
        return new Interactions(users, items, positives, weights, null, 0);
    }

    private static int[] pick(Random random, int half, int count, int[] taken) {
        int[] all = IntStream.range(0, 40).filter(i -> i % 2 == half).toArray();
        rec4j.numeric.Shuffle.shuffle(all, random);
        return Arrays.copyOf(all, count);
    }

    private static GcnParameters params(int concurrency) {
        return new GcnParameters(16, 2, 30, 128, 0.02, 1e-4, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 100, 5L, concurrency);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void recencyWeightedTrainingFollowsTheDriftOfTaste(int concurrency) {
        int[][] test = new int[80][];
        Interactions plain = drift(11, null, test);
        Interactions decayed = drift(11, 10.0, new int[80][]);
        GcnModel without = GcnTrainer.train(plain, null, params(concurrency), s -> { }, () -> false).model();
        GcnModel with = GcnTrainer.train(decayed, null, params(concurrency), null, null, true, s -> { }, () -> false)
                .model();
        double recallWithout = RankingMetrics.evaluate(without.embeddings(), without.width(), plain, test, 16, 1).recall();
        double recallWith = RankingMetrics.evaluate(with.embeddings(), with.width(), decayed, test, 16, 1).recall();
        // 28 unseen items each: 12 of the old half, 16 of the new (4 of them the test); Recall@16 is 1 when the new half
        // comes first, 0.25 when the old one does
        assertThat(recallWith).isGreaterThan(0.8);
        assertThat(recallWithout).isLessThan(0.5);
        // deterministic at any concurrency
        assertThat(GcnTrainer.train(decayed, null, params(1), null, null, true, s -> { }, () -> false).model().embeddings())
                .isEqualTo(with.embeddings());
    }
}
