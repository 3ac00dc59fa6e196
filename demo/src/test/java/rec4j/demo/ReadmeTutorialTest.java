package rec4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import rec4j.testsupport.Neo4jHarness;

/**
 * The README's "Tutorial: your own data" runs as written: every Cypher block of that section, statement by statement
 * and in order, on a small generated demo catalog (the model the tutorial names), with checks on what the steps return.
 */
class ReadmeTutorialTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern CYPHER_BLOCK = Pattern.compile("```cypher\n(.*?)```", Pattern.DOTALL);

    static Neo4jHarness harness;

    @BeforeAll
    static void loadTheDemoCatalog() throws IOException {
        harness = Neo4jHarness.shared();
        DemoData.writeCsv(DemoData.generate(new DemoData.Params(200, 100, 2_000, 7)), harness.importDir().resolve("rec4j-demo"));
        CypherScripts.run(harness.driver(), CypherScriptsTest.CYPHER.resolve("00-schema.cypher"));
        CypherScripts.run(harness.driver(), CypherScriptsTest.CYPHER.resolve("10-import-demo.cypher"));
    }

    @AfterAll
    static void removeWhatTheTutorialMade() {
        try (Session session = harness.driver().session()) {
            for (String model : List.of("shop-gcn", "shop-ease", "shop-eval")) {
                session.run("CALL rec.model.list() YIELD modelName WITH modelName WHERE modelName = $m "
                        + "CALL rec.model.drop(modelName) YIELD modelType RETURN modelType", java.util.Map.of("m", model)).consume();
            }
            for (String graph : List.of("shop", "shop-train")) {
                session.run("CALL gds.graph.drop($g, false) YIELD graphName RETURN graphName", java.util.Map.of("g", graph)).consume();
            }
            session.run("MATCH ()-[r:RATED]->() REMOVE r.split").consume();
        }
    }

    static List<CypherScripts.Statement> tutorialStatements() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Tutorial: your own data\n");
        assertThat(start).as("the README's tutorial section").isGreaterThanOrEqualTo(0);
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<CypherScripts.Statement> statements = new ArrayList<>();
        Matcher blocks = CYPHER_BLOCK.matcher(section);
        while (blocks.find()) {
            statements.addAll(CypherScripts.parse(blocks.group(1)));
        }
        return statements;
    }

    @Test
    void everyStatementOfTheTutorialRunsOnTheDemoCatalog() throws IOException {
        List<CypherScripts.Statement> statements = tutorialStatements();
        assertThat(statements).as("statements in the tutorial").hasSizeGreaterThanOrEqualTo(15);
        Set<String> methods = new HashSet<>();
        try (Session session = harness.driver().session()) {
            for (CypherScripts.Statement statement : statements) {
                List<Record> rows;
                try {
                    rows = session.run(statement.text()).list();
                } catch (RuntimeException e) {
                    throw new AssertionError("README tutorial statement failed: " + e.getMessage() + "\n" + statement.text(), e);
                }
                String text = statement.text();
                if (text.contains("YIELD") || text.startsWith("MATCH") || text.contains("RETURN")) {
                    assertThat(rows).as("rows of\n" + text).isNotEmpty();
                }
                if (text.contains("k: 10, diversity")) {
                    assertThat(rows).as("top 10 of\n" + text).hasSize(10);
                }
                if (text.contains("explain: true")) {
                    assertThat(rows).allSatisfy(r -> assertThat(r.get("p").asPath().length()).isPositive());
                }
                if (text.contains("seedItems")) {
                    assertThat(rows).allSatisfy(r -> assertThat(r.get("basis").asString()).isEqualTo("seedItems"));
                }
                if (text.contains("rec.evaluate.model")) {
                    rows.forEach(r -> {
                        methods.add(r.get("method").asString());
                        assertThat(r.get("recall").asDouble()).isBetween(0.0, 1.0);
                    });
                }
            }
        }
        assertThat(methods).containsExactlyInAnyOrder("shop-eval", "popularity", "itemKnn", "ease");
    }
}
