package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.run;

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
 * rec.hybrid.train and the hybrid kind through rec.model.*, rec.recommend.forUser and rec.evaluate.model, on 60 users
 * and 40 items in four taste groups (id % 4) with some cross-group noise. A hybrid of weight 1 ranks as its GCN part
 * alone (the same GCN as rec.gcn.train's with the same settings), of weight 0 as its EASE part alone; a picked weight
 * blends them.
 */
@ExtendWith(Neo4jExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HybridProcTest {

    static final String SETTINGS = "nodeLabels: ['HyUser', 'HyItem'], embeddingDimension: 16, layers: 2, epochs: 30, "
            + "batchSize: 128, learningRate: 0.02, l2: 0.0001, evaluateEvery: 5, patience: 2, validationFraction: 0.2, "
            + "randomSeed: 7, concurrency: 1";

    private final Driver driver;

    HybridProcTest(Driver driver) {
        this.driver = driver;
    }

    @BeforeAll
    void graph() {
        cleanUp();
        run(driver, "UNWIND range(0, 59) AS u CREATE (:HyUser {userId: u})");
        run(driver, "UNWIND range(0, 39) AS i CREATE (:HyItem {itemId: i})");
        run(driver, "MATCH (u:HyUser), (i:HyItem) WHERE (i.itemId % 4 = u.userId % 4 AND (i.itemId * 7 + u.userId * 3) % 10 < 6) "
                + "OR (i.itemId * 13 + u.userId * 11) % 40 = 0 CREATE (u)-[:HY_RATED]->(i)");
        run(driver, "CALL gds.graph.project('hy', ['HyUser', 'HyItem'], {HY_RATED: {orientation: 'UNDIRECTED'}}) "
                + "YIELD graphName RETURN graphName");
    }

    @AfterAll
    void cleanUp() {
        run(driver, "CALL gds.graph.drop('hy', false) YIELD graphName RETURN graphName");
        // hybrids first (each drops its EASE part), then whatever is left
        run(driver, "CALL rec.model.list() YIELD modelName, modelType WITH modelName, modelType WHERE modelName STARTS WITH "
                + "'hy-' AND modelType <> 'ease' CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
        run(driver, "CALL rec.model.list() YIELD modelName WITH modelName WHERE modelName STARTS WITH 'hy-' "
                + "CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
        run(driver, "MATCH (n) WHERE n:HyUser OR n:HyItem DETACH DELETE n");
    }

    private Record train(String name, String extra) {
        return list(driver, "CALL rec.hybrid.train('hy', {modelName: $name, " + SETTINGS + extra + "})",
                Map.of("name", name)).get(0);
    }

    private List<Long> top(String model, int user, String basis) {
        return list(driver, "MATCH (u:HyUser {userId: $u}) CALL rec.recommend.forUser(u, {modelName: $m, k: 8}) "
                + "YIELD item, basis RETURN item.itemId AS id, basis", Map.of("u", user, "m", model)).stream()
                .peek(r -> assertThat(r.get("basis").asString()).isEqualTo(basis))
                .map(r -> r.get("id").asLong()).toList();
    }

    @Test
    void weightOneIsTheGcnAloneAndWeightZeroTheEaseAlone() {
        train("hy-one", ", weight: 1.0");
        train("hy-zero", ", weight: 0.0");
        run(driver, "CALL rec.gcn.train('hy', {modelName: 'hy-gcn', " + SETTINGS + "})");
        for (int u = 0; u < 60; u += 7) {
            assertThat(top("hy-one", u, "hybrid")).as("user %d", u).isEqualTo(top("hy-gcn", u, "model"));
            assertThat(top("hy-zero", u, "hybrid")).as("user %d", u).isEqualTo(top("hy-zero-ease", u, "interactions"));
        }
    }

    @Test
    void aPickedBlendIsRegisteredServedEvaluatedAndDroppedWithItsParts() {
        Record r = train("hy-pick", "");
        double weight = r.get("weight").asDouble();
        assertThat(weight).isBetween(0.0, 1.0);
        assertThat(r.get("easeModel").asString()).isEqualTo("hy-pick-ease");
        Map<String, Object> recalls = r.get("validationRecalls").asMap();
        assertThat(recalls).hasSize(11);
        // the weight kept is the best of the grid on validation
        assertThat((Double) recalls.get(String.valueOf(weight))).isEqualTo(
                recalls.values().stream().mapToDouble(v -> (Double) v).max().orElseThrow());
        Map<String, String> types = new java.util.HashMap<>();
        for (Record m : list(driver, "CALL rec.model.list() YIELD modelName, modelType, trainInfo "
                + "WHERE modelName STARTS WITH 'hy-pick' RETURN modelName, modelType, trainInfo")) {
            types.put(m.get("modelName").asString(), m.get("modelType").asString());
            if (m.get("modelType").asString().equals("hybrid")) {
                assertThat(m.get("trainInfo").get("hybrid").asMap()).containsEntry("easeModel", "hy-pick-ease")
                        .containsEntry("weight", weight);
            }
        }
        assertThat(types).containsEntry("hy-pick", "hybrid").containsEntry("hy-pick-ease", "ease");
        // served blended: a user's own taste group first, scores falling with the rank, no probability
        List<Record> rows = list(driver, "MATCH (u:HyUser {userId: 5}) CALL rec.recommend.forUser(u, {modelName: 'hy-pick', "
                + "k: 4, explain: true}) YIELD item, score, probability, basis, reasons "
                + "RETURN item.itemId AS id, score, probability, basis, size(reasons) AS reasons");
        assertThat(rows).hasSize(4).allSatisfy(x -> {
            assertThat(x.get("basis").asString()).isEqualTo("hybrid");
            assertThat(x.get("probability").isNull()).isTrue();
            assertThat(x.get("reasons").asLong()).isPositive();
        });
        assertThat(rows.stream().filter(x -> x.get("id").asLong() % 4 == 1).count()).isGreaterThanOrEqualTo(3);
        // evaluated as served (a split of its own first)
        run(driver, "CALL rec.evaluate.split({nodeLabels: ['HyUser', 'HyItem'], relationshipTypes: ['HY_RATED'], "
                + "testFraction: 0.2, randomSeed: 3, splitProperty: 'hySplit'})");
        assertThat(list(driver, "CALL rec.evaluate.model('hy-pick', {splitProperty: 'hySplit', k: 5}) "
                + "YIELD method, recall RETURN method, recall")).isNotEmpty()
                .allSatisfy(x -> assertThat(x.get("recall").asDouble()).isBetween(0.0, 1.0));
        // dropping the hybrid drops its EASE part
        run(driver, "CALL rec.model.drop('hy-pick')");
        assertThat(list(driver, "CALL rec.model.list() YIELD modelName WHERE modelName STARTS WITH 'hy-pick' "
                + "RETURN modelName")).isEmpty();
    }

    @Test
    void itemsWithoutInteractionsArePlacedByTheTextTowerAndRankedByTheGcnPartAlone() {
        // text vectors that carry the taste group (column id % 4, plus a little noise); items 40..47 have no interaction
        String vec = "[k IN range(0, 3) | CASE WHEN k = i.itemId % 4 THEN 1.0 ELSE 0.0 END + ((i.itemId * 7 + k * 3) % 5) * 0.02]";
        run(driver, "UNWIND range(40, 47) AS id CREATE (:HyItem {itemId: id, cold: true})");
        run(driver, "MATCH (i:HyItem) SET i.hyVec = " + vec);
        try {
            run(driver, "CALL gds.graph.project('hy-text', {HyUser: {}, HyItem: {properties: 'hyVec'}}, "
                    + "{HY_RATED: {orientation: 'UNDIRECTED'}}) YIELD graphName RETURN graphName");
            Record r = list(driver, "CALL rec.hybrid.train('hy-text', {modelName: 'hy-text', featureProperties: ['hyVec'], "
                    + SETTINGS + "})").get(0);
            assertThat(r.get("itemsFromText").asLong()).isEqualTo(8);
            assertThat(r.get("items").asLong()).isEqualTo(48);
            // served blended, the cold items among the rest: a user's own group's cold items before the other groups'
            assertThat(ownGroupColdFirst("hy-text", "hybrid")).isGreaterThanOrEqualTo(54);
            // rec.gcn.train with featureProperties places them the same way
            run(driver, "CALL rec.gcn.train('hy-text', {modelName: 'hy-text-gcn', featureProperties: ['hyVec'], " + SETTINGS
                    + "})");
            assertThat(ownGroupColdFirst("hy-text-gcn", "model")).isGreaterThanOrEqualTo(54);
            // the EASE part does not claim them: alone it never serves a cold item
            assertThat(list(driver, "MATCH (u:HyUser) WHERE u.userId < 8 CALL rec.recommend.forUser(u, "
                    + "{modelName: 'hy-text-ease', k: 48}) YIELD item WHERE item.cold RETURN item")).isEmpty();
            // an item created after training folds in from its text alone and is served like them
            run(driver, "CREATE (:HyItem {itemId: 48, cold: true, hyVec: [0.0, 1.0, 0.0, 0.0]})");
            assertThat(list(driver, "CALL rec.gcn.foldIn('hy-text', {users: false}) YIELD newItems, fromText "
                    + "RETURN newItems, fromText").get(0).get("fromText").asLong()).isEqualTo(1);
            assertThat(list(driver, "MATCH (u:HyUser {userId: 5}) CALL rec.recommend.forUser(u, {modelName: 'hy-text', "
                    + "k: 48}) YIELD item WHERE item.itemId = 48 RETURN item")).hasSize(1);
        } finally {
            run(driver, "CALL gds.graph.drop('hy-text', false) YIELD graphName RETURN graphName");
            run(driver, "CALL rec.model.list() YIELD modelName WITH modelName WHERE modelName IN ['hy-text', 'hy-text-gcn'] "
                    + "CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
            run(driver, "MATCH (i:HyItem) WHERE i.cold DETACH DELETE i");
            run(driver, "MATCH (i:HyItem) REMOVE i.hyVec");
        }
    }

    /** Users (of 60) whose two best-ranked items among the 8 cold ones are of their own group (of the 2 there are). */
    private int ownGroupColdFirst(String model, String basis) {
        int ordered = 0;
        for (int u = 0; u < 60; u++) {
            List<Long> cold = list(driver, "MATCH (u:HyUser {userId: $u}) CALL rec.recommend.forUser(u, "
                    + "{modelName: $m, k: 48}) YIELD item, basis WHERE item.cold RETURN item.itemId AS id, basis",
                    Map.of("u", u, "m", model)).stream().peek(x -> assertThat(x.get("basis").asString()).isEqualTo(basis))
                    .map(x -> x.get("id").asLong()).toList();
            assertThat(cold).hasSize(8);
            int group = u % 4;
            ordered += cold.subList(0, 2).stream().allMatch(id -> id % 4 == group) ? 1 : 0;
        }
        return ordered;
    }

    @Test
    void keysAHybridDoesNotTakeAreRefused() {
        assertThat(message(", fusion: 'sum'")).contains("'fusion' is not a key of a hybrid");
        assertThat(message(", refit: false")).contains("'refit' is not a key of a hybrid");
        assertThat(message(", validationFraction: 0.0")).contains("'validationFraction' must be in (0, 1)");
        assertThat(message(", weight: 1.5")).contains("'weight' must be a number in [0, 1]").contains("got 1.5");
        assertThat(message(", lambda: -2")).contains("'lambda' must be a finite number > 0");
        assertThat(message(", nope: 1")).contains("nope");
    }

    private String message(String extra) {
        Throwable t = catchThrowable(() -> train("hy-bad", extra));
        assertThat(t).isInstanceOf(ClientException.class);
        return t.getMessage();
    }
}
