package rec4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path.Segment;
import rec4j.testsupport.Neo4jHarness;

/**
 * The MovieLens chain of cypher/ (11 import, 12 plots, 21 project, 31 embed, 37 train, 38 evaluate, 41 queries) in
 * order on {@link MovieLensFixture}: first without the optional plot file (texts are title + genres), then with it.
 */
class MovieLensScriptsTest {

    static final Path CYPHER = Path.of("..", "cypher");
    static final List<String> CHAIN = List.of("00-schema", "11-import-movielens", "21-project-movielens",
            "31-embed-movielens", "37-train-movielens", "38-evaluate-movielens", "41-movielens-queries");

    @Test
    void theChainTakesGroupLensFilesToEvaluatedAndExplainedRecommendations() throws IOException {
        Neo4jHarness harness = Neo4jHarness.shared();
        Driver driver = harness.driver();
        clear(driver);
        Path ml = harness.importDir().resolve("ml-100k");
        List<int[]> ratings = MovieLensFixture.write(ml, false);

        Map<String, List<CypherScripts.Result>> run = runChain(driver, CHAIN);
        checkImport(driver, run, ratings);
        Record toyStory = single(driver, "MATCH (m:Movie {movieId: 1}) RETURN m.text AS text, m.plot AS plot, m.textEmbedding AS v");
        assertThat(toyStory.get("plot").isNull()).isTrue();
        assertThat(toyStory.get("text").asString()).isEqualTo(MovieLensFixture.title(1) + ". Animation, Comedy.");
        assertThat(count(driver, "MATCH (m:Movie) WHERE size(m.textEmbedding) = 384 RETURN count(m)")).isEqualTo(MovieLensFixture.MOVIES);
        checkModels(driver, run, ratings);

        // now with plots: 12 adds them, 31 embeds again only the movies whose text changed, the rest of the chain reruns
        MovieLensFixture.write(ml, true);
        Map<String, List<CypherScripts.Result>> withPlots = runChain(driver, List.of("12-movielens-plots", "31-embed-movielens"));
        int plotted = MovieLensFixture.MOVIES - MovieLensFixture.NO_PLOT.size();
        assertThat(rows(withPlots, "12-movielens-plots", "Movies with a plot").get(0).get("withPlot").asInt()).isEqualTo(plotted);
        assertThat(rows(withPlots, "31-embed-movielens", "Embed").get(0).get("embedded").asInt()).isEqualTo(plotted);
        assertThat(rows(withPlots, "31-embed-movielens", "Embed").get(0).get("skippedExisting").asInt())
                .isEqualTo(MovieLensFixture.NO_PLOT.size());
        Record plotted1 = single(driver, "MATCH (m:Movie {movieId: 1}) RETURN m.text AS text, m.plot AS plot, m.textEmbedding AS v");
        assertThat(plotted1.get("plot").asString()).isEqualTo(MovieLensFixture.plot(1));
        assertThat(plotted1.get("text").asString()).isEqualTo(MovieLensFixture.title(1) + ". Animation, Comedy. " + MovieLensFixture.plot(1));
        assertThat(plotted1.get("v").asList(Value::asDouble)).hasSize(384).isNotEqualTo(toyStory.get("v").asList(Value::asDouble));
        assertThat(single(driver, "MATCH (m:Movie {movieId: 2}) RETURN m.plot AS plot").get("plot").asString())
                .isEqualTo(MovieLensFixture.plot(2)).contains("\"bakery\"");
        assertThat(count(driver, "MATCH (m:Movie {movieId: 40}) WHERE m.plot IS NULL AND m.text ENDS WITH 'Horror.' RETURN count(m)"))
                .isEqualTo(1);
        // the plots put words the titles lack into the texts: a free-text search finds the planted genre
        List<Record> haunted = driver.executableQuery("CALL db.index.vector.queryNodes('rec4j_Movie_textEmbedding', 5, "
                + "rec.embed.text('a scary movie about a haunted house')) YIELD node RETURN node.movieId AS id").execute().records();
        assertThat(haunted).extracting(r -> MovieLensFixture.isComedy(r.get("id").asInt())).containsOnly(false);

        Map<String, List<CypherScripts.Result>> again = runChain(driver, CHAIN.subList(2, CHAIN.size()));
        checkModels(driver, again, ratings);
    }

    private static void checkImport(Driver driver, Map<String, List<CypherScripts.Result>> run, List<int[]> ratings) {
        Record imported = rows(run, "11-import-movielens", "What was imported").get(0);
        assertThat(imported.get("movies").asInt()).isEqualTo(MovieLensFixture.MOVIES);
        assertThat(imported.get("viewers").asInt()).isEqualTo(MovieLensFixture.VIEWERS);
        assertThat(imported.get("ratings").asInt()).isEqualTo(ratings.size());
        assertThat(imported.get("genres").asInt()).isEqualTo(MovieLensFixture.GENRES.size());
        for (int movie : List.of(1, 2, 21, 22)) {
            Record m = single(driver, "MATCH (m:Movie {movieId: $id}) RETURN m.title AS title, m.genres AS genres, "
                    + "[(m)-[:IN_GENRE]->(g) | g.name] AS linked", Map.of("id", movie));
            assertThat(m.get("title").asString()).isEqualTo(MovieLensFixture.title(movie));
            assertThat(m.get("genres").asList(Value::asString)).isEqualTo(MovieLensFixture.genres(movie));
            assertThat(m.get("linked").asList(Value::asString)).containsExactlyInAnyOrderElementsOf(MovieLensFixture.genres(movie));
        }
        int[] first = ratings.get(0);
        assertThat(count(driver, "MATCH (:Viewer {viewerId: $v})-[r:RATED]->(:Movie {movieId: $m}) RETURN r.rating",
                Map.of("v", first[0], "m", first[1]))).isEqualTo(first[2]);
    }

    private static void checkModels(Driver driver, Map<String, List<CypherScripts.Result>> run, List<int[]> ratings) {
        long positives = ratings.stream().filter(r -> r[2] >= 4).count();
        assertThat(rows(run, "21-project-movielens", "Project").get(0).get("relationshipCount").asLong()).isEqualTo(2 * positives);

        // 38: the split (2 of each viewer's 12 positives held out), the evaluation rows of the model and the baselines
        Record split = rows(run, "38-evaluate-movielens", "Hold out").get(0);
        assertThat(split.get("trainRelationships").asLong() + split.get("testRelationships").asLong()).isEqualTo(positives);
        assertThat(split.get("testRelationships").asLong()).isEqualTo(2L * MovieLensFixture.VIEWERS);
        assertThat(split.get("ignoredRelationships").asLong()).isEqualTo(ratings.size() - positives);
        assertThat(split.get("usersWithTest").asLong()).isEqualTo(MovieLensFixture.VIEWERS);
        Map<String, Double> recall10 = new LinkedHashMap<>();
        List<Record> evaluation = rows(run, "38-evaluate-movielens", "The GCN against");
        for (Record r : evaluation) {
            assertThat(r.get("recall").asDouble()).as(r.toString()).isBetween(0.0, 1.0);
            assertThat(r.get("ndcg").asDouble()).as(r.toString()).isBetween(0.0, 1.0);
            assertThat(r.get("users").asLong()).isEqualTo(MovieLensFixture.VIEWERS);
            if (r.get("k").asInt() == 10) {
                recall10.put(r.get("method").asString(), r.get("recall").asDouble());
            }
        }
        assertThat(evaluation).extracting(r -> r.get("method").asString() + "@" + r.get("k").asInt()).containsExactlyInAnyOrder(
                "rec4j-movielens-eval@10", "rec4j-movielens-eval@20", "popularity@10", "popularity@20", "itemKnn@10",
                "itemKnn@20", "ease@10", "ease@20");
        // the planted taste: models that learn it beat popularity, which ignores it
        assertThat(recall10.get("rec4j-movielens-eval")).isGreaterThan(recall10.get("popularity"));
        assertThat(recall10.get("ease")).isGreaterThan(recall10.get("popularity"));

        // 41: viewer 1 likes comedies; both models recommend comedies they have not rated
        for (String title : List.of("Recommendations for viewer 1 from the GCN", "The same from EASE")) {
            List<Record> top = rows(run, "41-movielens-queries", title);
            assertThat(top).hasSize(10);
            assertThat(top.subList(0, 5)).as(title).extracting(r -> r.get("genres").asList(Value::asString))
                    .allMatch(genres -> genres.contains("Comedy"));
        }
        List<Record> why = rows(run, "41-movielens-queries", "Why");
        assertThat(why).hasSize(3);
        List<Record> explained = driver.executableQuery("MATCH (v:Viewer {viewerId: 1}) CALL rec.recommend.forUser(v, "
                + "{modelName: 'rec4j-movielens-gcn', k: 3, explain: true, explainItems: 2}) YIELD item, reasons, paths "
                + "RETURN item, reasons, paths").execute().records();
        for (Record r : explained) {
            Node recommended = r.get("item").asNode();
            assertThat(r.get("reasons").asList()).isNotEmpty();
            List<org.neo4j.driver.types.Path> paths = r.get("paths").asList(Value::asPath);
            assertThat(paths).isNotEmpty();
            for (org.neo4j.driver.types.Path p : paths) {
                assertThat(p.start().get("viewerId").asInt()).isEqualTo(1);
                assertThat(p.length()).isIn(1, 3);
                if (p.length() == 3) {
                    assertThat(p.end().elementId()).isEqualTo(recommended.elementId());
                }
                for (Segment s : p) {
                    assertThat(s.relationship().type()).isEqualTo("RATED");
                }
            }
        }
        assertThat(rows(run, "41-movielens-queries", "Movies like movie 1")).hasSize(5)
                .extracting(r -> r.get("genres").asList(Value::asString)).allMatch(genres -> genres.contains("Comedy"));
        assertThat(rows(run, "41-movielens-queries", "Free text through")).hasSize(5);
        assertThat(rows(run, "41-movielens-queries", "The same wish for viewer 1")).hasSize(5);
    }

    private static Map<String, List<CypherScripts.Result>> runChain(Driver driver, List<String> scripts) throws IOException {
        Map<String, List<CypherScripts.Result>> results = new LinkedHashMap<>();
        for (String script : scripts) {
            results.put(script, CypherScripts.run(driver, CYPHER.resolve(script + ".cypher")));
        }
        return results;
    }

    /** The rows of the statement of {@code script} whose title starts with {@code title}. */
    private static List<Record> rows(Map<String, List<CypherScripts.Result>> run, String script, String title) {
        List<CypherScripts.Result> matching = run.get(script).stream()
                .filter(r -> r.statement().title().startsWith(title)).toList();
        assertThat(matching).as(script + ": '" + title + "'").hasSize(1);
        return matching.get(0).records();
    }

    /** Removes what an earlier run of the MovieLens scripts left in the shared database. */
    private static void clear(Driver driver) {
        driver.executableQuery("MATCH (n) WHERE n:Viewer OR n:Movie OR n:Genre DETACH DELETE n").execute();
        driver.executableQuery("CALL gds.graph.list() YIELD graphName WHERE graphName STARTS WITH 'rec4j-movielens' "
                + "CALL gds.graph.drop(graphName) YIELD graphName AS dropped RETURN dropped").execute();
        driver.executableQuery("CALL rec.model.list() YIELD modelName WHERE modelName STARTS WITH 'rec4j-movielens' "
                + "CALL rec.model.drop(modelName) YIELD modelName AS dropped RETURN dropped").execute();
    }

    private static Record single(Driver driver, String query) {
        return single(driver, query, Map.of());
    }

    private static Record single(Driver driver, String query, Map<String, Object> parameters) {
        List<Record> records = driver.executableQuery(query).withParameters(parameters).execute().records();
        assertThat(records).as(query).hasSize(1);
        return records.get(0);
    }

    private static long count(Driver driver, String query) {
        return single(driver, query).get(0).asLong();
    }

    private static long count(Driver driver, String query, Map<String, Object> parameters) {
        return single(driver, query, parameters).get(0).asLong();
    }
}
