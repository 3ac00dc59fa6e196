package rec4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import rec4j.serving.Vectors;

/**
 * The Spark job in local mode (2 executor threads) against Neo4j 5.26 with GDS and the plugin (the test-support
 * harness, in a second JVM: see {@link Neo4jFork}), over Bolt: its vectors
 * are the plugin's (rec.embed.text and rec.embed.nodes of the same nodes), nodes without text are skipped and counted,
 * a rerun with skipExisting writes nothing, non-string text values are refused or coerced as the plugin does.
 */
class SparkEmbedJobTest {

    private static final int ITEMS = 36;
    private static Neo4jFork neo4j;
    private static Driver db;
    private static SparkSession spark;
    /** key → the text rec.embed.nodes builds from title and description (null: none). */
    private static final Map<Long, String> expected = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        neo4j = Neo4jFork.start("2g");
        db = GraphDatabase.driver(neo4j.bolt(), AuthTokens.none());
        spark = SparkSession.builder().master("local[2]").appName("SparkEmbedJobTest")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
        List<Map<String, Object>> rows = new ArrayList<>();
        String longText = ("A very long plot summary that goes on and on about heroes, villains and the sea, "
                + "far beyond the model's token limit. ").repeat(30);
        for (long key = 0; key < ITEMS; key++) {
            Map<String, Object> row = new HashMap<>();
            row.put("key", key);
            String title = null;
            String description = null;
            if (key % 9 == 4) {
                // no text: both missing, or blank
                description = key % 2 == 0 ? "   " : null;
            } else if (key == 1) {
                title = "Crème brûlée à Montréal: 東京の夜, Ωmega — naïve café 😀";
                description = "Überraschend süß; ça va? Ñandú, Ærø, Łódź.";
            } else if (key == 2) {
                title = "Long";
                description = longText;
            } else if (key % 5 == 3) {
                title = "Title only " + key;
            } else {
                title = "Item " + key + ": a " + (key % 2 == 0 ? "thriller" : "comedy") + " about " + (key * 7 % 11)
                        + " friends";
                description = key % 3 == 0 ? "" : "They travel to city number " + key + " and find a dog.";
            }
            row.put("title", title);
            row.put("description", description);
            rows.add(row);
            String text = title != null && description != null && !description.isBlank() ? title + "\n" + description
                    : title != null ? title : description != null && !description.isBlank() ? description : null;
            expected.put(key, text);
        }
        run("MATCH (n) DETACH DELETE n");
        run("UNWIND $rows AS row CREATE (n:Item {key: row.key}) SET n.title = row.title, "
                + "n.description = row.description", Map.of("rows", rows));
        run("CREATE (:Other {title: 'not an item'})");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (db != null) {
            db.close();
        }
        if (neo4j != null) {
            neo4j.close();
        }
    }

    private static List<Record> run(String query) {
        return run(query, Map.of());
    }

    private static List<Record> run(String query, Map<String, Object> parameters) {
        try (Session session = db.session()) {
            return session.run(query, parameters).list();
        }
    }

    private static Map<String, String> settings(String... keyValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("url", neo4j.bolt().toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    private static float[] floats(List<Object> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }

    /** The one value of the query's one row. */
    private static Object value(String query) {
        return run(query).get(0).get(0).asObject();
    }

    @Test
    void writesThePluginsVectorsSkipsNodesWithoutTextAndARerunWritesNothing() {
        long noText = expected.values().stream().filter(t -> t == null).count();
        assertThat(noText).isGreaterThanOrEqualTo(3);

        SparkEmbedJob.Counts counts = SparkEmbedJob.run(spark, SparkEmbedJob.Options.of(settings(
                "nodeLabels", "Item", "textProperties", "title,description", "batchSize", "5", "partitions", "3",
                "vectorIndex", "true"), 2));
        assertThat(counts.read()).isEqualTo(ITEMS);
        assertThat(counts.skippedNoText()).isEqualTo(noText);
        assertThat(counts.embedded()).isEqualTo(ITEMS - noText);
        assertThat(counts.written()).isEqualTo(ITEMS - noText);
        assertThat(counts.skippedExisting()).isZero();
        assertThat(counts.vectorIndex()).isEqualTo("rec4j_Item_textEmbedding");
        assertThat(value("SHOW VECTOR INDEXES YIELD name WHERE name = 'rec4j_Item_textEmbedding' RETURN count(*)"))
                .isEqualTo(1L);
        assertThat(value("MATCH (n:Other) RETURN n.textEmbedding IS NULL")).isEqualTo(true);

        // the plugin on the same nodes, for comparison
        Record plugin = run("CALL rec.embed.nodes({nodeLabels: ['Item'], textProperties: ['title', 'description'], "
                + "writeProperty: 'pluginEmbedding'})").get(0);
        assertThat(plugin.get("embedded").asLong()).isEqualTo(counts.embedded());
        assertThat(plugin.get("skippedNoText").asLong()).isEqualTo(counts.skippedNoText());

        Map<String, Object> texts = new HashMap<>();
        expected.forEach((k, v) -> texts.put(Long.toString(k), v));
        List<Record> found = run("MATCH (n:Item) RETURN n.key AS key, n.textEmbedding AS spark, "
                + "n.pluginEmbedding AS plugin, CASE WHEN $texts[toString(n.key)] IS NULL THEN null "
                + "ELSE rec.embed.text($texts[toString(n.key)]) END AS reference", Map.of("texts", texts));
        assertThat(found).hasSize(ITEMS);
        for (Record row : found) {
            long key = row.get("key").asLong();
            if (expected.get(key) == null) {
                assertThat(row.get("spark").isNull()).as("node %d has no text, so no vector", key).isTrue();
                continue;
            }
            float[] vector = floats(row.get("spark").asList());
            float[] reference = floats(row.get("reference").asList());
            assertThat(vector).as("node %d", key).hasSize(reference.length);
            assertThat(Vectors.cosine(vector, reference)).as("node %d vs rec.embed.text", key)
                    .isGreaterThanOrEqualTo(0.99999);
            assertThat(Vectors.cosine(vector, floats(row.get("plugin").asList()))).as("node %d vs rec.embed.nodes", key)
                    .isGreaterThanOrEqualTo(0.99999);
        }

        // a rerun with skipExisting writes nothing: a changed vector stays as it is
        run("MATCH (n:Item {key: 0}) SET n.textEmbedding = [1.0, 2.0]");
        SparkEmbedJob.Counts rerun = SparkEmbedJob.run(spark, SparkEmbedJob.Options.of(settings(
                "nodeLabels", "Item", "textProperties", "title,description", "skipExisting", "true"), 2));
        assertThat(rerun.read()).isEqualTo(ITEMS);
        assertThat(rerun.skippedExisting()).isEqualTo(counts.embedded());
        assertThat(rerun.skippedNoText()).isEqualTo(noText);
        assertThat(rerun.embedded()).isZero();
        assertThat(rerun.written()).isZero();
        assertThat(value("MATCH (n:Item {key: 0}) RETURN n.textEmbedding")).isEqualTo(List.of(1.0, 2.0));
    }

    @Test
    void refusesNonStringTextUnlessCoercedAndThenEmbedsThePluginsText() {
        run("CREATE (:Odd {key: 1, title: 42, tags: ['a', 'b']}), "
                + "(:Odd {key: 2, title: 'fine', tags: ['c']}), (:Odd {key: 3, title: 2.5})");
        assertThatThrownBy(() -> SparkEmbedJob.run(spark, SparkEmbedJob.Options.of(settings(
                "nodeLabels", "Odd", "textProperties", "title"), 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'title'").hasMessageContaining("not a string")
                .hasMessageContaining("coerceNonStrings");

        SparkEmbedJob.Counts counts = SparkEmbedJob.run(spark, SparkEmbedJob.Options.of(settings(
                "nodeLabels", "Odd", "textProperties", "title,tags", "coerceNonStrings", "true"), 2));
        assertThat(counts.embedded()).isEqualTo(3);
        run("CALL rec.embed.nodes({nodeLabels: ['Odd'], textProperties: ['title', 'tags'], coerceNonStrings: true, "
                + "writeProperty: 'pluginEmbedding'})");
        List<Double> cosines = run("MATCH (n:Odd) RETURN n.textEmbedding AS spark, n.pluginEmbedding AS plugin").stream()
                .map(r -> Vectors.cosine(floats(r.get("spark").asList()), floats(r.get("plugin").asList()))).toList();
        assertThat(cosines).hasSize(3).allSatisfy(c -> assertThat(c).isGreaterThanOrEqualTo(0.99999));
    }

    @Test
    void sentimentModeWritesThePluginsLabelAndScore() {
        List<String> reviews = List.of("I love this phone, the battery lasts for days and the screen is gorgeous.",
                "Broke after two days, a complete waste of money.", "Terrible service, cold food and a rude waiter.",
                "Wonderful film, superb acting, I laughed and cried.", "The parcel arrived on a Tuesday.", " ");
        run("UNWIND range(0, size($texts) - 1) AS i CREATE (:Review {key: i, text: $texts[i]})",
                Map.of("texts", reviews));
        SparkEmbedJob.Counts counts = SparkEmbedJob.run(spark, SparkEmbedJob.Options.of(settings(
                "mode", "sentiment", "nodeLabels", "Review", "textProperties", "text", "batchSize", "2"), 2));
        assertThat(counts.embedded()).isEqualTo(5);
        assertThat(counts.skippedNoText()).isEqualTo(1);
        run("CALL rec.sentiment.nodes({nodeLabels: ['Review'], textProperties: ['text'], writeProperty: 'pluginSentiment', "
                + "scoreProperty: 'pluginScore'})");
        List<Record> rows = run("MATCH (n:Review) RETURN n.key AS key, n.sentiment AS label, n.sentimentScore AS score, "
                + "n.pluginSentiment AS pluginLabel, n.pluginScore AS pluginScore ORDER BY key");
        assertThat(rows).hasSize(reviews.size());
        List<String> labels = new ArrayList<>();
        for (Record row : rows) {
            if (reviews.get(row.get("key").asInt()).isBlank()) {
                assertThat(row.get("label").isNull()).isTrue();
                continue;
            }
            assertThat(row.get("label").asString()).isEqualTo(row.get("pluginLabel").asString());
            assertThat(row.get("score").asDouble()).isCloseTo(row.get("pluginScore").asDouble(),
                    org.assertj.core.data.Offset.offset(1e-4));
            labels.add(row.get("label").asString());
        }
        assertThat(labels).contains("positive", "negative");
    }

    @Test
    void refusesBadSettingsNamingKeyValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> SparkEmbedJob.Options.of(settings("nodeLabels", "Item", "textProperties", "title",
                "batchSize", "zero"), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'batchSize'").hasMessageContaining("'zero'").hasMessageContaining("an integer in");
        assertThatThrownBy(() -> SparkEmbedJob.Options.of(settings("nodeLabels", "Item", "textProperties", "title",
                "mode", "summarise"), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mode'").hasMessageContaining("'summarise'").hasMessageContaining("embed");
        assertThatThrownBy(() -> SparkEmbedJob.Options.of(settings("nodeLabels", "Item", "textProperties", "title",
                "colour", "red"), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'colour'").hasMessageContaining("allowed keys");
        assertThatThrownBy(() -> SparkEmbedJob.run(spark, SparkEmbedJob.Options.of(settings("nodeLabels", "Nope",
                "textProperties", "title"), 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Nope'").hasMessageContaining("nodeLabels");
    }
}
