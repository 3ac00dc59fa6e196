package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static rec4j.testsupport.Cypher.assertRefused;
import static rec4j.testsupport.Cypher.count;
import static rec4j.testsupport.Cypher.cosine;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.longs;
import static rec4j.testsupport.Cypher.refusedCases;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.single;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;
import rec4j.testsupport.Neo4jExtension;

@ExtendWith(Neo4jExtension.class)
class EmbedProceduresTest {

    private final Driver driver;

    EmbedProceduresTest(Driver driver) {
        this.driver = driver;
    }

    @BeforeEach
    void clean() {
        run(driver, "MATCH (n) DETACH DELETE n");
        for (Record index : list(driver, "SHOW VECTOR INDEXES YIELD name")) {
            run(driver, "DROP INDEX `" + index.get("name").asString() + "` IF EXISTS");
        }
    }

    @Test
    void textFunctionAndTextsProcedureAgree() {
        List<Double> one = single(driver, "RETURN rec.embed.text('A light comedy for a rainy evening') AS v").get("v").asList(Value::asDouble);
        assertThat(one).hasSize(384);
        assertThat(norm(one)).isCloseTo(1.0, within(1e-5));
        List<Record> rows = list(driver, 
                "CALL rec.embed.texts(['A light comedy for a rainy evening', 'A dark war drama']) YIELD index, text, embedding "
                        + "RETURN index, text, embedding ORDER BY index");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("embedding").asList(Value::asDouble)).usingComparatorForType(
                (a, b) -> Math.abs(a - b) < 1e-5 ? 0 : Double.compare(a, b), Double.class).isEqualTo(one);
        assertThat(rows.get(1).get("text").asString()).isEqualTo("A dark war drama");
    }

    @Test
    void nodesAreEmbeddedSkippedAndIndexed() {
        run(driver, "UNWIND range(1, 30) AS i CREATE (:Item {itemId: i, title: 'Item ' + i, description: 'A sturdy hiking backpack number ' + i})");
        run(driver, "CREATE (:Item {itemId: 100}), (:Item {itemId: 101, title: '   ', description: ''}), (:Other {title: 'not an item'})");
        Record result = single(driver, "CALL rec.embed.nodes({nodeLabels: ['Item'], textProperties: ['title', 'description'], "
                + "batchSize: 4, concurrency: 2, vectorIndex: true})");
        assertThat(longs(result, "embedded", "skippedNoText", "skippedExisting", "committedBatches", "dimension"))
                .containsExactly(30L, 2L, 0L, 8L, 384L);
        assertThat(result.get("model").asString()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(result.get("vectorIndex").asString()).isEqualTo("rec4j_Item_textEmbedding");

        // stored as a float list, equal to embedding the joined text
        List<Double> stored = single(driver, "MATCH (i:Item {itemId: 7}) RETURN i.textEmbedding AS v").get("v").asList(Value::asDouble);
        List<Double> direct = single(driver, "RETURN rec.embed.text('Item 7' + '\\n' + 'A sturdy hiking backpack number 7') AS v")
                .get("v").asList(Value::asDouble);
        assertThat(cosine(stored, direct)).isGreaterThan(0.99999);
        assertThat(count(driver, "MATCH (i:Item) WHERE i.itemId >= 100 RETURN count(i.textEmbedding)")).isZero();
        assertThat(single(driver, "MATCH (o:Other) RETURN o.textEmbedding IS NULL AS none").get("none").asBoolean()).isTrue();

        // the vector index answers a nearest-neighbour query
        run(driver, "CALL db.awaitIndexes(60)");
        String nearest = single(driver, "CALL db.index.vector.queryNodes('rec4j_Item_textEmbedding', 1, "
                + "rec.embed.text('Item 12\\nA sturdy hiking backpack number 12')) YIELD node RETURN node.title AS t").get("t").asString();
        assertThat(nearest).isEqualTo("Item 12");

        // a second run with skipExisting does nothing new
        Record again = single(driver, "CALL rec.embed.nodes({nodeLabels: 'Item', textProperties: ['title', 'description'], skipExisting: true})");
        assertThat(longs(again, "embedded", "skippedExisting")).containsExactly(0L, 30L);
        assertThat(again.get("vectorIndex").isNull()).isTrue();
    }

    @Test
    void aFailureMidWayLeavesWholeBatchesAndARerunCompletesTheRest() {
        // 300 nodes; the 290th has a number where text is expected. Windows of 256 texts are read, embedded and
        // written in batches of 2 before the second window is read, so the failure comes after 128 commits.
        run(driver, "UNWIND range(1, 300) AS i CREATE (:Doc {n: i, body: CASE WHEN i = 290 THEN 42 ELSE 'Document ' + i END})");
        assertRefused(driver, "CALL rec.embed.nodes({nodeLabels: ['Doc'], textProperties: ['body'], batchSize: 2})",
                "property 'body' of node", "is an integer, not a string; pass coerceNonStrings: true",
                "256 nodes were written in 128 committed batches before this");
        assertThat(docsEmbedded()).isEqualTo(256);
        rerunCompletesTheRest("batchSize: 2, coerceNonStrings: true", 256, 300);
    }

    @Test
    void aTerminatedCallLeavesWholeBatchesAndARerunCompletesTheRest() {
        // long enough texts that embedding all of them takes far longer than the timeout (the monitor checks every 2 s)
        run(driver, "UNWIND range(1, 3000) AS i CREATE (:Doc {n: i, body: 'Document number ' + i + ' is a long review of a sturdy "
                + "hiking backpack that kept everything dry through a week of mountain storms, with padded straps, a rain "
                + "cover, many pockets, a hydration sleeve and a frame that carries heavy loads without hurting the back.'})");
        TransactionConfig timeout = TransactionConfig.builder().withTimeout(Duration.ofMillis(1500)).build();
        assertThatThrownBy(() -> {
            try (var session = driver.session()) {
                session.run("CALL rec.embed.nodes({nodeLabels: ['Doc'], textProperties: ['body'], batchSize: 10})", timeout).consume();
            }
        }).isInstanceOf(Neo4jException.class).hasMessageContaining("terminated");
        long written = docsEmbedded();
        assertThat(written % 10).as("only whole batches of 10 are committed").isZero();
        assertThat(written).isLessThan(3000);
        rerunCompletesTheRest("batchSize: 10", written, 3000);
    }

    /** rec.embed.nodes on the :Doc bodies again with skipExisting: the {@code written} are skipped, the rest embedded. */
    private void rerunCompletesTheRest(String config, long written, long docs) {
        Record rerun = single(driver, "CALL rec.embed.nodes({nodeLabels: ['Doc'], textProperties: ['body'], skipExisting: true, "
                + config + "})");
        assertThat(longs(rerun, "skippedExisting", "embedded")).containsExactly(written, docs - written);
        assertThat(docsEmbedded()).isEqualTo(docs);
    }

    private long docsEmbedded() {
        return count(driver, "MATCH (d:Doc) RETURN count(d.textEmbedding)");
    }

    @Test
    void relationshipTextIsEmbedded() {
        run(driver, "CREATE (u:User {userId: 1}), (i:Item {itemId: 1}), (j:Item {itemId: 2}), "
                + "(u)-[:RATED {rating: 5, review: 'Absolutely love it'}]->(i), (u)-[:RATED {rating: 2}]->(j)");
        Record result = single(driver, "CALL rec.embed.relationships({relationshipTypes: ['RATED'], textProperties: ['review'], "
                + "writeProperty: 'reviewEmbedding'})");
        assertThat(longs(result, "embedded", "skippedNoText")).containsExactly(1L, 1L);
        assertThat(count(driver, "MATCH ()-[r:RATED {rating: 5}]->() RETURN size(r.reviewEmbedding)")).isEqualTo(384);
    }

    @Test
    void profilesAreWeightedMeansOfItemVectors() {
        run(driver, "CREATE (a:Item {itemId: 1, textEmbedding: [1.0, 0.0, 0.0]}), (b:Item {itemId: 2, textEmbedding: [0.0, 1.0, 0.0]}), "
                + "(c:Item {itemId: 3}), (d:Item {itemId: 4, textEmbedding: [0.0, 0.0, 1.0]}), "
                + "(u:User {userId: 1}), (v:User {userId: 2}), (w:User {userId: 3}), "
                + "(u)-[:RATED {rating: 4}]->(a), (u)-[:RATED {rating: 2}]->(b), (u)-[:RATED {rating: 5}]->(c), "
                + "(u)-[:RATED {rating: 1}]->(d), (v)-[:RATED {rating: 5}]->(c)");
        Record result = single(driver, "CALL rec.embed.profiles({nodeLabels: ['User'], relationshipTypes: ['RATED'], "
                + "weightProperty: 'rating', minWeight: 2})");
        // usersSkipped: v (an item without vector) and w (no items)
        assertThat(longs(result, "profilesWritten", "usersSkipped", "dimension")).containsExactly(1L, 2L, 3L);
        List<Double> profile = single(driver, "MATCH (u:User {userId: 1}) RETURN u.textProfile AS p").get("p").asList(Value::asDouble);
        // 4 * [1,0,0] + 2 * [0,1,0] (rating 1 is below minWeight), scaled to unit length
        assertThat(profile.get(0)).isCloseTo(4 / Math.sqrt(20), within(1e-6));
        assertThat(profile.get(1)).isCloseTo(2 / Math.sqrt(20), within(1e-6));
        assertThat(profile.get(2)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void badInputIsRejectedWithTheKeyTheValueAndWhatIsAllowed() {
        run(driver, "CREATE (:Item {title: 'x', rating: 3})");
        StringBuilder report = new StringBuilder();
        refusedCases("/rec4j/refused/embed.txt").forEach((query, expected) -> report.append(query).append("\n  -> ")
                .append(assertRefused(driver, query, expected).replaceAll("\\s+", " ")).append('\n'));
        System.out.print(report);
        assertThat(count(driver, "MATCH (i:Item) RETURN count(i.textEmbedding)")).as("nothing written").isZero();
    }

    private static double norm(List<Double> v) {
        return Math.sqrt(v.stream().mapToDouble(x -> x * x).sum());
    }
}
