package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Warm starts: the earlier model's rows for known nodes, fold-in for new ones, then a few epochs. */
class WarmStartTest {

    @Test
    void copiesKnownRowsAndFoldsNewOnesInFromTheirKnownNeighbours() {
        // 3 users x 3 items; the earlier model knew users 0, 1 and items 0, 1 (d = 2)
        Interactions data = Interactions.of(3, 3, new int[] {0, 0, 1, 2, 2}, new int[] {0, 2, 1, 0, 1},
                new float[] {1, 1, 1, 1, 3}, null, 0);
        float[] oldId = {1, 2, /* user 1 */ 3, 4, /* item 0 */ 5, 6, /* item 1 */ 7, 8};
        WarmStart warm = WarmStart.from(data, 2, oldId, 2, new int[] {0, 1, -1}, new int[] {0, 1, -1});
        assertThat(warm.known()).isEqualTo(4);
        assertThat(Arrays.copyOfRange(warm.id(), 0, 4)).containsExactly(1, 2, 3, 4);
        // user 2 (new) has items 0 (weight 1) and 1 (weight 3): (1 * [5, 6] + 3 * [7, 8]) / 4
        assertThat(Arrays.copyOfRange(warm.id(), 4, 6)).containsExactly(6.5f, 7.5f);
        // item 2 (new) has only user 0
        assertThat(Arrays.copyOfRange(warm.id(), 10, 12)).containsExactly(1, 2);
        assertThat(warm.foldedIn()).isEqualTo(2);
        assertThat(warm.given()).containsOnly(true);
        // a node without any known neighbour keeps its random start; a folded-in row of zeros counts as new
        WarmStart none = WarmStart.from(data, 2, new float[] {0, 0, 3, 4, 5, 6, 7, 8}, 2, new int[] {0, -1, -1},
                new int[] {-1, -1, -1});
        assertThat(none.known()).isZero();
        assertThat(none.given()).containsOnly(false);
    }

    @Test
    void aFewWarmEpochsAfterNewInteractionsMatchTrainingFromScratchAndConcurrencyDoesNotMatter() {
        GcnTrainerTest.Split before = GcnTrainerTest.planted(11);
        GcnParameters p = GcnTrainerTest.params(1);
        GcnModel base = GcnTrainer.train(before.train(), null, p, s -> { }, () -> false).model();
        // the same users and items, now with every held-out interaction (the graph grew); evaluated on the planted taste
        GcnTrainerTest.Split after = GcnTrainerTest.planted(12);
        int[] same = java.util.stream.IntStream.range(0, GcnTrainerTest.USERS).toArray();
        int[] sameItems = java.util.stream.IntStream.range(0, GcnTrainerTest.ITEMS).toArray();
        WarmStart warm = WarmStart.from(after.train(), p.embeddingDimension(), base.idEmbeddings(), base.users(), same, sameItems);
        GcnParameters few = p.withEpochs(1).withLearningRate(0.002); // a warm start's rate (rec.gcn.train initialModel)
        GcnModel warm1 = GcnTrainer.train(after.train(), null, few, null, warm, s -> { }, () -> false).model();
        GcnModel warm4 = GcnTrainer.train(after.train(), null, few.withConcurrency(4), null, warm, s -> { }, () -> false).model();
        assertThat(warm4.embeddings()).isEqualTo(warm1.embeddings());
        GcnModel cold = GcnTrainer.train(after.train(), null, few, s -> { }, () -> false).model();
        GcnModel full = GcnTrainer.train(after.train(), null, p, s -> { }, () -> false).model();
        double warmRecall = recall(warm1, after), coldRecall = recall(cold, after), fullRecall = recall(full, after);
        assertThat(warmRecall).as("warm %s cold %s full %s", warmRecall, coldRecall, fullRecall)
                .isGreaterThan(coldRecall + 0.05).isGreaterThan(fullRecall - 0.05);
    }

    static double recall(GcnModel m, GcnTrainerTest.Split s) {
        return RankingMetrics.evaluate(m.embeddings(), m.width(), s.train(), s.test(), 10, 1).recall();
    }
}
