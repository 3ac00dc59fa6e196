package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trained model is its parameters averaged over the checkpoints, its embeddings are those parameters propagated,
 * and training for the picked epoch count ends on the model the selection run picked.
 */
class ParameterAverageTest {

    @Test
    void eightCheckpointsWeighEquallyThenEachKeepsSevenEighths() {
        GcnTrainerTest.Split data = GcnTrainerTest.planted(3);
        GcnParameters p = GcnTrainerTest.params(1);
        try (GcnNetwork net = new GcnNetwork(p, data.train().adjacency(), data.train(), new Random(1))) {
            ParameterAverage average = new ParameterAverage(net);
            assertThat(average.isEmpty()).isTrue();
            for (int checkpoint = 1; checkpoint <= 11; checkpoint++) {
                java.util.Arrays.fill(net.id, checkpoint);
                net.id[0] = checkpoint * checkpoint;
                average.add(net);
            }
            float[] id = average.mean(net)[0];
            // checkpoints 1 to 8 weigh equally, then each keeps 7/8 of the average
            double plain = 4.5, squares = (1 + 4 + 9 + 16 + 25 + 36 + 49 + 64) / 8.0;
            for (int checkpoint = 9; checkpoint <= 11; checkpoint++) {
                plain = 0.875 * plain + 0.125 * checkpoint;
                squares = 0.875 * squares + 0.125 * checkpoint * checkpoint;
            }
            assertThat((double) id[0]).isCloseTo(squares, org.assertj.core.data.Offset.offset(1e-4));
            for (int x = 1; x < id.length; x++) {
                assertThat((double) id[x]).isCloseTo(plain, org.assertj.core.data.Offset.offset(1e-5));
            }
            float[][] mean = average.mean(net);
            java.util.Arrays.fill(net.id, 0f);
            System.arraycopy(mean[0], 0, net.id, 0, net.id.length);
            assertThat(average.embeddings(net)).isEqualTo(net.embeddings());
        }
    }

    @Test
    void aRunOfThePickedLengthEndsOnThePickedModelAtAnyConcurrency() {
        GcnTrainerTest.Split data = GcnTrainerTest.planted(5);
        // a slow rate, so that the best checkpoint comes after a few have been averaged
        GcnParameters p = GcnTrainerTest.params(1).withEpochs(100).withLearningRate(0.001);
        assertThat(ParameterAverage.averages(p)).isTrue();
        assertThat(ParameterAverage.averages(p.withEvaluateEvery(ParameterAverage.MIN_EVALUATE_EVERY - 1))).isFalse();
        GcnTrainer.Result selection = GcnTrainer.train(data.train(), data.test(), p, s -> { }, () -> false);
        int picked = selection.bestEpoch();
        assertThat(picked).isGreaterThanOrEqualTo(2 * p.evaluateEvery()); // at least two checkpoints averaged
        for (int concurrency : new int[] {1, 4}) {
            GcnModel again = GcnTrainer.train(data.train(), null, p.withEpochs(picked).withConcurrency(concurrency), s -> { },
                    () -> false).model();
            assertThat(again.embeddings()).isEqualTo(selection.model().embeddings());
            assertThat(again.idEmbeddings()).isEqualTo(selection.model().idEmbeddings());
        }
    }
}
