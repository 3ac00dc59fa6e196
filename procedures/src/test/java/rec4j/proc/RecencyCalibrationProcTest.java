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
 * Recency (halfLifeDays in rec.gcn.train and rec.recommend.forUser, with a context time) and calibrated probabilities
 * (rec.gcn.train / rec.ease.train with validation; forUser's probability), on a planted drift of taste: 40 items in
 * four groups (itemId % 4); 40 steady users, each with 6 items of one group (userId % 4) rated over days 0-309; and
 * 20 drifting users who rated 6 items of group 0 or 2 long ago (days 0-99) and 3 of the next group (1 or 3) lately
 * (days 300-309). For a drifter, an old taste recommends its 4 unseen items of the old group first, the recent taste
 * those of the new group.
 */
@ExtendWith(Neo4jExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecencyCalibrationProcTest {

    static final long DAY = 86_400;
    static final String TRAIN = "CALL rec.gcn.train('rc', {modelName: $name, nodeLabels: ['RcUser', 'RcItem'], "
            + "embeddingDimension: 16, layers: 2, epochs: 30, batchSize: 128, learningRate: 0.02, l2: 0.0001, "
            + "randomSeed: 5, concurrency: 1%s}) YIELD modelName, calibration RETURN modelName, calibration";

    private final Driver driver;

    RecencyCalibrationProcTest(Driver driver) {
        this.driver = driver;
    }

    @BeforeAll
    void graph() {
        cleanUp();
        run(driver, "UNWIND range(0, 59) AS u CREATE (:RcUser {userId: u})");
        run(driver, "UNWIND range(0, 39) AS i CREATE (:RcItem {itemId: i})");
        // each picked by a fixed hash of user and item: steady users, 6 items of group u % 4 over days 0-309
        run(driver, "MATCH (u:RcUser), (i:RcItem) WHERE u.userId < 40 AND i.itemId % 4 = u.userId % 4 "
                + "AND ((i.itemId / 4) * 7 + u.userId * 3) % 10 < 6 "
                + "CREATE (u)-[:RC_RATED {ts: ((i.itemId * 31 + u.userId * 17) % 310) * $day}]->(i)", Map.of("day", DAY));
        // drifters: 6 of group 0 or 2 on days 0-99, then 3 of group 1 or 3 on days 300-309
        run(driver, "MATCH (u:RcUser), (i:RcItem) WHERE u.userId >= 40 AND i.itemId % 4 = (u.userId % 2) * 2 "
                + "AND ((i.itemId / 4) * 7 + u.userId * 3) % 10 < 6 "
                + "CREATE (u)-[:RC_RATED {ts: ((i.itemId * 31 + u.userId * 17) % 100) * $day}]->(i)", Map.of("day", DAY));
        run(driver, "MATCH (u:RcUser), (i:RcItem) WHERE u.userId >= 40 AND i.itemId % 4 = (u.userId % 2) * 2 + 1 "
                + "AND ((i.itemId / 4) * 3 + u.userId * 7) % 10 < 3 "
                + "CREATE (u)-[:RC_RATED {ts: (300 + (i.itemId + u.userId) % 10) * $day}]->(i)", Map.of("day", DAY));
        run(driver, "CALL gds.graph.project('rc', ['RcUser', 'RcItem'], {RC_RATED: {orientation: 'UNDIRECTED', "
                + "properties: 'ts'}}) YIELD graphName RETURN graphName");
        run(driver, String.format(TRAIN, ", validationFraction: 0.0"), Map.of("name", "rc-plain"));
        run(driver, String.format(TRAIN, ", validationFraction: 0.0, halfLifeDays: 10, timeProperty: 'ts'"),
                Map.of("name", "rc-recent"));
        run(driver, "CALL rec.ease.train('rc', {modelName: 'rc-ease', nodeLabels: ['RcUser', 'RcItem'], lambda: 10}) "
                + "YIELD modelName RETURN modelName");
    }

    @AfterAll
    void cleanUp() {
        run(driver, "CALL gds.graph.drop('rc', false) YIELD graphName RETURN graphName");
        run(driver, "CALL rec.model.list() YIELD modelName WITH modelName WHERE modelName STARTS WITH 'rc-' "
                + "CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
        run(driver, "MATCH (n) WHERE n:RcUser OR n:RcItem DETACH DELETE n");
    }

    /** The share of the drifters' top 4 that is of their recent taste's group. */
    private double recentShare(String model, String extra, Map<String, Object> params) {
        long recent = 0, total = 0;
        for (int u = 40; u < 60; u++) {
            Map<String, Object> p = new java.util.HashMap<>(params);
            p.put("u", u);
            p.put("model", model);
            for (Record r : list(driver, "MATCH (u:RcUser {userId: $u}) CALL rec.recommend.forUser(u, {modelName: $model, "
                    + "k: 4" + extra + "}) YIELD item, basis RETURN item.itemId AS id, basis", p)) {
                recent += r.get("id").asLong() % 4 == (u % 2) * 2 + 1 ? 1 : 0;
                total++;
            }
        }
        return recent / (double) total;
    }

    @Test
    void trainingWithAHalfLifeFollowsTheRecentTaste() {
        double plain = recentShare("rc-plain", "", Map.of()), recent = recentShare("rc-recent", "", Map.of());
        assertThat(recent).as("recent %s, plain %s", recent, plain).isGreaterThan(0.75);
        assertThat(plain).isLessThan(0.4);
    }

    @Test
    void servingWithAHalfLifeWeighsTheRecentItemsUpToTheContextTime() {
        String recency = ", halfLifeDays: 5, timeProperty: 'ts', at: $at";
        // EASE: the query is the user's items weighted by recency
        double plain = recentShare("rc-ease", "", Map.of());
        double now = recentShare("rc-ease", recency, Map.of("at", 320 * DAY));
        double before = recentShare("rc-ease", recency, Map.of("at", 200 * DAY)); // the recent items not yet rated
        assertThat(now).as("now %s, plain %s, before %s", now, plain, before).isGreaterThan(0.9).isGreaterThan(plain + 0.25);
        assertThat(before).isLessThan(plain - 0.1);
        assertThat(list(driver, "MATCH (u:RcUser {userId: 40}) CALL rec.recommend.forUser(u, {modelName: 'rc-plain', "
                + "halfLifeDays: 5, timeProperty: 'ts', at: datetime({epochSeconds: 320 * $day})}) YIELD basis, probability "
                + "RETURN basis, probability", Map.of("day", DAY)))
                .allSatisfy(r -> {
                    assertThat(r.get("basis").asString()).isEqualTo("recency");
                    assertThat(r.get("probability").isNull()).isTrue();
                });
    }

    @Test
    void badRecencySettingsAreRefusedWithTheReason() {
        String forUser = "MATCH (u:RcUser {userId: 0}) CALL rec.recommend.forUser(u, {modelName: 'rc-plain'%s}) "
                + "YIELD item RETURN item";
        assertThat(message(String.format(forUser, ", halfLifeDays: 5"))).contains("'halfLifeDays' needs 'timeProperty'");
        assertThat(message(String.format(forUser, ", at: 5"))).contains("'at' goes with 'halfLifeDays'");
        assertThat(message(String.format(forUser, ", halfLifeDays: 0, timeProperty: 'ts'")))
                .contains("'halfLifeDays' must be a number of days in (0, 365000], got 0");
        assertThat(message(String.format(forUser, ", halfLifeDays: 5, timeProperty: 'ts', at: 'soon'")))
                .contains("'at' must be").contains("got 'soon'");
        assertThat(message(String.format(forUser, ", halfLifeDays: 5, timeProperty: 'when'")))
                .contains("has no time in 'when'");
        assertThat(message(String.format(TRAIN, ", halfLifeDays: 5, timeProperty: 'when'").replace("$name", "'rc-x'")))
                .contains("'timeProperty': the graph has no relationship property 'when'");
        assertThat(message(String.format(TRAIN, ", timeProperty: 'ts'").replace("$name", "'rc-x'")))
                .contains("'timeProperty' goes with 'halfLifeDays'");
    }

    @Test
    void validationCalibratesScoresIntoProbabilitiesThatFallWithTheRank() {
        Record trained = list(driver, String.format(TRAIN, ", validationFraction: 0.25").replace("$name", "'rc-cal'")).get(0);
        Map<String, Object> calibration = trained.get("calibration").asMap();
        assertThat((Double) calibration.get("a")).isPositive();
        assertThat((Long) calibration.get("positives")).isPositive();
        Map<String, Object> stored = list(driver, "CALL rec.model.list() YIELD modelName, trainInfo WHERE modelName = 'rc-cal' "
                + "RETURN trainInfo").get(0).get("trainInfo").asMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> storedCalibration = (Map<String, Object>) stored.get("calibration");
        assertThat(storedCalibration).containsEntry("a", calibration.get("a")).containsEntry("b", calibration.get("b"));
        double a = (Double) calibration.get("a"), b = (Double) calibration.get("b");
        List<Record> rows = list(driver, "MATCH (u:RcUser {userId: 3}) CALL rec.recommend.forUser(u, {modelName: 'rc-cal', "
                + "k: 10}) YIELD score, probability, rank RETURN score, probability ORDER BY rank");
        double previous = 1;
        for (Record r : rows) {
            double p = r.get("probability").asDouble();
            assertThat(p).isBetween(0.0, previous).isCloseTo(1 / (1 + Math.exp(-(a * r.get("score").asDouble() + b))),
                    org.assertj.core.api.Assertions.within(1e-9));
            previous = p;
        }
        // not for a query that is not the user's own, nor for a model trained without validation
        assertThat(list(driver, "MATCH (i:RcItem {itemId: 3}) CALL rec.recommend.similarItems(i, {modelName: 'rc-cal'}) "
                + "YIELD probability RETURN probability")).allSatisfy(r -> assertThat(r.get("probability").isNull()).isTrue());
        assertThat(list(driver, "MATCH (u:RcUser {userId: 3}) CALL rec.recommend.forUser(u, {modelName: 'rc-plain'}) "
                + "YIELD probability RETURN probability")).allSatisfy(r -> assertThat(r.get("probability").isNull()).isTrue());
        // EASE with its lambda picked on validation is calibrated too
        Record ease = list(driver, "CALL rec.ease.train('rc', {modelName: 'rc-ease-cal', nodeLabels: ['RcUser', 'RcItem']}) "
                + "YIELD calibration RETURN calibration").get(0);
        assertThat(ease.get("calibration").isNull()).isFalse();
        assertThat(list(driver, "MATCH (u:RcUser {userId: 3}) CALL rec.recommend.forUser(u, {modelName: 'rc-ease-cal'}) "
                + "YIELD probability RETURN probability")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("probability").asDouble()).isBetween(0.0, 1.0));
    }

    private String message(String query) {
        Throwable t = catchThrowable(() -> run(driver, query, Map.of("name", "rc-x")));
        assertThat(t).isInstanceOf(ClientException.class);
        return t.getMessage();
    }
}
