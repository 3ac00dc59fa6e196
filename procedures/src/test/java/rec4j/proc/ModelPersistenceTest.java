package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.single;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import rec4j.testsupport.Neo4jHarness;

/** A model trained before a restart is listed and served after it; a damaged model file is refused. */
class ModelPersistenceTest {

    @TempDir
    Path temp;

    private Path file;

    @Test
    void aModelSurvivesARestartAndADamagedFileIsRefused() throws Exception {
        Path data = temp.resolve("data");
        Neo4jHarness first = Neo4jHarness.startWithData(temp.resolve("first"), data);
        List<List<Double>> before;
        try {
            run(first.driver(), "UNWIND range(0, 9) AS i CREATE (:Item {itemId: i})");
            run(first.driver(), "UNWIND range(0, 19) AS u CREATE (user:User {userId: u}) WITH user, u "
                    + "MATCH (i:Item) WHERE (i.itemId + u) % 3 = 0 CREATE (user)-[:RATED]->(i)");
            run(first.driver(), "CALL gds.graph.project('g', ['User', 'Item'], {RATED: {orientation: 'UNDIRECTED'}})");
            run(first.driver(), "CALL rec.gcn.train('g', {modelName: 'kept', embeddingDimension: 8, layers: 2, "
                    + "epochs: 5, batchSize: 16, validationFraction: 0.0})");
            before = embeddings(first);
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        first.close();
        Neo4jHarness second = Neo4jHarness.startWithData(temp.resolve("second"), data);
        try {
            Record listed = single(second.driver(), "CALL rec.model.list()");
            assertThat(listed.get("modelName").asString()).isEqualTo("kept");
            assertThat(listed.get("graphName").asString()).isEqualTo("g");
            assertThat(embeddings(second)).isEqualTo(before).hasSize(30);

            // damage the file: the next load (after a restart) must refuse it
            try (Stream<Path> files = Files.walk(data)) {
                file = files.filter(f -> f.getFileName().toString().equals("kept.rec4j")).findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(file, bytes);
        } catch (RuntimeException e) {
            second.close();
            throw e;
        }
        second.close();
        try (Neo4jHarness third = Neo4jHarness.startWithData(temp.resolve("third"), data)) {
            assertThatThrownBy(() -> third.driver().executableQuery("CALL rec.gcn.stream('kept')").execute())
                    .isInstanceOf(ClientException.class)
                    .hasMessageContaining("kept.rec4j fails its checksum: it is damaged");
            assertThatThrownBy(() -> third.driver().executableQuery("CALL rec.model.drop('nope')").execute())
                    .isInstanceOf(ClientException.class).hasMessageContaining("no model named 'nope' in database 'neo4j'; models: [kept]");
            assertThat(list(third.driver(), "CALL rec.model.list()")).isEmpty();
            Record dropped = single(third.driver(), "CALL rec.model.drop('kept')");
            assertThat(dropped.get("trainInfo").get("damaged").asBoolean()).isTrue();
            assertThat(Files.exists(file)).isFalse();
        }
    }

    @Test
    void aHybridWithItsTextTowerServesTheSameAfterARestart() throws Exception {
        Path data = temp.resolve("hybrid-data");
        String top = "MATCH (u:User) WHERE u.userId < 6 CALL rec.recommend.forUser(u, {modelName: 'hy', k: 12}) "
                + "YIELD item, score, basis RETURN u.userId AS user, item.itemId AS item, score, basis ORDER BY user, score DESC";
        String easeTop = "MATCH (u:User) WHERE u.userId < 6 CALL rec.recommend.forUser(u, {modelName: 'hy-ease', k: 12}) "
                + "YIELD item RETURN item.itemId AS item";
        List<String> before;
        try (Neo4jHarness first = Neo4jHarness.startWithData(temp.resolve("hy-first"), data)) {
            // 12 items in 3 groups with text vectors; items 12..14 have text and no interaction
            run(first.driver(), "UNWIND range(0, 14) AS i CREATE (:Item {itemId: i, vec: [k IN range(0, 2) | "
                    + "CASE WHEN k = i % 3 THEN 1.0 ELSE 0.0 END + ((i * 7 + k) % 4) * 0.05]})");
            run(first.driver(), "UNWIND range(0, 29) AS u CREATE (user:User {userId: u}) WITH user, u "
                    + "MATCH (i:Item) WHERE i.itemId < 12 AND (i.itemId % 3 = u % 3 OR (i.itemId + u) % 7 = 0) "
                    + "CREATE (user)-[:RATED]->(i)");
            run(first.driver(), "CALL gds.graph.project('g', {User: {}, Item: {properties: 'vec'}}, "
                    + "{RATED: {orientation: 'UNDIRECTED'}})");
            Record trained = single(first.driver(), "CALL rec.hybrid.train('g', {modelName: 'hy', featureProperties: ['vec'], "
                    + "embeddingDimension: 8, layers: 2, epochs: 10, batchSize: 32, evaluateEvery: 2, validationFraction: 0.2, "
                    + "concurrency: 1})");
            assertThat(trained.get("itemsFromText").asLong()).isEqualTo(3);
            before = list(first.driver(), top).stream().map(Record::toString).toList();
            assertThat(before).anyMatch(r -> r.contains("item: 12") || r.contains("item: 13") || r.contains("item: 14"));
        }
        try (Neo4jHarness second = Neo4jHarness.startWithData(temp.resolve("hy-second"), data)) {
            // the same lists, scores and basis from the files; the EASE part still does not claim the text-placed items
            assertThat(list(second.driver(), top).stream().map(Record::toString).toList()).isEqualTo(before);
            assertThat(list(second.driver(), easeTop)).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("item").asLong()).isLessThan(12));
        }
    }

    private static List<List<Double>> embeddings(Neo4jHarness harness) {
        return list(harness.driver(), "CALL rec.gcn.stream('kept') YIELD nodeId, embedding RETURN embedding ORDER BY nodeId").stream().map(r -> r.get("embedding").asList(Value::asDouble)).toList();
    }
}
