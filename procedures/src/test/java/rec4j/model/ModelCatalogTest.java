package rec4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rec4j.gcn.GcnModel;
import rec4j.gcn.GcnParameters;
import rec4j.recommend.NodeIdentity;

/** The model catalog on a temporary directory, without a database. */
class ModelCatalogTest {

    static StoredModel model(String name, String database, float scale) {
        GcnParameters p = new GcnParameters(2, 1, 7, 16, 0.01, 1e-4, 1.0, 1, GcnParameters.Fusion.NONE, 0, 1, 1, 5, 1);
        GcnModel model = new GcnModel(p, 1, 2, 2, new float[] {scale, 2, 3, 4, 5, 6}, new float[] {0.5f, 0.5f, 1, 1, 2, 2},
                null, null, 0);
        return StoredModel.builder(name, database, model).nodes(new long[] {10}, new long[] {20, 21}, NodeIdentity.LABELS_ONLY)
                .graph("g", "User", "Item", List.of("RATED"), null, List.of())
                .trained(Instant.ofEpochMilli(1234), new StoredModel.Training(7, null, true, 12, null, false)).build();
    }

    private static Path file(Path dir, String database, String name) {
        return dir.resolve("gcn").resolve(database).resolve(name + ModelFiles.SUFFIX);
    }

    @Test
    void storeGetRequireNamesListAndDrop(@TempDir Path dir) {
        ModelCatalog catalog = new ModelCatalog(dir);
        assertThat(catalog.names("neo4j")).isEmpty();
        assertThat(catalog.get("neo4j", "a")).isEmpty();

        StoredModel a = model("a", "neo4j", 1);
        catalog.store(a);
        catalog.store(model("b", "neo4j", 2));
        catalog.store(model("a", "other", 3));
        assertThat(file(dir, "neo4j", "a")).isRegularFile();
        assertThat(catalog.get("neo4j", "a")).containsSame(a);
        assertThat(catalog.require("neo4j", "a")).isSameAs(a);
        assertThat(catalog.require("rec.x", "neo4j", "a")).isSameAs(a);
        assertThat(catalog.isLoaded("neo4j", "a")).isTrue();
        assertThat(catalog.names("neo4j")).containsExactly("a", "b");
        assertThat(catalog.names("other")).containsExactly("a");
        assertThat(catalog.list("neo4j")).extracting(StoredModel::name).containsExactly("a", "b");

        assertThatThrownBy(() -> catalog.require("neo4j", "c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no model named 'c' in database 'neo4j'; models: [a, b]");
        assertThatThrownBy(() -> catalog.require("rec.x", "neo4j", "c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.x: no model named 'c' in database 'neo4j'; models: [a, b]");

        assertThat(catalog.drop("rec.model.drop", "neo4j", "a")).containsSame(a);
        assertThat(catalog.isLoaded("neo4j", "a")).isFalse();
        assertThat(file(dir, "neo4j", "a")).doesNotExist();
        assertThat(catalog.get("neo4j", "a")).isEmpty();
        assertThat(catalog.names("neo4j")).containsExactly("b");
        assertThat(catalog.get("other", "a")).as("the other database's model").isPresent();
        assertThatThrownBy(() -> catalog.drop("rec.model.drop", "neo4j", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.model.drop: no model named 'a' in database 'neo4j'; models: [b]");
    }

    @Test
    void aStoredModelIsLoadedFromDiskByAFreshCatalog(@TempDir Path dir) {
        new ModelCatalog(dir).store(model("m", "neo4j", 9));
        ModelCatalog fresh = new ModelCatalog(dir);
        assertThat(fresh.isLoaded("neo4j", "m")).isFalse();
        assertThat(fresh.names("neo4j")).as("names do not load").containsExactly("m");
        assertThat(fresh.isLoaded("neo4j", "m")).isFalse();
        StoredModel read = fresh.require("neo4j", "m");
        assertThat(read.model().embeddings()).containsExactly(9, 2, 3, 4, 5, 6);
        assertThat(read.itemNodeIds()).containsExactly(20, 21);
        assertThat(fresh.isLoaded("neo4j", "m")).isTrue();
        assertThat(fresh.get("neo4j", "m")).containsSame(read);
        // dropped by a fresh catalog: gone from disk, never loaded again
        new ModelCatalog(dir).drop("rec.model.drop", "neo4j", "m");
        assertThat(file(dir, "neo4j", "m")).doesNotExist();
        assertThat(new ModelCatalog(dir).get("neo4j", "m")).isEmpty();
    }

    @Test
    void invalidNamesAreRefusedWithTheMessageOfModelNames(@TempDir Path dir) {
        ModelCatalog catalog = new ModelCatalog(dir);
        for (String name : new String[] {"../x", "/abs", "a/b", "..", "", ".hidden", "a\u0000b"}) {
            String expected = "rec.x: 'modelName' must be 1-128 letters, digits, '.', '_' or '-' starting with a letter or "
                    + "digit, got '" + name + "'";
            assertThatThrownBy(() -> catalog.drop("rec.x", "neo4j", name)).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
            assertThatThrownBy(() -> catalog.require("rec.x", "neo4j", name)).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
            assertThatThrownBy(() -> catalog.update("rec.x", "neo4j", name, m -> m)).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
            assertThatThrownBy(() -> catalog.get("neo4j", name)).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected.replace("rec.x:", "rec4j:"));
            assertThatThrownBy(() -> catalog.store(model(name, "neo4j", 1))).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected.replace("rec.x:", "rec4j:"));
        }
        assertThatThrownBy(() -> catalog.require("rec.x", "neo4j", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.x: 'modelName' is required (a model name), got null");
        assertThatThrownBy(() -> catalog.drop("rec.x", "neo4j", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.x: 'modelName' is required (a model name), got null");
        assertThatThrownBy(() -> catalog.get("neo4j", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec4j: 'modelName' is required (a model name), got null");
        assertThat(ModelCatalog.requireValidName("rec.x", "ok-1.b_2")).isEqualTo("ok-1.b_2");
        assertThatThrownBy(() -> ModelCatalog.requireValidName("rec.x", "a".repeat(129))).hasMessageContaining("(129 characters)");
        // an invalid database name never becomes a directory either
        assertThatThrownBy(() -> catalog.get("../db", "m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec4j: 'database' must be 1-128 letters, digits, '.', '_' or '-' starting with a letter or "
                        + "digit, got '../db'");
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("nothing written").isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void updateReplacesAnExistingModelAndFailsOnAMissingOne(@TempDir Path dir) {
        ModelCatalog catalog = new ModelCatalog(dir);
        assertThatThrownBy(() -> catalog.update("rec.gcn.foldIn", "neo4j", "m", m -> m))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.gcn.foldIn: no model named 'm' in database 'neo4j'; models: []");
        catalog.store(model("m", "neo4j", 1));
        StoredModel updated = catalog.update("rec.gcn.foldIn", "neo4j", "m",
                m -> m.withIdentity(new NodeIdentity(List.of("userId"), List.of("itemId"), new long[] {5}, new long[] {6, 7})));
        assertThat(catalog.require("neo4j", "m")).isSameAs(updated);
        assertThat(new ModelCatalog(dir).require("neo4j", "m").identity().userFingerprints()).as("written").containsExactly(5);
        catalog.drop("rec.model.drop", "neo4j", "m");
        assertThatThrownBy(() -> catalog.update("rec.gcn.foldIn", "neo4j", "m", m -> m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("rec.gcn.foldIn: no model named 'm'");
    }

    @Test
    void lockedSerialisesWorkOnOneModel(@TempDir Path dir) throws Exception {
        ModelCatalog catalog = new ModelCatalog(dir);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> first = pool.submit(() -> catalog.locked("neo4j", "m", () -> {
                order.add("first in");
                firstInside.countDown();
                await(secondStarted);
                sleep(200); // the second thread is waiting for the lock now
                order.add("first out");
                return null;
            }));
            assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> second = pool.submit(() -> {
                secondStarted.countDown();
                return catalog.locked("neo4j", "m", () -> order.add("second in"));
            });
            // another model's lock is not held
            CountDownLatch otherDone = new CountDownLatch(1);
            pool.submit(() -> catalog.locked("neo4j", "other", () -> {
                otherDone.countDown();
                return null;
            }));
            assertThat(otherDone.await(10, TimeUnit.SECONDS)).as("another model is not blocked").isTrue();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(order).containsExactly("first in", "first out", "second in");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void removeStaleTempFilesRemovesOnlyTheCatalogsTemporaryFiles(@TempDir Path dir) throws Exception {
        Path gcn = Files.createDirectories(dir.resolve("gcn").resolve("neo4j"));
        Path sentiment = Files.createDirectories(dir.resolve("sentiment").resolve("neo4j"));
        Path gcnTemp = Files.writeString(gcn.resolve("m.rec4j.123456789.tmp"), "x");
        Path sentimentTemp = Files.writeString(sentiment.resolve("s.rec4j-sentiment.42.tmp"), "x");
        Path otherTemp = Files.writeString(gcn.resolve("notes.tmp"), "x");
        Path otherSentimentTemp = Files.writeString(sentiment.resolve("s.123.tmp"), "x");
        Path model = Files.writeString(gcn.resolve("m.rec4j"), "x");
        Path sentimentModel = Files.writeString(sentiment.resolve("s.rec4j-sentiment"), "x");
        Path elsewhere = Files.writeString(Files.createDirectories(dir.resolve("models")).resolve("m.rec4j.7.tmp"), "x");

        assertThat(ModelDirectory.removeStaleTempFiles(dir)).isEqualTo(2);
        assertThat(gcnTemp).doesNotExist();
        assertThat(sentimentTemp).doesNotExist();
        assertThat(otherTemp).exists();
        assertThat(otherSentimentTemp).exists();
        assertThat(model).exists();
        assertThat(sentimentModel).exists();
        assertThat(elsewhere).as("outside gcn/ and sentiment/").exists();
        assertThat(ModelDirectory.removeStaleTempFiles(dir)).isZero();
        assertThat(ModelDirectory.removeStaleTempFiles(dir.resolve("absent"))).isZero();
    }

    @Test
    void aSaveLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        new ModelCatalog(dir).store(model("m", "neo4j", 1));
        try (var files = Files.list(dir.resolve("gcn").resolve("neo4j"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("m.rec4j");
        }
    }

    @Test
    void aDamagedModelFileIsAnIllegalStateExceptionAndCanBeDropped(@TempDir Path dir) throws Exception {
        new ModelCatalog(dir).store(model("m", "neo4j", 1));
        new ModelCatalog(dir).store(model("ok", "neo4j", 1));
        Path file = file(dir, "neo4j", "m");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        ModelCatalog catalog = new ModelCatalog(dir);
        assertThatThrownBy(() -> catalog.get("neo4j", "m")).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Model file m.rec4j fails its checksum: it is damaged; drop the model and train it again");
        assertThat(catalog.isLoaded("neo4j", "m")).isFalse();
        assertThat(catalog.names("neo4j")).containsExactly("m", "ok");
        assertThat(catalog.list("neo4j")).as("a damaged model is left out of the list")
                .extracting(StoredModel::name).containsExactly("ok");
        assertThat(catalog.drop("rec.model.drop", "neo4j", "m")).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void nodeIdentityRowsRoundTripThroughSaveAndLoad(@TempDir Path dir) {
        NodeIdentity identity = new NodeIdentity(List.of("userId"), List.of("itemId", "shop"), new long[] {-5L},
                new long[] {Long.MAX_VALUE, 1L});
        new ModelCatalog(dir).store(model("m", "neo4j", 1).withIdentity(identity));
        new ModelCatalog(dir).store(model("plain", "neo4j", 1));

        ModelCatalog fresh = new ModelCatalog(dir);
        StoredModel read = fresh.require("neo4j", "m");
        NodeIdentity back = read.identity();
        assertThat(back.hasFingerprints()).isTrue();
        assertThat(back.userKeys()).containsExactly("userId");
        assertThat(back.itemKeys()).containsExactly("itemId", "shop");
        assertThat(back.userFingerprints()).containsExactly(-5L);
        assertThat(back.itemFingerprints()).containsExactly(Long.MAX_VALUE, 1L);
        assertThat(read.trainInfo()).containsEntry("nodeIdentity", "User(userId), Item(itemId, shop)");

        NodeIdentity none = fresh.require("neo4j", "plain").identity();
        assertThat(none.hasFingerprints()).isFalse();
        assertThat(none.userKeys()).isEmpty();
        assertThat(none.itemKeys()).isEmpty();
    }
}
