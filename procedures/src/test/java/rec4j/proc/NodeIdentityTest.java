package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.single;
import static rec4j.testsupport.Cypher.list;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import rec4j.testsupport.Neo4jHarness;

/**
 * A model never serves, explains, writes, mutates, indexes, streams or evaluates a node other than the one it was
 * trained on: an item the model knows is deleted, the server restarts (Neo4j then reuses the freed id), and a new node
 * takes over the id - first a node of another label, then an item with another key. Each rec.* path must skip and
 * count it; a fold-in then adds the new item as itself.
 */
class NodeIdentityTest {

    @TempDir
    Path temp;

    @Test
    void aNodeThatTakesOverADeletedNodesIdIsNeverTheModelsNode() {
        Path data = temp.resolve("data");
        long victim;
        int items;
        try (Neo4jHarness first = Neo4jHarness.startWithData(temp.resolve("h1"), data)) {
            Driver d = first.driver();
            run(d, "CREATE CONSTRAINT user_key FOR (u:User) REQUIRE u.userId IS UNIQUE");
            run(d, "CREATE CONSTRAINT item_key FOR (i:Item) REQUIRE i.itemId IS UNIQUE");
            // two taste groups: users rate items of their group
            run(d, "UNWIND range(0, 29) AS i CREATE (:Item {itemId: i, genre: i % 2})");
            run(d, "UNWIND range(0, 39) AS u CREATE (user:User {userId: u}) WITH user, u "
                    + "MATCH (i:Item) WHERE i.itemId % 2 = u % 2 AND (i.itemId * 7 + u * 3) % 10 < 5 "
                    + "CREATE (user)-[:RATED {rating: 5}]->(i)");
            run(d, "CALL gds.graph.project('g', ['User', 'Item'], {RATED: {orientation: 'UNDIRECTED'}})");
            Record trained = single(d, "CALL rec.gcn.train('g', {modelName: 'm', embeddingDimension: 8, layers: 2, epochs: 20, "
                    + "batchSize: 64, learningRate: 0.01, validationFraction: 0.0})");
            assertThat(trained.get("items").asLong()).isEqualTo(30);
            assertThat(single(d, "CALL rec.model.list()").get("trainInfo").get("nodeIdentity").asString())
                    .isEqualTo("User(userId), Item(itemId)");
            run(d, "CALL rec.evaluate.split({nodeLabels: ['User', 'Item'], relationshipTypes: ['RATED'], testFraction: 0.2})");
            // the item the model ranks first for user 0 (not one user 0 rated) is the one deleted
            victim = single(d, "MATCH (u:User {userId: 0}) CALL rec.recommend.forUser(u, {modelName: 'm', k: 1}) "
                    + "YIELD item RETURN id(item) AS id").get("id").asLong();
            items = 30;
            run(d, "MATCH (i) WHERE id(i) = $id DETACH DELETE i", Map.of("id", victim));
        }

        // 1. a node of another label takes over the id
        try (Neo4jHarness second = Neo4jHarness.startWithData(temp.resolve("h2"), data)) {
            Driver d = second.driver();
            assertThat(takeOver(d, "Secret {data: 'payroll ' + k}", victim)).as("Neo4j reused the freed id").isTrue();
            checkNeverServed(d, victim, items, false);
            run(d, "MATCH (s:Secret) DELETE s");
        }

        // 2. an item with another key takes over the id; then a fold-in adds it as the new item it is
        try (Neo4jHarness third = Neo4jHarness.startWithData(temp.resolve("h3"), data)) {
            Driver d = third.driver();
            assertThat(takeOver(d, "Item {itemId: 1000 + k, genre: 0}", victim)).as("Neo4j reused the freed id").isTrue();
            run(d, "MATCH (i:Item) WHERE i.itemId > 1000 AND id(i) <> $id DELETE i", Map.of("id", victim));
            checkNeverServed(d, victim, items, true);

            run(d, "MATCH (u:User {userId: 2}), (i) WHERE id(i) = $id CREATE (u)-[:RATED {rating: 5}]->(i)",
                    Map.of("id", victim));
            Record folded = single(d, "CALL rec.gcn.foldIn('m', {users: false})");
            assertThat(folded.get("newItems").asLong()).isEqualTo(1);
            assertThat(folded.get("nodes").asLong()).isEqualTo(40 + items + 1);
            // now the model holds the new item (once) and serves it as itself
            assertThat(single(d, "CALL rec.gcn.stream('m') YIELD nodeId WHERE nodeId = $id RETURN count(*) AS c",
                    Map.of("id", victim)).get("c").asLong()).isEqualTo(1);
            assertThat(single(d, "MATCH (i) WHERE id(i) = $id CALL rec.recommend.similarItems(i, {modelName: 'm', k: 3}) "
                    + "YIELD item RETURN count(item) AS c", Map.of("id", victim)).get("c").asLong()).isEqualTo(3);
            // a second fold-in finds nothing new
            assertThat(single(d, "CALL rec.gcn.foldIn('m', {users: false})").get("newItems").asLong()).isZero();
        }
    }

    /** Creates up to 200 nodes in one transaction; true when one of them got the id. */
    private static boolean takeOver(Driver d, String pattern, long id) {
        return single(d, "UNWIND range(1, 200) AS k CREATE (n:" + pattern + ") RETURN sum(CASE WHEN id(n) = $id THEN 1 ELSE 0 END) AS hit",
                Map.of("id", id)).get("hit").asLong() == 1;
    }

    private static void checkNeverServed(Driver d, long impostor, int items, boolean sameLabel) {
        Map<String, Object> p = Map.of("id", impostor);
        // forUser with explanations: every item and every reason is a live item of the model, never the impostor
        List<Record> recs = list(d, "MATCH (u:User {userId: 0}) CALL rec.recommend.forUser(u, {modelName: 'm', "
                + "k: 100, explain: true}) YIELD item, reasons RETURN id(item) AS id, [r IN reasons | id(r.item)] AS why");
        assertThat(recs).isNotEmpty();
        for (Record r : recs) {
            assertThat(r.get("id").asLong()).isNotEqualTo(impostor);
            assertThat(r.get("why").asList(Value::asLong)).doesNotContain(impostor);
        }
        // similar items of every item of the model
        assertThat(single(d, "MATCH (i:Item) WHERE i.itemId < 30 CALL rec.recommend.similarItems(i, {modelName: 'm', k: 100}) "
                + "YIELD item WHERE id(item) = $id RETURN count(*) AS c", p).get("c").asLong()).isZero();
        // the impostor as input is not the model's item
        if (sameLabel) {
            assertThat(error(d, "MATCH (i) WHERE id(i) = $id CALL rec.recommend.similarItems(i, {modelName: 'm'}) "
                    + "YIELD item RETURN item", p)).contains("has no embedding for");
        }
        // stream leaves the row out
        assertThat(single(d, "CALL rec.gcn.stream('m') YIELD nodeId WHERE nodeId = $id RETURN count(*) AS c", p)
                .get("c").asLong()).isZero();
        assertThat(single(d, "CALL rec.gcn.stream('m') YIELD nodeId RETURN count(*) AS c").get("c").asLong())
                .isEqualTo(40 + items - 1);
        // write skips and counts it
        Record written = single(d, "CALL rec.gcn.write('m', {writeProperty: 'emb'})");
        assertThat(written.get("nodesMissing").asLong()).isEqualTo(1);
        assertThat(written.get("nodePropertiesWritten").asLong()).isEqualTo(40 + items - 1);
        assertThat(single(d, "MATCH (n) WHERE id(n) = $id RETURN n.emb IS NULL AS clean", p).get("clean").asBoolean()).isTrue();
        // mutate into a fresh projection that holds the impostor (when it has the label)
        run(d, "CALL gds.graph.drop('h', false)");
        run(d, "CALL gds.graph.project('h', ['User', 'Item'], {RATED: {orientation: 'UNDIRECTED'}})");
        Record mutated = single(d, "CALL rec.gcn.mutate('m', {graphName: 'h', mutateProperty: 'emb'})");
        assertThat(mutated.get("nodePropertiesWritten").asLong()).isEqualTo(40 + items - 1);
        // createIndex writes every live item but the impostor
        Record index = single(d, "CALL rec.recommend.createIndex('m', {indexName: 'idx', writeProperty: 'idxVec'})");
        assertThat(index.get("items").asLong()).isEqualTo(items - 1);
        assertThat(single(d, "MATCH (n) WHERE id(n) = $id RETURN n.idxVec IS NULL AS clean", p).get("clean").asBoolean()).isTrue();
        // forUser through the index never returns it either
        assertThat(list(d, "MATCH (u:User {userId: 0}) CALL rec.recommend.forUser(u, {modelName: 'm', k: 100, "
                + "candidates: 'index', indexName: 'idx'}) YIELD item WHERE id(item) = $id RETURN item", p)).isEmpty();
        // popularity fallback (a user without embedding or interactions) skips it
        run(d, "CREATE (:User {userId: 999})");
        assertThat(single(d, "MATCH (u:User {userId: 999}) CALL rec.recommend.forUser(u, {modelName: 'm', k: 100, "
                + "fallback: 'popularity'}) YIELD item WHERE id(item) = $id RETURN count(*) AS c", p).get("c").asLong()).isZero();
        run(d, "MATCH (u:User {userId: 999}) DELETE u");
        // evaluation does not score it with the deleted item's embedding
        if (sameLabel) {
            List<Record> rows = list(d, "CALL rec.evaluate.model('m', {k: [10]})");
            assertThat(rows.get(0).get("unscoredItems").asLong()).isEqualTo(1);
        }
        run(d, "DROP INDEX idx IF EXISTS");
        run(d, "MATCH (n) REMOVE n.emb, n.idxVec");
    }

    private static String error(Driver d, String query, Map<String, Object> params) {
        try {
            run(d, query, params);
            return "no error";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }




}
