package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.single;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import rec4j.testsupport.Neo4jHarness;

/**
 * The reported ways to break the server, each checked: names that reach outside the model directory, model changes in
 * read-only transactions, training that never ends or ignores TERMINATE, a diverged model, and temporary files a crash
 * leaves behind.
 */
class ModelSafetyTest {

    private final Neo4jHarness harness = Neo4jHarness.shared();
    private final Driver driver = harness.driver();

    @TempDir
    Path temp;

    @BeforeEach
    void graph() {
        cleanUp();
        run(driver, "UNWIND range(0, 11) AS i CREATE (:SItem {itemId: i})");
        // users 0-1 rated every item (no negative item exists for them), users 2-3 a few: the reported endless loop
        run(driver, "UNWIND range(0, 3) AS u CREATE (user:SUser {userId: u}) WITH user, u "
                + "MATCH (i:SItem) WHERE u < 2 OR (i.itemId + u) % 4 = 0 CREATE (user)-[:SRATED]->(i)");
        run(driver, "CALL gds.graph.project('safety', ['SUser', 'SItem'], {SRATED: {orientation: 'UNDIRECTED'}})");
    }

    @AfterEach
    void cleanUp() {
        run(driver, "CALL rec.model.list() YIELD modelName WHERE modelName STARTS WITH 'safety' "
                + "CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
        run(driver, "CALL gds.graph.drop('safety', false)");
        run(driver, "MATCH (n:SUser) DETACH DELETE n");
        run(driver, "MATCH (n:SItem) DETACH DELETE n");
    }

    private static final String TRAIN = "CALL rec.gcn.train('safety', {modelName: '%s', nodeLabels: ['SUser', 'SItem'], "
            + "embeddingDimension: 8, epochs: %d, validationFraction: 0.0%s})";

    @Test
    void dropNeverReachesOutsideTheModelDirectory() throws Exception {
        run(driver, String.format(TRAIN, "safety1", 1, ""));
        Path models = modelFile("safety1").getParent(); // <model directory>/gcn/neo4j
        Path canaryUp = models.getParent().getParent().getParent().resolve("canary.rec4j");
        Path canaryOther = models.getParent().resolve("system").resolve("other.rec4j");
        Path canaryAbsolute = temp.resolve("canary2.rec4j");
        for (Path canary : List.of(canaryUp, canaryOther, canaryAbsolute)) {
            Files.createDirectories(canary.getParent());
            Files.writeString(canary, "keep");
        }
        for (String name : List.of("../../../canary", "../system/other", temp.resolve("canary2").toString(), "..", "a/b",
                "..\\x", "", ".hidden")) {
            assertThatThrownBy(() -> run(driver, "CALL rec.model.drop($name)", named(name)))
                    .hasMessageContaining("rec.model.drop: 'modelName' must be 1-128 letters, digits");
        }
        assertThatThrownBy(() -> run(driver, "CALL rec.model.drop(null)"))
                .hasMessageContaining("rec.model.drop: 'modelName' is required");
        for (Path canary : List.of(canaryUp, canaryOther, canaryAbsolute)) {
            assertThat(canary).exists();
            Files.delete(canary);
        }
        // the same one rule for every procedure that takes a model name
        for (String query : List.of("CALL rec.gcn.stream($name)", "CALL rec.gcn.foldIn($name)",
                "CALL rec.gcn.write($name, {})", "CALL rec.recommend.similarItems(1, {modelName: $name})",
                "CALL rec.evaluate.model($name)", "CALL rec.gcn.textTower($name, {featureProperties: ['x']})")) {
            assertThatThrownBy(() -> run(driver, query, named("../../../canary"))).as(query)
                    .hasMessageContaining("'modelName' must be 1-128 letters, digits");
        }
        assertThatThrownBy(() -> run(driver, String.format(TRAIN, "../up", 1, "")))
                .hasMessageContaining("rec.gcn.train: 'modelName' must be 1-128 letters, digits");
    }

    @Test
    void readOnlyTransactionsCannotChangeModelsOrFiles() {
        run(driver, String.format(TRAIN, "safety2", 1, ""));
        Path file = modelFile("safety2");
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            for (String query : List.of("CALL rec.model.drop('safety2')", "CALL rec.gcn.foldIn('safety2')",
                    "CALL rec.gcn.textTower('safety2', {featureProperties: ['x']})",
                    String.format(TRAIN, "safety3", 1, ""),
                    "CALL rec.gcn.write('safety2', {})")) {
                assertThatThrownBy(() -> session.executeRead(tx -> tx.run(query).list())).as(query)
                        .hasMessageContaining("not allowed");
            }
            // serving stays allowed
            List<org.neo4j.driver.Record> served = session.executeRead(tx -> tx.run("MATCH (u:SUser {userId: 2}) "
                    + "CALL rec.recommend.forUser(u, {modelName: 'safety2', k: 3}) YIELD item RETURN item").list());
            assertThat(served).hasSize(3);
        }
        assertThat(file).exists();
        assertThat(names()).contains("safety2").doesNotContain("safety3");
    }

    @Test
    void usersWithEveryItemDoNotHangTraining() {
        var trained = single(driver, String.format(TRAIN, "safety4", 3, ", batchSize: 16, negativeSamples: 5"));
        assertThat(trained.get("epochs").asList()).hasSize(3);
        assertThat(names()).contains("safety4");
    }

    @Test
    void aDivergedTrainingFailsAndRegistersNothing() {
        assertThatThrownBy(() -> run(driver, String.format(TRAIN, "safety5", 3, ", learningRate: 1e30, l2: 0.0")))
                .hasMessageContaining("rec.gcn.train: training diverged in epoch")
                .hasMessageContaining("lower 'learningRate' (1.0E30)");
        assertThat(names()).doesNotContain("safety5");
    }

    @Test
    void terminateStopsATrainingAndNothingIsRegistered() throws Exception {
        // many epochs of many small batches: the training runs until terminated
        Throwable error = terminateWhileRunning(String.format(TRAIN, "safety6", 100_000, ", batchSize: 1"), "safety6");
        assertThat(error).isNotNull().hasMessageContaining("terminated");
        assertThat(names()).doesNotContain("safety6");
    }

    @Test
    void terminateStopsStatsAndAnEmbeddingRun() throws Exception {
        Throwable stats = terminateWhileRunning("CALL rec.gcn.stats('safety', {nodeLabels: ['SUser', 'SItem'], "
                + "embeddingDimension: 8, epochs: 100000, batchSize: 1, validationFraction: 0.0, modelName: 'safety7'})", "safety7");
        assertThat(stats).isNotNull().hasMessageContaining("terminated");
        // 3,000 texts in batches of 8: a run of many seconds on this machine
        run(driver, "UNWIND range(1, 3000) AS k CREATE (:STerm {text: 'a text to embed, number ' + k + ' of many'})");
        // the text model loads once per server (a native load of a few seconds that nothing can interrupt): load it first
        single(driver, "RETURN rec.embed.text('warm up') AS v");
        try {
            Throwable embed = terminateWhileRunning("CALL rec.embed.nodes({nodeLabels: ['STerm'], textProperties: ['text'], "
                    + "writeProperty: 'safetyVec', batchSize: 8, concurrency: 1})", "safetyVec");
            assertThat(embed).isNotNull().hasMessageContaining("terminated");
            // only whole batches were committed
            long written = single(driver, "MATCH (n:STerm) WHERE n.safetyVec IS NOT NULL RETURN count(n) AS c").get("c").asLong();
            assertThat(written % 8).isZero();
            assertThat(written).isLessThan(3000);
        } finally {
            run(driver, "MATCH (n:STerm) DELETE n");
        }
    }

    /** Runs the call in the background, terminates its transaction once it runs, and returns what the call threw. */
    private Throwable terminateWhileRunning(String query, String marker) throws Exception {
        CompletableFuture<Throwable> call = CompletableFuture.supplyAsync(() -> {
            try {
                run(driver, query);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        String id = null;
        for (int k = 0; k < 300 && id == null && !call.isDone(); k++) {
            Thread.sleep(100);
            var found = list(driver, "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
                    + "WHERE currentQuery CONTAINS $marker AND NOT currentQuery CONTAINS 'SHOW' RETURN transactionId",
                    java.util.Map.of("marker", marker));
            id = found.isEmpty() ? null : found.get(0).get("transactionId").asString();
        }
        assertThat(id).as("the transaction of " + marker + " is running").isNotNull();
        Thread.sleep(500); // well inside its loop
        long start = System.nanoTime();
        run(driver, "TERMINATE TRANSACTION $id", named(id));
        Throwable error = call.get(60, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(query.substring(5, query.indexOf('(')) + " stopped " + millis + " ms after TERMINATE TRANSACTION");
        return error;
    }

    @Test
    void staleTemporaryFilesOfAnInterruptedSaveAreRemovedAtStartUp() throws Exception {
        Path data = temp.resolve("data");
        // the default model directory is <data directory>/rec4j/models; a crash during a save leaves such a file
        Path stale = data.resolve("rec4j/models/gcn/neo4j/m.rec4j.123456.tmp");
        Path kept = data.resolve("rec4j/models/gcn/neo4j/notes.tmp");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "half a model");
        Files.writeString(kept, "not ours");
        try (Neo4jHarness second = Neo4jHarness.startWithData(temp.resolve("h2"), data)) {
            run(second.driver(), "RETURN 1");
            assertThat(stale).doesNotExist();
            assertThat(kept).exists();
        }
    }

    private Path modelFile(String name) {
        try (Stream<Path> files = Files.walk(harness.home())) {
            return files.filter(f -> f.getFileName().toString().equals(name + ".rec4j")).findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> names() {
        return list(driver, "CALL rec.model.list() YIELD modelName RETURN modelName").stream()
                .map(r -> r.get(0).asString()).toList();
    }



    /** The parameters $name and $id, both the given value. */
    private static java.util.Map<String, Object> named(String value) {
        return java.util.Map.of("name", value, "id", value);
    }
}
