package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.exceptions.ClientException;
import rec4j.testsupport.Neo4jExtension;

/**
 * rec.gcn.train and .stats refuse a configuration whose estimate exceeds the free heap (the harness runs in this JVM,
 * so its maximum heap is this JVM's), register nothing, and with sudo: true go past the guard.
 */
@ExtendWith(Neo4jExtension.class)
class GcnMemoryGuardProceduresTest {

    // 15,000 users and 15,000 items at 4096 dimensions: one float matrix is 30,000 x 4096 x 4 bytes = 0.5 GB, and
    // training holds more than ten
    private static final String CONFIG = "{modelName: 'too-big', nodeLabels: ['MemUser', 'MemItem'], embeddingDimension: 4096, "
            + "epochs: 1, validationFraction: 0.0%s}";

    private final Driver driver;

    GcnMemoryGuardProceduresTest(Driver driver) {
        this.driver = driver;
    }

    @BeforeEach
    void graph() {
        cleanUp();
        // the relationships go from items to users, projected as they are: the users have no interaction, which
        // rec.gcn.train reports only after the guard, while reading the graph (cheap)
        run("UNWIND range(0, 14999) AS k CREATE (:MemUser {k: k})<-[:MEM_RATED]-(:MemItem {k: k})");
        run("CALL gds.graph.project('mem-test', ['MemUser', 'MemItem'], 'MEM_RATED') YIELD graphName RETURN graphName");
    }

    @AfterEach
    void cleanUp() {
        run("CALL gds.graph.drop('mem-test', false) YIELD graphName RETURN graphName");
        run("MATCH (n) WHERE n:MemUser OR n:MemItem DETACH DELETE n");
    }

    @Test
    void refusesATrainingThatDoesNotFitAndSudoGoesPastTheGuard() {
        long estimate = single("CALL rec.gcn.train.estimate('mem-test', " + String.format(CONFIG, "") + ")").get("bytesMax").asLong();
        assertThat(estimate).isGreaterThan(Runtime.getRuntime().maxMemory());

        for (String procedure : new String[] {"rec.gcn.train", "rec.gcn.stats"}) {
            Throwable refused = catchThrowable(() -> run("CALL " + procedure + "('mem-test', " + String.format(CONFIG, "") + ")"));
            assertThat(refused).isInstanceOf(ClientException.class)
                    .hasMessageContaining(procedure + ": the estimated heap needed, ")
                    .hasMessageContaining("exceeds the free heap")
                    .hasMessageContaining("embeddingsAndAdam")
                    .hasMessageContaining("lower batchSize, negativeSamples or embeddingDimension")
                    .hasMessageContaining("pass sudo: true to run anyway");
        }
        assertThat(driver.executableQuery("CALL rec.model.list() YIELD modelName WHERE modelName = 'too-big' RETURN modelName")
                .execute().records()).isEmpty();

        Throwable past = catchThrowable(() -> run("CALL rec.gcn.train('mem-test', " + String.format(CONFIG, ", sudo: true") + ")"));
        assertThat(past).isInstanceOf(ClientException.class)
                .hasMessageContaining("no relationship from a 'MemUser' node to an 'MemItem' node")
                .hasMessageNotContaining("estimated heap");
        assertThat(catchThrowable(() -> run("CALL rec.gcn.train('mem-test', " + String.format(CONFIG, ", sudo: 'yes'") + ")")))
                .hasMessageContaining("sudo");
        assertThat(catchThrowable(() -> run("CALL rec.gcn.write('too-big', {sudo: 1})")))
                .hasMessageContaining("rec.gcn.write").hasMessageContaining("sudo");
    }

    private void run(String query) {
        driver.executableQuery(query).execute();
    }

    private Record single(String query) {
        return driver.executableQuery(query).execute().records().get(0);
    }
}
