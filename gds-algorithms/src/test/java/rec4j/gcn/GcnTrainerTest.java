package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Training on a small generated graph with planted structure: two taste groups of users, each liking the items of its
 * own group. A held-out fifth of each user's items must be found again, at concurrency 1 and 4 alike.
 */
class GcnTrainerTest {

    static final int USERS = 60, ITEMS = 40;

    record Split(Interactions train, int[][] test) {}

    static Split planted(long seed) {
        Random random = new Random(seed);
        List<int[]> train = new ArrayList<>();
        int[][] test = new int[USERS][];
        for (int u = 0; u < USERS; u++) {
            int group = u % 2;
            List<Integer> liked = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                boolean sameGroup = i % 2 == group;
                if (random.nextDouble() < (sameGroup ? 0.5 : 0.03)) {
                    liked.add(i);
                }
            }
            java.util.Collections.shuffle(liked, random);
            int held = liked.size() / 5;
            test[u] = liked.subList(0, held).stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int i : liked.subList(held, liked.size())) {
                train.add(new int[] {u, i});
            }
        }
        int[] us = train.stream().mapToInt(p -> p[0]).toArray();
        int[] is = train.stream().mapToInt(p -> p[1]).toArray();
        return new Split(Interactions.of(USERS, ITEMS, us, is, null, null, 0), test);
    }

    static GcnParameters params(int concurrency) {
        return new GcnParameters(16, 2, 40, 128, 0.01, 1e-4, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 100, 5L, concurrency);
    }

    @Test
    void learnsThePlantedTastesAndIsTheSameAtConcurrency1And4() {
        Split data = planted(1);
        List<GcnTrainer.EpochStats> seen = new ArrayList<>();
        GcnTrainer.Result one = GcnTrainer.train(data.train(), data.test(), params(1), seen::add, () -> false);
        GcnTrainer.Result four = GcnTrainer.train(data.train(), data.test(), params(4), s -> { }, () -> false);

        assertThat(four.model().embeddings()).isEqualTo(one.model().embeddings());
        assertThat(four.epochs().stream().map(GcnTrainer.EpochStats::loss).toList())
                .isEqualTo(one.epochs().stream().map(GcnTrainer.EpochStats::loss).toList());
        assertThat(seen).hasSize(40);
        assertThat(seen.get(39).loss()).isLessThan(seen.get(0).loss() * 0.7);

        RankingMetrics.Result trained = RankingMetrics.evaluate(one.model().embeddings(), one.model().width(), data.train(),
                data.test(), 5, 1);
        // A user has ~8 training items and ~2 held-out ones among the ~12 unseen items of its group, ~32 unseen in all:
        // random ranking finds about 5/32 = 0.16 of them in a top 5, knowing the group perfectly about 5/12 = 0.42.
        assertThat(trained.recall()).isGreaterThan(0.33);
        // the top items of a user belong to the user's group
        int[] top = RankingMetrics.topK(one.model().embeddings(), one.model().width(), USERS, ITEMS, 0,
                data.train().positives()[0], 5);
        assertThat(java.util.Arrays.stream(top).boxed().toList()).hasSize(5).allMatch(i -> i % 2 == 0);
    }

    @Test
    void aBatchOfSeveralLossChunksTrainsTheSameAtAnyConcurrency() {
        Split data = planted(3);
        // 512 x 40 negatives = 20,480 triples a batch: three loss chunks, rows split unevenly over 3 threads
        GcnParameters p = new GcnParameters(16, 2, 6, 512, 0.01, 1e-3, 1.0, 40, GcnParameters.Fusion.NONE, 0.0, 10, 100,
                9L, 1);
        assertThat(512 * 40).isGreaterThan(2 * BprStep.LOSS_CHUNK);
        GcnTrainer.Result one = GcnTrainer.train(data.train(), null, p, s -> { }, () -> false);
        for (int concurrency : new int[] {2, 3, 4}) {
            GcnTrainer.Result other = GcnTrainer.train(data.train(), null, p.withConcurrency(concurrency), s -> { },
                    () -> false);
            assertThat(other.model().embeddings()).isEqualTo(one.model().embeddings());
            assertThat(other.epochs().stream().map(GcnTrainer.EpochStats::loss).toList())
                    .isEqualTo(one.epochs().stream().map(GcnTrainer.EpochStats::loss).toList());
        }
        assertThat(one.epochs().get(5).loss()).isLessThan(one.epochs().get(0).loss());
    }

    @Test
    void otherSeedsGiveOtherModels() {
        Split data = planted(1);
        GcnParameters other = new GcnParameters(16, 2, 5, 128, 0.01, 1e-4, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 100, 6L, 1);
        assertThat(GcnTrainer.train(data.train(), null, other, s -> { }, () -> false).model().embeddings())
                .isNotEqualTo(GcnTrainer.train(data.train(), null, params(1).withEpochs(5), s -> { }, () -> false).model().embeddings());
    }

    @Test
    void theLearningRateDecaysPerEpoch() {
        Split data = planted(1);
        java.util.function.BiFunction<Integer, Double, float[]> train = (epochs, decay) -> GcnTrainer.train(data.train(),
                null, new GcnParameters(16, 2, epochs, 128, 0.01, 1e-4, decay, 1, GcnParameters.Fusion.NONE, 0.0, 10, 100,
                        5L, 1), s -> { }, () -> false).model().embeddings();
        float[] oneEpoch = train.apply(1, 1.0);
        // epoch 1 trains at the full rate whatever the decay; decay 0 trains at rate 0 from epoch 2 on: nothing moves
        assertThat(train.apply(1, 0.0)).isEqualTo(oneEpoch);
        assertThat(train.apply(3, 0.0)).isEqualTo(oneEpoch);
        float[] constant = train.apply(3, 1.0), halving = train.apply(3, 0.5);
        assertThat(constant).isNotEqualTo(oneEpoch);
        assertThat(halving).isNotEqualTo(oneEpoch).isNotEqualTo(constant);
        // a smaller rate moves the parameters less far from where epoch 1 left them
        assertThat(distance(halving, oneEpoch)).isLessThan(distance(constant, oneEpoch));
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(sum);
    }

    @Test
    void earlyStoppingKeepsTheBestValidationModel() {
        Split data = planted(2);
        // a high learning rate without L2 on 60 users: validation recall peaks within a few epochs and then stalls or
        // falls, so patience 3 (evaluating every epoch) stops long before 200 epochs
        int maxEpochs = 200, patience = 3;
        GcnParameters p = new GcnParameters(16, 2, maxEpochs, 128, 0.05, 0.0, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 1, patience,
                5L, 1);
        GcnTrainer.Result result = GcnTrainer.train(data.train(), data.test(), p, s -> { }, () -> false);

        assertThat(result.didConverge()).as("early stopping happened").isTrue();
        assertThat(result.epochs()).hasSizeLessThan(maxEpochs);
        assertThat(result.epochs()).allSatisfy(e -> assertThat(e.validationRecall()).isNotNaN());
        double best = result.epochs().stream().mapToDouble(GcnTrainer.EpochStats::validationRecall).max().orElseThrow();
        int firstBest = result.epochs().stream().filter(e -> e.validationRecall() == best).findFirst().orElseThrow().epoch();
        // the kept epoch is the first with the best recall, and training stopped exactly `patience` evaluations later
        assertThat(result.bestEpoch()).isEqualTo(firstBest);
        assertThat(result.bestValidationRecall()).isEqualTo(best);
        assertThat(result.epochs()).hasSize(firstBest + patience);
        assertThat(result.epochs().get(result.epochs().size() - 1).validationRecall()).as("the last epoch is not the best")
                .isLessThanOrEqualTo(best);
        // the returned model is the kept epoch's, not the last one's
        assertThat(RankingMetrics.evaluate(result.model().embeddings(), result.model().width(), data.train(), data.test(), 20, 1)
                .recall()).isEqualTo(best);
        GcnTrainer.Result lastEpochOnly = GcnTrainer.train(data.train(), null, p.withEpochs(result.epochs().size()), s -> { },
                () -> false);
        assertThat(result.model().embeddings()).as("not the model of the last epoch")
                .isNotEqualTo(lastEpochOnly.model().embeddings());
        GcnTrainer.Result bestEpochOnly = GcnTrainer.train(data.train(), null, p.withEpochs(firstBest), s -> { }, () -> false);
        assertThat(result.model().embeddings()).as("the model of the kept epoch").isEqualTo(bestEpochOnly.model().embeddings());
    }

    @Test
    void terminationStopsWithinOneBatch() {
        Split data = planted(1);
        int[] checks = {0};
        assertThatThrownBy(() -> GcnTrainer.train(data.train(), null, params(1), s -> { }, () -> ++checks[0] > 3))
                .isInstanceOf(GcnTrainer.TerminatedException.class);
        assertThat(checks[0]).isEqualTo(4);
    }

    /** Users 0-1 rated all 12 items (no negative exists for them), users 2-3 a few: the reported hang. */
    static Interactions saturated() {
        List<int[]> pairs = new ArrayList<>();
        for (int u = 0; u < 2; u++) {
            for (int i = 0; i < 12; i++) {
                pairs.add(new int[] {u, i});
            }
        }
        for (int i = 0; i < 3; i++) {
            pairs.add(new int[] {2, i});
            pairs.add(new int[] {3, 11 - i});
        }
        return Interactions.of(4, 12, pairs.stream().mapToInt(p -> p[0]).toArray(),
                pairs.stream().mapToInt(p -> p[1]).toArray(), null, null, 0);
    }

    @Test
    void usersWhoRatedEveryItemGetNoNegativesAndTrainingEnds() {
        GcnParameters p = new GcnParameters(8, 2, 3, 4, 0.01, 1e-4, 1.0, 5, GcnParameters.Fusion.NONE, 0.0, 10, 100, 5L, 1);
        GcnTrainer.Result one = GcnTrainer.train(saturated(), null, p, s -> { }, () -> false);
        GcnTrainer.Result four = GcnTrainer.train(saturated(), null, p.withConcurrency(4), s -> { }, () -> false);
        assertThat(one.epochs()).hasSize(3);
        assertThat(four.model().embeddings()).isEqualTo(one.model().embeddings());

        // nobody has a negative: a clear error instead of an endless loop
        Interactions full = Interactions.of(2, 3, new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 1, 2, 0, 1, 2}, null, null, 0);
        assertThatThrownBy(() -> GcnTrainer.train(full, null, p, s -> { }, () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no negative item");
    }

    @Test
    void negativesAreUniformAmongTheUsersNonItemsEvenWhenNearlyEveryItemIsTaken() {
        // user 0 has 98 of 100 items: rejection sampling fails often, the exact draw must still hit only items 17 and 60
        int[] items = java.util.stream.IntStream.range(0, 100).filter(i -> i != 17 && i != 60).toArray();
        Interactions dense = Interactions.of(1, 100, new int[items.length], items, null, null, 0);
        Random random = new Random(1);
        int[] counts = new int[100];
        for (int k = 0; k < 2000; k++) {
            counts[GcnTrainer.negative(dense, 0, dense.positives()[0], random)]++;
        }
        assertThat(counts[17] + counts[60]).isEqualTo(2000);
        assertThat(counts[17]).isBetween(850, 1150);
    }

    @Test
    void aDivergingRunFailsAndReturnsNoModel() {
        Split data = planted(1);
        GcnParameters p = new GcnParameters(16, 2, 5, 128, 1e30, 0.0, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 100, 5L, 1);
        assertThatThrownBy(() -> GcnTrainer.train(data.train(), null, p, s -> { }, () -> false))
                .isInstanceOf(GcnTrainer.DivergedException.class)
                .hasMessageContaining("training diverged in epoch")
                .hasMessageContaining("lower 'learningRate' (1.0E30)");
    }

    @Test
    void terminationDuringValidationStopsTheEvaluation() {
        Split data = planted(1);
        int[] checks = {0};
        // one batch per epoch (batch 100000): the 2nd check is the batch, later ones come from the evaluation's blocks
        GcnParameters p = new GcnParameters(16, 2, 5, 100_000, 0.01, 1e-4, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 1, 100, 5L, 2);
        assertThatThrownBy(() -> GcnTrainer.train(data.train(), data.test(), p, s -> { }, () -> ++checks[0] > 1))
                .isInstanceOf(GcnTrainer.TerminatedException.class).hasMessageContaining("in epoch 1");
    }
}
