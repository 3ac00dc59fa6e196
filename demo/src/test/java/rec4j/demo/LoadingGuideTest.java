package rec4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.testsupport.Neo4jHarness;

/**
 * The Cypher of docs/guide.md "Loading millions of interactions", run as written on CSV files of a small generated
 * catalog in a fresh database: every user, item and interaction arrives once, with its rating.
 */
class LoadingGuideTest {

    static final Path GUIDE = Path.of("..", "docs", "guide.md");
    static final String HEADING = "Loading millions of interactions.";

    @Test
    void theGuidesLoadingStatementsLoadEveryRowOnce(@TempDir Path home) throws IOException {
        String script = CypherScripts.markdownBlock(Files.readString(GUIDE), HEADING);
        assertThat(CypherScripts.parse(script)).hasSize(5);

        int users = 40, items = 25;
        Random random = new Random(11);
        List<int[]> ratings = new ArrayList<>();
        for (int u = 1; u <= users; u++) {
            for (int i = 1; i <= items; i++) {
                if (random.nextDouble() < 0.2) {
                    ratings.add(new int[] {u, i, 1 + random.nextInt(5)});
                }
            }
        }
        try (Neo4jHarness neo4j = Neo4jHarness.start(home, b -> b)) {
            Path dir = neo4j.importDir();
            StringBuilder u = new StringBuilder("userId\n"), i = new StringBuilder("itemId\n"),
                    r = new StringBuilder("userId,itemId,rating\n");
            for (int k = 1; k <= users; k++) {
                u.append(k).append('\n');
            }
            for (int k = 1; k <= items; k++) {
                i.append(k).append('\n');
            }
            for (int[] x : ratings) {
                r.append(x[0]).append(',').append(x[1]).append(',').append(x[2]).append('\n');
            }
            Files.writeString(dir.resolve("users.csv"), u);
            Files.writeString(dir.resolve("items.csv"), i);
            Files.writeString(dir.resolve("ratings.csv"), r);

            Driver driver = neo4j.driver();
            CypherScripts.run(driver, GUIDE.toString(), script); // each statement auto-commit, as IN TRANSACTIONS needs
            Record counts = driver.executableQuery("MATCH (a:User)-[x:RATED]->(b:Item) RETURN COUNT { (:User) } AS users, "
                    + "COUNT { (:Item) } AS items, count(x) AS ratings, sum(a.userId * 1000000 + b.itemId * 10 + x.rating) AS digest")
                    .execute().records().get(0);
            long digest = ratings.stream().mapToLong(x -> x[0] * 1_000_000L + x[1] * 10L + x[2]).sum();
            assertThat(counts.get("users").asLong()).isEqualTo(users);
            assertThat(counts.get("items").asLong()).isEqualTo(items);
            assertThat(counts.get("ratings").asLong()).isEqualTo(ratings.size());
            assertThat(counts.get("digest").asLong()).isEqualTo(digest);
            assertThat(driver.executableQuery("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names").execute()
                    .records().get(0).get("names").asList()).contains("user_key", "item_key");
        }
    }
}
