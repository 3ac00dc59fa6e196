package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;
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
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.ClientException;
import rec4j.testsupport.Neo4jExtension;

/** rec.feedback.shown and rec.evaluate.online on a hand-built log whose numbers are counted here independently. */
@ExtendWith(Neo4jExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackProceduresTest {

    private static final String LABELS = "userLabel: 'FbUser', itemLabel: 'FbItem'";
    private final Driver driver;

    FeedbackProceduresTest(Driver driver) {
        this.driver = driver;
    }

    @BeforeAll
    void graph() {
        cleanUp();
        run(driver, "UNWIND range(1, 4) AS u CREATE (:FbUser {userId: u})");
        run(driver, "UNWIND range(1, 10) AS i CREATE (:FbItem {itemId: i})");
    }

    @AfterAll
    void cleanUp() {
        run(driver, "MATCH (n) WHERE n:FbUser OR n:FbItem DETACH DELETE n");
    }

    private Record shown(int user, List<Integer> items, String config) {
        return single(driver, "MATCH (u:FbUser {userId: $u}) UNWIND $items AS id MATCH (i:FbItem {itemId: id}) "
                + "WITH u, collect(i) AS items CALL rec.feedback.shown(u, items, " + config + ") "
                + "YIELD relationshipsWritten, at RETURN relationshipsWritten, at", Map.of("u", user, "items", items));
    }

    @Test
    void impressionsAndResponsesGiveCtrHitRateCoverageAndTheDifferenceToTheBaseline() {
        run(driver, "MATCH (:FbUser)-[r]->() DELETE r");
        // arm A: users 1 and 2; arm B: users 3 and 4; all on 2026-01-01 at 10:00 UTC, one more list of B a day later
        String day1 = "datetime('2026-01-01T10:00:00Z')";
        Record written = shown(1, List.of(1, 2, 3), "{model: 'A', context: 'home', at: " + day1 + "}");
        assertThat(written.get("relationshipsWritten").asLong()).isEqualTo(3);
        assertThat(written.get("at").asZonedDateTime().toInstant().toString()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(list(driver, "MATCH (:FbUser {userId: 1})-[s:SHOWN]->(i) RETURN i.itemId AS i, s.rank AS rank, s.model AS model, "
                + "s.context AS context ORDER BY rank", Map.of()))
                .extracting(r -> r.get("i").asInt() + "@" + r.get("rank").asInt() + " " + r.get("model").asString() + " "
                        + r.get("context").asString())
                .containsExactly("1@1 A home", "2@2 A home", "3@3 A home");
        shown(2, List.of(4, 5, 6), "{model: 'A', at: " + day1 + "}");
        shown(3, List.of(1, 7, 8), "{model: 'B', at: " + day1 + "}");
        shown(4, List.of(9, 10, 1), "{model: 'B', at: " + day1 + "}");
        shown(4, List.of(2, 3, 4), "{model: 'B', at: datetime('2026-01-02T10:00:00Z')}");
        // responses: user 1 clicks item 2 an hour later (counted) and item 3 (rank 3: beyond k = 2);
        // user 2 clicked item 4 the day before (not after the impression) and item 5 ten days later (beyond 7 days);
        // user 3 clicks item 7 (epoch seconds as the time) and item 1; user 4 clicks item 10 and, on day 2, item 2
        run(driver, "MATCH (u:FbUser {userId: 1}), (a:FbItem {itemId: 2}), (b:FbItem {itemId: 3}) "
                + "CREATE (u)-[:CLICKED {at: datetime('2026-01-01T11:00:00Z')}]->(a), (u)-[:CLICKED {at: datetime('2026-01-01T11:00:00Z')}]->(b)");
        run(driver, "MATCH (u:FbUser {userId: 2}), (a:FbItem {itemId: 4}), (b:FbItem {itemId: 5}) "
                + "CREATE (u)-[:CLICKED {at: datetime('2025-12-31T10:00:00Z')}]->(a), (u)-[:CLICKED {at: datetime('2026-01-11T10:00:00Z')}]->(b)");
        run(driver, "MATCH (u:FbUser {userId: 3}), (a:FbItem {itemId: 7}), (b:FbItem {itemId: 1}) "
                + "CREATE (u)-[:CLICKED {at: datetime('2026-01-01T12:00:00Z').epochSeconds}]->(a), "
                + "(u)-[:BOUGHT {at: datetime('2026-01-01T12:00:00Z')}]->(b)");
        run(driver, "MATCH (u:FbUser {userId: 4}), (a:FbItem {itemId: 10}), (b:FbItem {itemId: 2}) "
                + "CREATE (u)-[:CLICKED {at: datetime('2026-01-01T12:00:00Z')}]->(a), (u)-[:CLICKED {at: datetime('2026-01-02T12:00:00Z')}]->(b)");

        List<Record> rows = list(driver, "CALL rec.evaluate.online({responseTypes: ['CLICKED', 'BOUGHT'], k: 2, baseline: 'A', "
                + LABELS + "}) YIELD model, windowStart, lists, impressions, responses, ctr, ctrLow, ctrHigh, hitRate, itemsShown, "
                + "coverage, ctrDiff, ctrDiffLow, ctrDiffHigh, hitRateDiff RETURN *", Map.of());
        assertThat(rows).extracting(r -> r.get("model").asString()).containsExactly("A", "B");
        Record a = rows.get(0), b = rows.get(1);
        assertThat(a.get("windowStart").isNull()).isTrue();
        // A: 4 impressions (ranks 1-2 of two lists), 1 response (user 1, item 2), 1 of 2 lists hit, items 1, 2, 4, 5
        assertThat(List.of(a.get("impressions").asLong(), a.get("responses").asLong(), a.get("lists").asLong(),
                a.get("itemsShown").asLong())).containsExactly(4L, 1L, 2L, 4L);
        assertThat(a.get("ctr").asDouble()).isEqualTo(0.25);
        assertThat(a.get("hitRate").asDouble()).isEqualTo(0.5);
        assertThat(a.get("coverage").asDouble()).isEqualTo(0.4);
        assertThat(a.get("ctrDiff").isNull()).isTrue();
        // B: 6 impressions, responses: user 3 items 1 and 7, user 4 item 10 (rank 2 of list 1) and item 2 (day 2, rank 1)
        assertThat(List.of(b.get("impressions").asLong(), b.get("responses").asLong(), b.get("lists").asLong(),
                b.get("itemsShown").asLong())).containsExactly(6L, 4L, 3L, 6L);
        assertThat(b.get("ctrDiff").asDouble()).isCloseTo(4 / 6.0 - 0.25, within(1e-12));
        assertThat(b.get("hitRateDiff").asDouble()).isCloseTo(1.0 - 0.5, within(1e-12));
        assertThat(b.get("ctrLow").asDouble()).isLessThan(b.get("ctr").asDouble());
        assertThat(b.get("ctrDiffLow").asDouble()).isLessThan(b.get("ctrDiff").asDouble());
        // the same count in plain Cypher
        long cypherResponses = single(driver, "MATCH (u:FbUser)-[s:SHOWN {model: 'B'}]->(i) WHERE s.rank <= 2 AND EXISTS { "
                + "(u)-[c:CLICKED|BOUGHT]->(i) WHERE (CASE WHEN c.at IS :: INTEGER THEN datetime({epochSeconds: c.at}) ELSE c.at END) "
                + ">= s.at AND (CASE WHEN c.at IS :: INTEGER THEN datetime({epochSeconds: c.at}) ELSE c.at END) "
                + "<= s.at + duration({days: 7}) } RETURN count(*) AS n", Map.of()).get("n").asLong();
        assertThat(b.get("responses").asLong()).isEqualTo(cypherResponses);

        // by day: B splits into two windows, and only the first has a baseline to compare with
        List<Record> daily = list(driver, "CALL rec.evaluate.online({responseTypes: ['CLICKED', 'BOUGHT'], k: 2, baseline: 'A', "
                + "windowDays: 1, " + LABELS + "}) YIELD model, windowStart, impressions, ctrDiff RETURN *", Map.of());
        assertThat(daily).extracting(r -> r.get("model").asString() + " " + r.get("windowStart").asZonedDateTime().toLocalDate()
                + " " + r.get("impressions").asLong() + " " + (r.get("ctrDiff").isNull() ? "-" : "d"))
                .containsExactly("A 2026-01-01 4 -", "B 2026-01-01 4 d", "B 2026-01-02 2 -");
        // a shorter attribution drops the responses an hour or more later: A's only one is an hour later
        Record shortA = single(driver, "CALL rec.evaluate.online({responseTypes: ['CLICKED'], k: 2, attributionDays: 0.01, "
                + LABELS + "}) YIELD model, responses WHERE model = 'A' RETURN responses", Map.of());
        assertThat(shortA.get("responses").asLong()).isZero();
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() {
        run(driver, "MATCH (:FbUser)-[r]->() DELETE r");
        assertThat(message("MATCH (u:FbUser {userId: 1}), (i:FbItem {itemId: 1}) CALL rec.feedback.shown(u, [i], {}) YIELD at RETURN at"))
                .contains("rec.feedback.shown", "'model'");
        assertThat(message("MATCH (u:FbUser {userId: 1}), (i:FbItem {itemId: 1}) CALL rec.feedback.shown(u, [i], "
                + "{model: 'A', at: 'yesterday'}) YIELD at RETURN at")).contains("'at'", "yesterday", "DATETIME");
        assertThat(message("MATCH (u:FbUser {userId: 1}) CALL rec.feedback.shown(u, [1, 2], {model: 'A'}) YIELD at RETURN at"))
                .contains("'items' is a list of 2 values that are not all nodes");
        assertThat(message("MATCH (u:FbUser {userId: 1}), (i:FbItem {itemId: 1}) CALL rec.feedback.shown(u, [i], "
                + "{model: 'A', rank: 3}) YIELD at RETURN at")).contains("rank");
        assertThat(single(driver, "MATCH (:FbUser)-[s:SHOWN]->() RETURN count(s) AS n", Map.of()).get("n").asLong()).isZero();
        assertThat(message("CALL rec.evaluate.online({}) YIELD model RETURN model")).contains("'responseTypes'");
        assertThat(message("CALL rec.evaluate.online({responseTypes: ['SHOWN']}) YIELD model RETURN model"))
                .contains("'responseTypes'", "other than the shownType 'SHOWN'");
        assertThat(message("CALL rec.evaluate.online({responseTypes: ['CLICKED'], confidence: 1.5}) YIELD model RETURN model"))
                .contains("'confidence' must be in (0, 1)");
        shown(1, List.of(1), "{model: 'A'}");
        assertThat(message("CALL rec.evaluate.online({responseTypes: ['CLICKED'], baseline: 'Z', " + LABELS + "}) YIELD model RETURN model"))
                .contains("'baseline' is 'Z'", "logged: [A]");
        run(driver, "MATCH (u:FbUser {userId: 2}), (i:FbItem {itemId: 1}) CREATE (u)-[:SHOWN {rank: 1}]->(i)");
        assertThat(message("CALL rec.evaluate.online({responseTypes: ['CLICKED'], " + LABELS + "}) YIELD model RETURN model"))
                .contains("needs 'at'", "'model'");
        run(driver, "MATCH (:FbUser)-[r]->() DELETE r");
    }

    @Test
    void loggingIsAWriteAndEvaluatingARead() {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            assertThatThrownBy(() -> session.executeRead(tx -> tx.run("MATCH (u:FbUser {userId: 1}), (i:FbItem {itemId: 1}) "
                    + "CALL rec.feedback.shown(u, [i], {model: 'A'}) YIELD at RETURN at").list())).hasMessageContaining("not allowed");
            List<Record> read = session.executeRead(tx -> tx.run("CALL rec.evaluate.online({responseTypes: ['CLICKED'], "
                    + LABELS + "}) YIELD model RETURN model").list());
            assertThat(read).isNotNull();
        }
    }

    private String message(String query) {
        Throwable thrown = catchThrowable(() -> run(driver, query));
        assertThat(thrown).isInstanceOf(ClientException.class);
        return thrown.getMessage();
    }
}
