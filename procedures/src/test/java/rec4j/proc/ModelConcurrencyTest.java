package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.single;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import rec4j.testsupport.Neo4jHarness;

/**
 * Eight clients ask rec.recommend.forUser while another session retrains, folds into and drops the same model: the
 * only error a client may see is "no model named ...", and a dropped model never comes back (fold-in and drop of one
 * model are serialised by the catalog's per-model lock).
 */
class ModelConcurrencyTest {

    private static final String TRAIN = "CALL rec.gcn.train('conc', {modelName: 'conc', embeddingDimension: 8, layers: 2, "
            + "epochs: 3, batchSize: 64, validationFraction: 0.0})";

    private final Neo4jHarness harness = Neo4jHarness.shared();
    private final Driver driver = harness.driver();

    @BeforeEach
    void graph() {
        run(driver, "MATCH (n:CUser) DETACH DELETE n");
        run(driver, "MATCH (n:CItem) DETACH DELETE n");
        run(driver, "UNWIND range(0, 29) AS i CREATE (:CItem {itemId: i})");
        run(driver, "UNWIND range(0, 39) AS u CREATE (user:CUser {userId: u}) WITH user, u "
                + "MATCH (i:CItem) WHERE (i.itemId * 7 + u * 3) % 10 < 4 CREATE (user)-[:CRATED]->(i)");
        run(driver, "CALL gds.graph.drop('conc', false)");
        run(driver, "CALL gds.graph.project('conc', ['CUser', 'CItem'], {CRATED: {orientation: 'UNDIRECTED'}})");
    }

    @AfterEach
    void cleanUp() {
        run(driver, "CALL rec.model.list() YIELD modelName WHERE modelName = 'conc' "
                + "CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
        run(driver, "CALL gds.graph.drop('conc', false)");
        run(driver, "MATCH (n:CUser) DETACH DELETE n");
        run(driver, "MATCH (n:CItem) DETACH DELETE n");
    }

    @Test
    void servingNeverFailsOtherwiseAndADroppedModelStaysDropped() throws Exception {
        run(driver, TRAIN.replace("modelName: 'conc'", "modelName: 'conc', nodeLabels: ['CUser', 'CItem']"));
        // (the drop below must succeed in every round: the model exists when the race starts)
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger served = new AtomicInteger(), missing = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        CountDownLatch started = new CountDownLatch(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            futures.add(clients.submit(() -> {
                started.countDown();
                // bounded: at most 400 requests per client, and only while the writer runs
                for (int k = 0; k < 400 && !done.get(); k++) {
                    try {
                        run(driver, "MATCH (u:CUser {userId: $u}) CALL rec.recommend.forUser(u, "
                                + "{modelName: 'conc', k: 5}) YIELD item RETURN count(item)", java.util.Map.of("u", (client * 5 + k) % 40));
                        served.incrementAndGet();
                    } catch (RuntimeException e) {
                        if (String.valueOf(e.getMessage()).contains("no model named 'conc'")) {
                            missing.incrementAndGet();
                        } else {
                            unexpected.add(e.getMessage());
                        }
                    }
                }
            }));
        }
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        String trainLabels = TRAIN.replace("modelName: 'conc'", "modelName: 'conc', nodeLabels: ['CUser', 'CItem']");
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<String> writerErrors = Collections.synchronizedList(new ArrayList<>());
        int rounds = 4;
        for (int round = 0; round < rounds; round++) {
            run(driver, trainLabels);
            run(driver, "CREATE (i:CItem {itemId: 100 + $r}) WITH i MATCH (u:CUser) WHERE u.userId < 5 CREATE (u)-[:CRATED]->(i)",
                    java.util.Map.of("r", round));
            // fold-in and drop race; whichever wins, the model must be gone afterwards
            Future<?> fold = writers.submit(() -> attempt(writerErrors, "CALL rec.gcn.foldIn('conc')"));
            Future<?> drop = writers.submit(() -> attempt(writerErrors, "CALL rec.model.drop('conc')"));
            fold.get(60, TimeUnit.SECONDS);
            drop.get(60, TimeUnit.SECONDS);
            assertThat(listed()).as("round " + round + ": the dropped model is not listed").isFalse();
            assertThat(modelFiles()).as("round " + round + ": the dropped model has no file").isEmpty();
        }
        for (String error : writerErrors) {
            assertThat(error).as("a writer error").contains("no model named 'conc'");
        }
        run(driver, trainLabels);
        run(driver, "CALL rec.model.drop('conc')");
        done.set(true);
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        writers.shutdown();
        System.out.println("forUser calls: " + served.get() + " served, " + missing.get() + " \"no model named\", "
                + unexpected.size() + " other errors; writer errors: " + writerErrors);
        assertThat(unexpected).as("errors other than 'no model named'").isEmpty();
        assertThat(served.get() + missing.get()).isPositive();
        assertThat(listed()).isFalse();
        assertThat(modelFiles()).isEmpty();
    }

    private void attempt(List<String> errors, String query) {
        try {
            run(driver, query);
        } catch (RuntimeException e) {
            errors.add(e.getMessage());
        }
    }

    private boolean listed() {
        return single(driver, "CALL rec.model.list() YIELD modelName WHERE modelName = 'conc' RETURN count(*) AS c").get("c").asLong() > 0;
    }

    private List<Path> modelFiles() {
        try (Stream<Path> files = Files.walk(harness.home())) {
            return files.filter(f -> f.getFileName().toString().startsWith("conc.rec4j")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}
