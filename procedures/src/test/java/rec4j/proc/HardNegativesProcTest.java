package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.ClientException;
import rec4j.gcn.ShownIgnored;
import rec4j.testsupport.Neo4jExtension;

/** rec.gcn.train with hardNegativeType: logged impressions that were not taken push those items down for the user. */
@ExtendWith(Neo4jExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HardNegativesProcTest {

    static final ShownIgnored.World WORLD = ShownIgnored.generate(80, 40, 4, 10, 0.3, 8, 0.0, 4);
    static final String TRAIN = "CALL rec.gcn.train('hn', {modelName: $name, nodeLabels: ['HnUser', 'HnItem'], embeddingDimension: 16, "
            + "layers: 2, epochs: 30, batchSize: 256, learningRate: 0.01, l2: 0.0001, validationFraction: 0.0, randomSeed: 3, "
            + "concurrency: $c%s}) YIELD modelName RETURN modelName";

    private final Driver driver;

    HardNegativesProcTest(Driver driver) {
        this.driver = driver;
    }

    @BeforeAll
    void graph() {
        cleanUp();
        run(driver, "UNWIND range(0, 79) AS u CREATE (:HnUser {userId: u})");
        run(driver, "UNWIND range(0, 39) AS i CREATE (:HnItem {itemId: i})");
        List<Map<String, Object>> rated = new ArrayList<>(), shown = new ArrayList<>();
        for (int u = 0; u < 80; u++) {
            for (int i : WORLD.train().positives()[u]) {
                rated.add(Map.of("u", u, "i", i));
            }
            for (int i : WORLD.shown()[u]) {
                shown.add(Map.of("u", u, "i", i));
            }
        }
        run(driver, "UNWIND $pairs AS p MATCH (u:HnUser {userId: p.u}), (i:HnItem {itemId: p.i}) CREATE (u)-[:RATED]->(i)",
                Map.of("pairs", rated));
        run(driver, "UNWIND $pairs AS p MATCH (u:HnUser {userId: p.u}), (i:HnItem {itemId: p.i}) "
                + "CREATE (u)-[:SHOWN {at: datetime(), model: 'old', rank: 1}]->(i)", Map.of("pairs", shown));
        run(driver, "CALL gds.graph.project('hn', ['HnUser', 'HnItem'], {RATED: {orientation: 'UNDIRECTED'}}) YIELD graphName RETURN graphName");
    }

    @AfterAll
    void cleanUp() {
        run(driver, "CALL gds.graph.drop('hn', false) YIELD graphName RETURN graphName");
        run(driver, "CALL rec.model.list() YIELD modelName WITH modelName WHERE modelName STARTS WITH 'hn-' "
                + "CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
        run(driver, "MATCH (n) WHERE n:HnUser OR n:HnItem DETACH DELETE n");
    }

    @Test
    void shownAndIgnoredItemsRankLowerAndConcurrencyDoesNotMatter() {
        run(driver, String.format(TRAIN, ""), Map.of("name", "hn-control", "c", 1));
        run(driver, String.format(TRAIN, ", hardNegativeType: 'SHOWN', hardNegativeRate: 1.0"), Map.of("name", "hn-hard", "c", 1));
        run(driver, String.format(TRAIN, ", hardNegativeType: 'SHOWN', hardNegativeRate: 1.0"), Map.of("name", "hn-hard4", "c", 4));
        assertThat(meanShownRank("hn-hard4")).isEqualTo(meanShownRank("hn-hard"));
        assertThat(meanShownRank("hn-hard")).isGreaterThan(meanShownRank("hn-control") + 3);
    }

    @Test
    void badInputNamesTheKey() {
        assertThat(message(String.format(TRAIN, ", hardNegativeRate: 0.5"), "hn-x"))
                .contains("'hardNegativeRate' goes with 'hardNegativeType'");
        assertThat(message(String.format(TRAIN, ", hardNegativeType: 'SHOWN', hardNegativeRate: 1.5"), "hn-x"))
                .contains("hardNegativeRate", "1.5");
        assertThat(message(String.format(TRAIN, ", relationshipTypes: ['RATED'], hardNegativeType: 'RATED'"), "hn-x"))
                .contains("'hardNegativeType' is 'RATED', which is also one of the relationshipTypes");
    }

    /** The mean position (from 0) of each user's shown items in their full ranking of unrated items. */
    private double meanShownRank(String model) {
        double sum = 0;
        int n = 0;
        for (var row : list(driver, "MATCH (u:HnUser) CALL rec.recommend.forUser(u, {modelName: $m, k: 40}) YIELD item, rank "
                + "WITH u, item, rank WHERE (u)-[:SHOWN]->(item) RETURN rank", Map.of("m", model))) {
            sum += row.get("rank").asLong() - 1;
            n++;
        }
        assertThat(n).isEqualTo(80 * 8);
        return sum / n;
    }

    private String message(String query, String name) {
        Throwable thrown = catchThrowable(() -> run(driver, query, Map.of("name", name, "c", 1)));
        assertThat(thrown).isInstanceOf(ClientException.class);
        return thrown.getMessage();
    }
}
