package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.single;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.exceptions.ClientException;
import rec4j.testsupport.Neo4jExtension;

/**
 * rec.ease.* and EASE models through rec.model.*, rec.recommend.* and rec.evaluate.model, on a graph with two planted
 * taste groups: 40 users and 30 items, group = id % 2, each user rates half of its own group's items. With no
 * interaction across the groups, G = X^T X + lambda I is block-diagonal, so B[j][i] = 0 across them: a list stays in
 * the group (checked against numpy's inverse while writing the test).
 */
@ExtendWith(Neo4jExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EaseProceduresTest {

    private final Driver driver;

    EaseProceduresTest(Driver driver) {
        this.driver = driver;
    }

    @BeforeAll
    void graphAndModel() {
        run(driver, "MATCH (n) DETACH DELETE n");
        run(driver, "CALL gds.graph.drop('ease-test', false) YIELD graphName RETURN graphName");
        run(driver, "CALL rec.model.list() YIELD modelName CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
        run(driver, "CREATE CONSTRAINT ease_item IF NOT EXISTS FOR (i:Item) REQUIRE i.itemId IS UNIQUE");
        run(driver, "UNWIND range(0, 29) AS i CREATE (:Item {itemId: i})");
        run(driver, "UNWIND range(0, 39) AS u CREATE (user:User {userId: u}) WITH user, u "
                + "MATCH (i:Item) WHERE i.itemId % 2 = u % 2 AND (i.itemId * 7 + u * 3) % 10 < 5 CREATE (user)-[:RATED]->(i)");
        run(driver, "CALL gds.graph.project('ease-test', ['User', 'Item'], {RATED: {orientation: 'UNDIRECTED'}}) "
                + "YIELD graphName RETURN graphName");
        run(driver, "CALL rec.ease.train('ease-test', {modelName: 'ease', lambda: 5.0, concurrency: 2})");
    }

    @AfterAll
    void dropGraphAndModels() {
        run(driver, "CALL gds.graph.drop('ease-test', false) YIELD graphName RETURN graphName");
        run(driver, "CALL rec.model.list() YIELD modelName CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
        run(driver, "DROP CONSTRAINT ease_item IF EXISTS");
    }

    private long count(String query) {
        return single(driver, query).get(0).asLong();
    }

    @Test
    void trainsRegistersAndListsTheModel() {
        Record r = single(driver, "CALL rec.ease.train('ease-test', {modelName: 'ease2', lambda: 5.0, concurrency: 1})");
        assertThat(r.get("modelName").asString()).isEqualTo("ease2");
        assertThat(r.get("users").asLong()).isEqualTo(40);
        assertThat(r.get("items").asLong()).isEqualTo(30);
        assertThat(r.get("interactions").asLong()).isEqualTo(count("MATCH ()-[r:RATED]->() RETURN count(r)"));
        assertThat(r.get("lambda").asDouble()).isEqualTo(5.0);
        assertThat(r.get("lambdaPicked").asBoolean()).isFalse();
        Record listed = single(driver, "CALL rec.model.list() YIELD modelName, modelType, nodes, dimension, graphName, trainInfo "
                + "WHERE modelName = 'ease2' RETURN *");
        assertThat(listed.get("modelType").asString()).isEqualTo("ease");
        assertThat(listed.get("nodes").asLong()).isEqualTo(30);
        assertThat(listed.get("graphName").asString()).isEqualTo("ease-test");
        assertThat(listed.get("trainInfo").asMap()).containsEntry("lambda", 5.0).containsEntry("lambdaPicked", false);
        assertThat((String) listed.get("trainInfo").asMap().get("nodeIdentity")).contains("itemId");

        Record dropped = single(driver, "CALL rec.model.drop('ease2')");
        assertThat(dropped.get("modelType").asString()).isEqualTo("ease");
        assertThat(count("CALL rec.model.list() YIELD modelName WHERE modelName = 'ease2' RETURN count(*)")).isZero();
    }

    @Test
    void picksLambdaOnValidationWhenNoneIsGiven() {
        Record r = single(driver, "CALL rec.ease.stats('ease-test', {concurrency: 2})");
        assertThat(r.get("modelName").isNull()).isTrue();
        assertThat(r.get("lambdaPicked").asBoolean()).isTrue();
        Map<String, Object> recalls = r.get("validationRecalls").asMap();
        assertThat(recalls).hasSize(rec4j.ease.EaseFit.LAMBDAS.length);
        assertThat(recalls).containsKey(String.valueOf(r.get("lambda").asDouble()));
        double best = recalls.values().stream().mapToDouble(v -> (Double) v).max().orElseThrow();
        assertThat(best).isGreaterThan(0.2);
        assertThat(EaseTrainConfig.LAMBDAS_DOC).isEqualTo(java.util.Arrays.stream(rec4j.ease.EaseFit.LAMBDAS)
                .mapToObj(l -> String.valueOf((long) l)).reduce((a, b) -> a + ", " + b).orElseThrow());
        assertThat(count("CALL rec.model.list() YIELD modelName WHERE modelName IS NULL RETURN count(*)")).isZero();
    }

    @Test
    void forUserServesAUserFromItsCurrentInteractions() {
        for (int user = 0; user < 40; user += 9) {
            List<Record> rows = list(driver, "MATCH (u:User {userId: $u}) CALL rec.recommend.forUser(u, {modelName: 'ease', k: 5}) "
                    + "YIELD item, score, basis RETURN item.itemId AS item, score, basis", Map.of("u", user));
            assertThat(rows).hasSize(5);
            int u = user;
            assertThat(rows).allSatisfy(r -> assertThat(r.get("basis").asString()).isEqualTo("interactions"));
            assertThat(rows).as("user %d's own group", user).allSatisfy(r -> {
                assertThat(r.get("item").asLong() % 2).isEqualTo(u % 2);
                assertThat(r.get("score").asDouble()).isPositive();
            });
            List<Object> mine = single(driver, "MATCH (:User {userId: $u})-[:RATED]->(i) RETURN collect(i.itemId)",
                    Map.of("u", user)).get(0).asList();
            assertThat(rows).allSatisfy(r -> assertThat(mine).doesNotContain(r.get("item").asLong()));
        }
        // a new interaction changes the list at once (no fold-in): the item now rated is no longer recommended
        long first = single(driver, "MATCH (u:User {userId: 4}) CALL rec.recommend.forUser(u, {modelName: 'ease', k: 1}) "
                + "YIELD item RETURN item.itemId").get(0).asLong();
        run(driver, "MATCH (u:User {userId: 4}), (i:Item {itemId: $i}) CREATE (u)-[:RATED {temporary: true}]->(i)", Map.of("i", first));
        try {
            long next = single(driver, "MATCH (u:User {userId: 4}) CALL rec.recommend.forUser(u, {modelName: 'ease', k: 1}) "
                    + "YIELD item RETURN item.itemId").get(0).asLong();
            assertThat(next).isNotEqualTo(first);
        } finally {
            run(driver, "MATCH ()-[r:RATED {temporary: true}]->() DELETE r");
        }
    }

    /** An explanation's contributions are the weights B[j][i] of the user's items: with all of them, they sum to the score. */
    @Test
    void explanationsAddUpToTheScore() {
        List<Record> rows = list(driver, "MATCH (u:User {userId: 3}) CALL rec.recommend.forUser(u, {modelName: 'ease', k: 3, "
                + "explain: true, explainItems: 100}) YIELD item, score, reasons RETURN score, reasons");
        assertThat(rows).hasSize(3);
        long mine = count("MATCH (:User {userId: 3})-[r:RATED]->() RETURN count(r)");
        for (Record r : rows) {
            List<Object> reasons = r.get("reasons").asList();
            assertThat(reasons).hasSize((int) mine);
            double sum = 0, previous = Double.POSITIVE_INFINITY;
            for (Object reason : reasons) {
                double c = (Double) ((Map<?, ?>) reason).get("contribution");
                assertThat(c).isLessThanOrEqualTo(previous);
                previous = c;
                sum += c;
            }
            assertThat(sum).isCloseTo(r.get("score").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void similarItemsAndSeedItemsStayInTheGroup() {
        List<Record> similar = list(driver, "MATCH (i:Item {itemId: 6}) CALL rec.recommend.similarItems(i, {modelName: 'ease', k: 5}) "
                + "YIELD item RETURN item.itemId AS item");
        assertThat(similar).hasSize(5).allSatisfy(r -> assertThat(r.get("item").asLong() % 2).isZero());
        assertThat(similar).noneSatisfy(r -> assertThat(r.get("item").asLong()).isEqualTo(6));
        List<Record> seeded = list(driver, "MATCH (i:Item) WHERE i.itemId IN [1, 3] WITH collect(i) AS seeds "
                + "CALL rec.recommend.forUser(null, {modelName: 'ease', seedItems: seeds, k: 5}) YIELD item, basis "
                + "RETURN item.itemId AS item, basis");
        assertThat(seeded).hasSize(5).allSatisfy(r -> {
            assertThat(r.get("item").asLong() % 2).isEqualTo(1);
            assertThat(r.get("basis").asString()).isEqualTo("seedItems");
        });
    }

    @Test
    void evaluatedAsAModelAndAsABaseline() {
        run(driver, "CALL gds.graph.drop('ease-train', false) YIELD graphName RETURN graphName");
        single(driver, "CALL rec.evaluate.split({relationshipTypes: ['RATED'], testFraction: 0.25, randomSeed: 3})");
        try {
            single(driver, "MATCH (u:User)-[r:RATED]->(i:Item) WHERE r.split = 'train' WITH gds.graph.project('ease-train', u, i, "
                    + "{sourceNodeLabels: labels(u), targetNodeLabels: labels(i), relationshipType: 'RATED'}, "
                    + "{undirectedRelationshipTypes: ['RATED']}) AS g RETURN g.graphName");
            single(driver, "CALL rec.ease.train('ease-train', {modelName: 'ease-split', lambda: 5.0})");
            List<Record> rows = list(driver, "CALL rec.evaluate.model('ease-split', {k: [5], baselines: ['popularity', 'ease'], "
                    + "easeLambda: 5.0})");
            assertThat(rows).extracting(r -> r.get("method").asString()).containsExactly("ease-split", "popularity", "ease");
            double model = rows.get(0).get("recall").asDouble();
            assertThat(model).isGreaterThan(rows.get(1).get("recall").asDouble() + 0.2);
            // the baseline is the same fit on the same training interactions as the model
            assertThat(rows.get(2).get("recall").asDouble()).isCloseTo(model, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(rows.get(0).get("unscoredUsers").asLong()).isZero();
            // items without training interactions all score 0: ranking them would only show the node order
            assertThat(catchThrowable(() -> list(driver, "CALL rec.evaluate.model('ease-split', {candidates: 'coldItems'})")))
                    .isInstanceOf(ClientException.class).hasMessageContaining("'candidates': 'coldItems'")
                    .hasMessageContaining("is an EASE model").hasMessageContaining("allowed for it: 'all', 'test'");
        } finally {
            run(driver, "MATCH ()-[r:RATED]->() REMOVE r.split");
            run(driver, "CALL gds.graph.drop('ease-train', false) YIELD graphName RETURN graphName");
            run(driver, "CALL rec.model.drop('ease-split')");
        }
    }

    @Test
    void oneNameIsOneModelAndGcnOnlyProceduresSaySo() {
        Throwable foldIn = catchThrowable(() -> single(driver, "CALL rec.gcn.foldIn('ease', {})"));
        assertThat(foldIn).isInstanceOf(ClientException.class).hasMessageContaining("'ease' is an EASE model")
                .hasMessageContaining("needs a GCN model");
        Throwable gcnClash = catchThrowable(() -> single(driver, "CALL rec.gcn.train('ease-test', {modelName: 'ease', epochs: 1})"));
        assertThat(gcnClash).isInstanceOf(ClientException.class).hasMessageContaining("'ease' is an EASE model");
        single(driver, "CALL rec.gcn.train('ease-test', {modelName: 'gcn-x', epochs: 1, embeddingDimension: 4, layers: 1, "
                + "validationFraction: 0.0})");
        try {
            Throwable easeClash = catchThrowable(() -> single(driver, "CALL rec.ease.train('ease-test', {modelName: 'gcn-x', lambda: 1.0})"));
            assertThat(easeClash).isInstanceOf(ClientException.class).hasMessageContaining("'gcn-x' is a GCN model");
        } finally {
            run(driver, "CALL rec.model.drop('gcn-x')");
        }
        Throwable index = catchThrowable(() -> single(driver, "CALL rec.recommend.createIndex('ease')"));
        assertThat(index).isInstanceOf(ClientException.class).hasMessageContaining("is an EASE model");
    }

    @Test
    void theEstimateIsItemsSquaredOnAndOffTheHeap() {
        Record e = single(driver, "CALL rec.ease.train.estimate('ease-test', {concurrency: 1})");
        Map<String, Object> parts = e.get("mapView").asMap();
        assertThat(parts.get("itemItemWeights")).isEqualTo(30L * 30 * 4 + 16);
        assertThat(parts.get("offHeapGram")).isEqualTo(30L * 30 * 4);
        // the heap: the larger of reading the graph and its kept rows beside the weights and the fit's lists
        long read = ((Number) parts.get("readFromGds")).longValue(), kept = ((Number) parts.get("interactions")).longValue();
        assertThat(kept).isPositive().isLessThan(read);
        assertThat(e.get("bytesMax").asLong()).isGreaterThan(30L * 30 * 4 + kept)
                .isLessThan(Math.max(read, 30L * 30 * 4 + kept) + 10_000);
        assertThat(e.get("nodeCount").asLong()).isEqualTo(70);
    }
}
