package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trained model is the mean of the last 8 checkpoints' parameters, its embeddings are those parameters propagated,
 * and training for the picked epoch count ends on the model the selection run picked.
 */
class ParameterAverageTest {

    @Test
    void theMeanIsOverTheLastEightCheckpointsOnly() {
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
            float[] id = average.mean()[0];
            // checkpoints 4 to 11: the mean of 4..11 is 7.5; of their squares, (16 + 25 + ... + 121) / 8 = 61.5
            assertThat(id[0]).isEqualTo(61.5f);
            for (int x = 1; x < id.length; x++) {
                assertThat(id[x]).isEqualTo(7.5f);
            }
            float[][] mean = average.mean();
            java.util.Arrays.fill(net.id, 0f);
            System.arraycopy(mean[0], 0, net.id, 0, net.id.length);
            assertThat(ParameterAverage.embeddings(net, mean)).isEqualTo(net.embeddings());
        }
    }

    @Test
    void aRunOfThePickedLengthEndsOnThePickedModelAtAnyConcurrency() {
        GcnTrainerTest.Split data = GcnTrainerTest.planted(5);
        // a slow rate, so that the best checkpoint comes after the window has moved on
        GcnParameters p = GcnTrainerTest.params(1).withEvaluateEvery(1).withLearningRate(0.0005);
        GcnTrainer.Result selection = GcnTrainer.train(data.train(), data.test(), p, s -> { }, () -> false);
        int picked = selection.bestEpoch();
        assertThat(picked).isGreaterThan(ParameterAverage.WINDOW);
        for (int concurrency : new int[] {1, 4}) {
            GcnModel again = GcnTrainer.train(data.train(), null, p.withEpochs(picked).withConcurrency(concurrency), s -> { },
                    () -> false).model();
            assertThat(again.embeddings()).isEqualTo(selection.model().embeddings());
            assertThat(again.idEmbeddings()).isEqualTo(selection.model().idEmbeddings());
        }
    }
}
