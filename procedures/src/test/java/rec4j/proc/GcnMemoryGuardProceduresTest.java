package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static rec4j.testsupport.Cypher.assertRefused;
import static rec4j.testsupport.Cypher.dropGraph;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.single;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import rec4j.testsupport.Neo4jExtension;

/**
 * rec.gcn.train and .stats refuse a configuration whose estimate exceeds the free heap (the harness runs in this JVM,
 * so its maximum heap is this JVM's), register nothing, and with sudo: true go past the guard.
 */
@ExtendWith(Neo4jExtension.class)
class GcnMemoryGuardProceduresTest {

    private final Driver driver;

    GcnMemoryGuardProceduresTest(Driver driver) {
        this.driver = driver;
    }

    /**
     * The configuration that does not fit, with {@code more} entries (", key: value"): 15,000 users and 15,000 items at
     * 4096 dimensions, one float matrix is 30,000 x 4096 x 4 bytes = 0.5 GB, and training holds more than ten.
     */
    private static String tooBig(String more) {
        return "{modelName: 'too-big', nodeLabels: ['MemUser', 'MemItem'], embeddingDimension: 4096, epochs: 1, "
                + "validationFraction: 0.0" + more + "}";
    }

    @BeforeEach
    void graph() {
        cleanUp();
        // the relationships go from items to users, projected as they are: the users have no interaction, which
        // rec.gcn.train reports only after the guard, while reading the graph (cheap)
        run(driver, "UNWIND range(0, 14999) AS k CREATE (:MemUser {k: k})<-[:MEM_RATED]-(:MemItem {k: k})");
        run(driver, "CALL gds.graph.project('mem-test', ['MemUser', 'MemItem'], 'MEM_RATED') YIELD graphName RETURN graphName");
    }

    @AfterEach
    void cleanUp() {
        dropGraph(driver, "mem-test");
        run(driver, "MATCH (n) WHERE n:MemUser OR n:MemItem DETACH DELETE n");
    }

    @Test
    void refusesATrainingThatDoesNotFitAndSudoGoesPastTheGuard() {
        long estimate = single(driver, "CALL rec.gcn.train.estimate('mem-test', " + tooBig("") + ")").get("bytesMax").asLong();
        assertThat(estimate).isGreaterThan(Runtime.getRuntime().maxMemory());

        for (String procedure : new String[] {"rec.gcn.train", "rec.gcn.stats"}) {
            assertRefused(driver, "CALL " + procedure + "('mem-test', " + tooBig("") + ")",
                    procedure + ": the estimated heap needed, ", "exceeds the free heap", "embeddingsAndAdam",
                    "lower batchSize, negativeSamples or embeddingDimension", "pass sudo: true to run anyway");
        }
        assertThat(list(driver, "CALL rec.model.list() YIELD modelName WHERE modelName = 'too-big' RETURN modelName")).isEmpty();

        String past = assertRefused(driver, "CALL rec.gcn.train('mem-test', " + tooBig(", sudo: true") + ")",
                "no relationship from a 'MemUser' node to an 'MemItem' node");
        assertThat(past).doesNotContain("estimated heap");
        assertThat(catchThrowable(() -> run(driver, "CALL rec.gcn.train('mem-test', " + tooBig(", sudo: 'yes'") + ")")))
                .hasMessageContaining("sudo");
        assertThat(catchThrowable(() -> run(driver, "CALL rec.gcn.write('too-big', {sudo: 1})")))
                .hasMessageContaining("rec.gcn.write").hasMessageContaining("sudo");
    }
}
