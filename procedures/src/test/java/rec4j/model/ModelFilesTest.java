package rec4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rec4j.gcn.GcnModel;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.TextTower;
import rec4j.recommend.NodeIdentity;

class ModelFilesTest {

    @Test
    void aModelWithItsTextTowerAndRelationshipTypesRoundTrips(@TempDir Path dir) throws Exception {
        GcnParameters p = new GcnParameters(2, 1, 7, 16, 0.01, 1e-4, 1.0, 1, GcnParameters.Fusion.NONE, 0, 1, 1, 5, 1);
        GcnModel model = new GcnModel(p, 1, 2, 2, new float[] {1, 2, 3, 4, 5, 6}, new float[] {0.5f, 0.5f, 1, 1, 2, 2}, null,
                null, 0);
        TextTower.Weights tower = new TextTower.Weights(3, 2, new float[] {1, 2, 3, 4, 5, 6}, new float[] {0.1f, 0.2f, 0.3f},
                new float[] {-1, 1}, 2, 0.001);
        NodeIdentity identity = new NodeIdentity(List.of("userId"), List.of("itemId"), new long[] {77}, new long[] {88, 99});
        StoredModel stored = StoredModel.builder("m", "neo4j", model)
                .nodes(new long[] {10}, new long[] {20, 21}, identity)
                .graph("g", "User", "Item", List.of("RATED", "VIEWED"), "rating", List.of())
                .trained(Instant.ofEpochMilli(1234), new StoredModel.Training(7, 0.25, true, 12, 7L, true,
                        new rec4j.evaluate.Calibration.Platt(0.75, -6.5), new StoredModel.Hybrid("m-ease", 0.8)))
                .build()
                .withTextTower(tower, List.of("textEmbedding"));
        ModelFiles.write(dir, stored);
        StoredModel read = ModelFiles.read(dir.resolve("m" + ModelFiles.SUFFIX));
        assertThat(read.relationshipTypes()).containsExactly("RATED", "VIEWED");
        assertThat(read.model().embeddings()).containsExactly(model.embeddings());
        assertThat(read.itemNodeIds()).containsExactly(20, 21);
        assertThat(read.textTowerProperties()).containsExactly("textEmbedding");
        assertThat(read.textTower().weights()).containsExactly(tower.weights());
        assertThat(read.textTower().embed(new float[] {1, 0, 0})).containsExactly(tower.embed(new float[] {1, 0, 0}));
        assertThat(read.textTower().fittedItems()).isEqualTo(2);
        assertThat(read.training()).isEqualTo(stored.training());
        assertThat(read.identity().userKeys()).containsExactly("userId");
        assertThat(read.identity().itemFingerprints()).containsExactly(88, 99);
        assertThat(read.trainInfo()).containsEntry("nodeIdentity", "User(userId), Item(itemId)").containsEntry("bestEpoch", 7L)
                .containsEntry("selectedEpochs", 7L).containsEntry("refit", true)
                .containsEntry("calibration", Map.of("a", 0.75, "b", -6.5))
                .containsEntry("hybrid", Map.of("easeModel", "m-ease", "weight", 0.8));

        // one flipped byte fails the checksum
        Path file = dir.resolve("m" + ModelFiles.SUFFIX);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(IllegalStateException.class).hasMessageContaining("checksum");
    }

    @Test
    void aFormat4FileReadsWithoutRefit(@TempDir Path dir) throws Exception {
        GcnParameters p = new GcnParameters(2, 1, 7, 16, 0.01, 1e-4, 1.0, 1, GcnParameters.Fusion.NONE, 0, 1, 1, 5, 1);
        GcnModel model = new GcnModel(p, 1, 1, 2, new float[] {1, 2, 3, 4}, new float[] {1, 2, 3, 4}, null, null, 0);
        for (Double recall : new Double[] {0.25, null}) {
            StoredModel stored = StoredModel.builder("m", "neo4j", model).nodes(new long[] {10}, new long[] {20},
                            NodeIdentity.LABELS_ONLY)
                    .trained(Instant.ofEpochMilli(1234), new StoredModel.Training(9, recall, false, 12, 40L, true)).build();
            ModelFiles.write(dir, stored);
            // format 4 is format 7 without the refit facts (a long and a boolean), the calibration and the hybrid (a
            // boolean false each here) at the end, and with version 4; format 5 without the calibration and the hybrid
            byte[] payload = ModelFiles.readVerified(dir.resolve("m" + ModelFiles.SUFFIX));
            byte[] v5 = java.util.Arrays.copyOf(payload, payload.length - 2);
            java.nio.ByteBuffer.wrap(v5).putInt(4, 5);
            ModelFiles.writeAtomically(dir, "m" + ModelFiles.SUFFIX, v5);
            assertThat(ModelFiles.read(dir.resolve("m" + ModelFiles.SUFFIX)).training()).isEqualTo(stored.training());
            byte[] v4 = java.util.Arrays.copyOf(payload, payload.length - 11);
            java.nio.ByteBuffer.wrap(v4).putInt(4, 4);
            ModelFiles.writeAtomically(dir, "m" + ModelFiles.SUFFIX, v4);
            StoredModel read = ModelFiles.read(dir.resolve("m" + ModelFiles.SUFFIX));
            // before refit existed, a model trained with validation was the one of the epoch picked on it
            assertThat(read.training()).as("validation recall %s", recall)
                    .isEqualTo(new StoredModel.Training(9, recall, false, 12, recall == null ? null : 9L, false));
            assertThat(read.model().embeddings()).containsExactly(model.embeddings());
        }
        assertThat(ModelFiles.VERSION).isEqualTo(7);
    }
}
