package rec4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.testsupport.Neo4jHarness;

/** Runs every script of cypher/ against the harness, twice (they are idempotent), on generated data and tiny MovieLens fixtures. */
class CypherScriptsTest {

    static final Path CYPHER = Path.of("..", "cypher");
    static Neo4jHarness harness;
    static DemoData.Catalog catalog;
    static List<int[]> mlRatings;

    @BeforeAll
    static void writeInputs() throws IOException {
        harness = Neo4jHarness.shared();
        catalog = DemoData.generate(new DemoData.Params(200, 100, 2_000, 7));
        DemoData.writeCsv(catalog, harness.importDir().resolve("rec4j-demo"));
        // MovieLens 100K's formats on a tiny planted fixture, with the optional plot file (the real files are never committed)
        mlRatings = MovieLensFixture.write(harness.importDir().resolve("ml-100k"), true);
    }

    @Test
    void everyScriptIsNumberedAndRunsTwiceWithTheSameResult() throws IOException {
        // the second round finds every text already embedded (skipExisting) and the same counts
        List<Path> all;
        try (Stream<Path> files = Files.list(CYPHER)) {
            all = files.filter(p -> p.toString().endsWith(".cypher")).sorted().toList();
        }
        assertThat(CypherScripts.list(CYPHER)).as("every .cypher file is a numbered script").isEqualTo(all).hasSizeGreaterThanOrEqualTo(10);

        for (int round = 1; round <= 2; round++) {
            for (Path script : all) {
                assertThat(CypherScripts.run(harness.driver(), script)).as(script.toString()).isNotEmpty();
            }
            checkDemo();
            checkMovieLens();
        }
    }

    private void checkDemo() throws IOException {
        Driver driver = harness.driver();
        assertThat(count(driver, "MATCH (u:User) RETURN count(u)")).isEqualTo(200);
        assertThat(count(driver, "MATCH (i:Item) RETURN count(i)")).isEqualTo(100);
        assertThat(count(driver, "MATCH (c:Category) RETURN count(c)")).isEqualTo(10);
        assertThat(count(driver, "MATCH (:User)-[r:RATED]->(:Item) RETURN count(r)")).isEqualTo(2_000);
        long reviews = catalog.ratings().stream().filter(r -> r.review() != null).count();
        assertThat(count(driver, "MATCH (:User)-[r:RATED]->(:Item) WHERE r.review IS NOT NULL RETURN count(r)")).isEqualTo(reviews);
        DemoData.Rating first = catalog.ratings().get(0);
        Record stored = driver.executableQuery("MATCH (:User {userId: $u})-[r:RATED]->(i:Item {itemId: $i}) "
                        + "RETURN r.rating AS rating, r.timestamp AS ts, i.description AS description, i.category AS category")
                .withParameters(java.util.Map.of("u", first.userId(), "i", first.itemId())).execute().records().get(0);
        assertThat(stored.get("rating").asInt()).isEqualTo(first.rating());
        assertThat(stored.get("ts").asLong()).isEqualTo(first.timestamp());
        DemoData.Item item = catalog.items().get(first.itemId() - 1);
        assertThat(stored.get("description").asString()).isEqualTo(item.description()).contains(",");
        assertThat(count(driver, "MATCH (u:User {userId: 1}) RETURN size(u.favoriteCategories)"))
                .isEqualTo(catalog.users().get(0).favoriteCategories().size());

        assertThat(count(driver, "MATCH (i:Item) WHERE size(i.textEmbedding) = 384 RETURN count(i)")).isEqualTo(100);
        long usersWithLikes = count(driver, "MATCH (u:User) WHERE EXISTS { (u)-[r:RATED]->() WHERE r.rating >= 4 } RETURN count(u)");
        assertThat(count(driver, "MATCH (u:User) WHERE size(u.textProfile) = 384 RETURN count(u)")).isEqualTo(usersWithLikes);
        assertThat(count(driver, "SHOW VECTOR INDEXES YIELD name, state WHERE name = 'rec4j_Item_textEmbedding' AND state = 'ONLINE' "
                + "RETURN count(*)")).isEqualTo(1);

        assertThat(count(driver, "CALL rec.model.list() YIELD modelName WHERE modelName = 'rec4j-demo-gcn' RETURN count(*)")).isEqualTo(1);
        assertThat(count(driver, "CALL rec.gcn.stream('rec4j-demo-gcn') YIELD nodeId RETURN count(*)")).isEqualTo(300);

        // 36-evaluate-demo: the held-out ratings, the training-only projection, its model and the evaluation
        long positives = count(driver, "MATCH (:User)-[r:RATED]->(:Item) WHERE r.rating >= 4 RETURN count(r)");
        long test = count(driver, "MATCH (:User)-[r:RATED {split: 'test'}]->(:Item) RETURN count(r)");
        assertThat(test + count(driver, "MATCH (:User)-[r:RATED {split: 'train'}]->(:Item) RETURN count(r)")).isEqualTo(positives);
        assertThat(test).isBetween(positives / 10, positives / 3);
        assertThat(count(driver, "CALL gds.graph.list('rec4j-demo-train') YIELD relationshipCount RETURN relationshipCount"))
                .isEqualTo(2 * (positives - test));
        long testUsers = count(driver, "MATCH (u:User) WHERE EXISTS { (u)-[:RATED {split: 'test'}]->() } RETURN count(u)");
        assertThat(driver.executableQuery("CALL rec.evaluate.model('rec4j-demo-eval', {k: 10, baselines: ['popularity']}) "
                + "YIELD method, users RETURN method, users").execute().records())
                .extracting(r -> r.get("method").asString() + " " + r.get("users").asLong())
                .containsExactly("rec4j-demo-eval " + testUsers, "popularity " + testUsers);

        // 45-feedback-ab-example: a list of 10 per user in three arms, and the planted tastes make both models beat
        // popularity with the whole 95 % interval of the difference above zero
        long users = count(driver, "MATCH (u:User) RETURN count(u)");
        assertThat(count(driver, "MATCH (:User)-[s:SHOWN]->(:Item) RETURN count(s)")).isEqualTo(10 * users);
        java.util.List<Record> ab = driver.executableQuery("CALL rec.evaluate.online({responseTypes: ['CLICKED'], k: 10, "
                + "baseline: 'popularity'}) YIELD model, lists, ctr, ctrDiffLow RETURN model, lists, ctr, ctrDiffLow ORDER BY model")
                .execute().records();
        assertThat(ab).extracting(r -> r.get("model").asString()).containsExactly("popularity", "rec4j-demo-gcn", "rec4j-demo-text");
        assertThat(ab.stream().mapToLong(r -> r.get("lists").asLong()).sum()).isEqualTo(users);
        assertThat(ab.subList(1, 3)).allSatisfy(r -> assertThat(r.get("ctrDiffLow").asDouble()).isGreaterThan(0));

        Record graph = driver.executableQuery("CALL gds.graph.list('rec4j-demo') YIELD nodeCount, relationshipCount "
                + "RETURN nodeCount, relationshipCount").execute().records().get(0);
        assertThat(graph.get("nodeCount").asLong()).isEqualTo(300);
        assertThat(graph.get("relationshipCount").asLong()).isEqualTo(4_000); // undirected: both directions
    }

    private void checkMovieLens() {
        // the planted fixture's structure and the chain's results are checked in MovieLensScriptsTest; here: the counts
        Driver driver = harness.driver();
        assertThat(count(driver, "MATCH (m:Movie) RETURN count(m)")).isEqualTo(MovieLensFixture.MOVIES);
        assertThat(count(driver, "MATCH (v:Viewer) RETURN count(v)")).isEqualTo(MovieLensFixture.VIEWERS);
        assertThat(count(driver, "MATCH (:Viewer)-[r:RATED]->(:Movie) RETURN count(r)")).isEqualTo(mlRatings.size());
        assertThat(count(driver, "MATCH (m:Movie) WHERE m.plot IS NOT NULL RETURN count(m)"))
                .isEqualTo(MovieLensFixture.MOVIES - MovieLensFixture.NO_PLOT.size());
        long positives = mlRatings.stream().filter(r -> r[2] >= 4).count();
        assertThat(count(driver, "CALL gds.graph.list('rec4j-movielens') YIELD relationshipCount RETURN relationshipCount"))
                .isEqualTo(2 * positives);
        assertThat(count(driver, "MATCH (m:Movie) WHERE size(m.textEmbedding) = 384 RETURN count(m)")).isEqualTo(MovieLensFixture.MOVIES);
        assertThat(count(driver, "CALL rec.model.list() YIELD modelName WHERE modelName STARTS WITH 'rec4j-movielens-' "
                + "RETURN count(*)")).isEqualTo(3);
        assertThat(count(driver, "MATCH (:Viewer)-[r:RATED {split: 'test'}]->(:Movie) RETURN count(r)")).isEqualTo(2L * MovieLensFixture.VIEWERS);
    }

    private static long count(Driver driver, String query) {
        return driver.executableQuery(query).execute().records().get(0).get(0).asLong();
    }

    @Test
    void parsesTitlesCommentsAndMultiLineStatements() {
        List<CypherScripts.Statement> statements = CypherScripts.parse(
                "// first\nMATCH (n)\nRETURN n;\n\n// ignored comment\n// second\nRETURN 1;\nRETURN 'a;b'");
        assertThat(statements).containsExactly(
                new CypherScripts.Statement("first", "MATCH (n)\nRETURN n"),
                new CypherScripts.Statement("second", "RETURN 1"),
                new CypherScripts.Statement("", "RETURN 'a;b'"));
    }
}
