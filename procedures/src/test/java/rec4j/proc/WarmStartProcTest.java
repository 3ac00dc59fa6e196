package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.run;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.ClientException;
import rec4j.testsupport.Neo4jExtension;

/** rec.gcn.train with initialModel: a warm start after the graph grew, from a model in the catalog. */
@ExtendWith(Neo4jExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarmStartProcTest {

    static final String TRAIN = "CALL rec.gcn.train($graph, {modelName: $name, nodeLabels: ['WsUser', 'WsItem'], "
            + "embeddingDimension: 16, layers: 2, epochs: $epochs, batchSize: 128, learningRate: 0.01, l2: 0.0001, "
            + "validationFraction: 0.0, randomSeed: 3, concurrency: 1%s}) YIELD modelName RETURN modelName";

    private final Driver driver;

    WarmStartProcTest(Driver driver) {
        this.driver = driver;
    }

    @BeforeAll
    void graph() {
        cleanUp();
        // two taste groups: users like the items of their own parity
        run(driver, "UNWIND range(0, 39) AS u CREATE (:WsUser {userId: u})");
        run(driver, "UNWIND range(0, 29) AS i CREATE (:WsItem {itemId: i})");
        run(driver, "MATCH (u:WsUser), (i:WsItem) WHERE u.userId < 40 AND i.itemId < 30 AND i.itemId % 2 = u.userId % 2 "
                + "AND (i.itemId * 7 + u.userId * 3) % 10 < 5 CREATE (u)-[:RATED]->(i)");
        run(driver, "CALL gds.graph.project('ws', ['WsUser', 'WsItem'], {RATED: {orientation: 'UNDIRECTED'}}) YIELD graphName RETURN graphName");
        run(driver, String.format(TRAIN, ""), Map.of("graph", "ws", "name", "ws-base", "epochs", 40));
        // the graph grows: 10 new users and 4 new items, with the same tastes
        run(driver, "UNWIND range(40, 49) AS u CREATE (:WsUser {userId: u})");
        run(driver, "UNWIND range(30, 33) AS i CREATE (:WsItem {itemId: i})");
        run(driver, "MATCH (u:WsUser), (i:WsItem) WHERE (u.userId >= 40 OR i.itemId >= 30) AND i.itemId % 2 = u.userId % 2 "
                + "AND (i.itemId * 7 + u.userId * 3) % 10 < 5 CREATE (u)-[:RATED]->(i)");
        run(driver, "CALL gds.graph.project('ws2', ['WsUser', 'WsItem'], {RATED: {orientation: 'UNDIRECTED'}}) YIELD graphName RETURN graphName");
    }

    @AfterAll
    void cleanUp() {
        run(driver, "CALL gds.graph.drop('ws', false) YIELD graphName RETURN graphName");
        run(driver, "CALL gds.graph.drop('ws2', false) YIELD graphName RETURN graphName");
        run(driver, "CALL rec.model.list() YIELD modelName WITH modelName WHERE modelName STARTS WITH 'ws-' "
                + "CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
        run(driver, "MATCH (n) WHERE n:WsUser OR n:WsItem DETACH DELETE n");
    }

    @Test
    void oneWarmEpochKeepsWhatTheModelKnewAndPlacesTheNewNodes() {
        run(driver, String.format(TRAIN, ", initialModel: 'ws-base'"), Map.of("graph", "ws2", "name", "ws-warm", "epochs", 1));
        // another seed: a cold start shares no initial rows with the earlier model, whatever the order of the node ids
        run(driver, String.format(TRAIN, "").replace("randomSeed: 3", "randomSeed: 4"),
                Map.of("graph", "ws2", "name", "ws-cold", "epochs", 1));
        // the old users' and items' embeddings stay close to the earlier model's (a cold start is unrelated to it)
        double warm = meanCosine("ws-warm"), cold = meanCosine("ws-cold");
        assertThat(warm).as("warm %s, cold %s", warm, cold).isGreaterThan(0.9).isGreaterThan(cold + 0.5);
        // the new users are in the model, and get items of their own taste
        for (int u = 40; u < 50; u++) {
            int parity = u % 2;
            assertThat(top("ws-warm", u)).allSatisfy(i -> assertThat((Long) i % 2).isEqualTo(parity));
        }
    }

    @Test
    void badInitialModelsAreRefusedWithTheReason() {
        assertThat(message(String.format(TRAIN, ", initialModel: 'ws-none'"))).contains("ws-none");
        assertThat(message(String.format(TRAIN, ", initialModel: 'ws-base', embeddingDimension: 8")
                .replace("embeddingDimension: 16, ", ""))).contains("'initialModel' 'ws-base' has embeddingDimension 16", "8");
        assertThat(message(String.format(TRAIN, ", initialModel: '../x'"))).contains("'initialModel'");
    }

    private Set<Object> top(String model, int user) {
        return new HashSet<>(list(driver, "MATCH (u:WsUser {userId: $u}) CALL rec.recommend.forUser(u, {modelName: $m, k: 5}) "
                + "YIELD item RETURN item.itemId AS i", Map.of("u", user, "m", model)).stream().map(r -> r.get("i").asObject()).toList());
    }

    /** The mean cosine between a model's and ws-base's embedding of the nodes ws-base knows. */
    private double meanCosine(String model) {
        List<org.neo4j.driver.Record> rows = list(driver, "CALL rec.gcn.stream('ws-base') YIELD nodeId, embedding "
                + "WITH nodeId, embedding AS a CALL rec.gcn.stream($m) YIELD nodeId AS other, embedding AS b "
                + "WITH a, b WHERE other = nodeId RETURN a, b", Map.of("m", model));
        assertThat(rows).hasSize(70);
        return rows.stream().mapToDouble(r -> rec4j.testsupport.Cypher.cosine(r.get("a").asList(v -> v.asDouble()),
                r.get("b").asList(v -> v.asDouble()))).average().orElseThrow();
    }

    private String message(String query) {
        Throwable thrown = catchThrowable(() -> run(driver, query, Map.of("graph", "ws2", "name", "ws-x", "epochs", 1)));
        assertThat(thrown).isInstanceOf(ClientException.class);
        return thrown.getMessage();
    }
}
