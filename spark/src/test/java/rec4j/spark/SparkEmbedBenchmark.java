package rec4j.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * Texts per second of the Spark job (local[1], local[2], optionally a standalone master) and of rec.embed.nodes
 * (concurrency 1 and 2) on the same nodes, in one run: {@code N} nodes whose title and overview come from MovieLens 100k's
 * items_text.tsv (read from where it lies, repeated with a numbered title), Neo4j in a second JVM (as a server is).
 * Model loading is left out: each side embeds a warm-up label first. Prints the load average with each row.
 *
 * <pre>
 * mvn -B -o verify -pl spark -am -DskipTests   # OPENS: the --add-opens of the surefire argLine in spark/pom.xml
 * cd spark &amp;&amp; java $OPENS -cp "target/test-classes:target/classes:$(cat target/neo4j-fork/classpath.txt)" \
 *     rec4j.spark.SparkEmbedBenchmark /work/shared/data/ml-100k/items_text.tsv 20000 [spark://127.0.0.1:7077 app.jar]
 * </pre>
 */
public final class SparkEmbedBenchmark {

    private SparkEmbedBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path items = Path.of(args.length > 0 ? args[0] : "/work/shared/data/ml-100k/items_text.tsv");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String standalone = args.length > 2 ? args[2] : null;
        String appJar = args.length > 3 ? args[3] : null;
        List<String[]> movies = new ArrayList<>();
        for (String line : Files.readAllLines(items, StandardCharsets.UTF_8).subList(1, 1683)) {
            String[] f = line.split("\t", -1);
            movies.add(new String[] {f[1], f[5]});
        }
        System.out.printf("%d texts (title + overview of %d MovieLens items, repeated), %d cores, load %s%n", n,
                movies.size(), Runtime.getRuntime().availableProcessors(), load());
        try (Neo4jFork neo4j = Neo4jFork.start("3g");
                Driver driver = GraphDatabase.driver(neo4j.bolt(), AuthTokens.none())) {
            create(driver, "Warm", 300, movies);
            create(driver, "Bench", n, movies);
            List<String> rows = new ArrayList<>();
            rows.add("| run | texts | seconds | texts/s | load (1 min) |");
            rows.add("| --- | --- | --- | --- | --- |");
            // the plugin, warmed up once
            run(driver, "CALL rec.embed.nodes({nodeLabels: ['Warm'], textProperties: ['title', 'overview'], "
                    + "writeProperty: 'w'})");
            for (int c : new int[] {1, 2}) {
                long t0 = System.nanoTime();
                Record r = run(driver, "CALL rec.embed.nodes({nodeLabels: ['Bench'], textProperties: ['title', "
                        + "'overview'], writeProperty: 'plugin" + c + "', concurrency: " + c + "})").get(0);
                rows.add(row("rec.embed.nodes concurrency " + c, r.get("embedded").asLong(), t0));
                System.out.println(rows.get(rows.size() - 1));
            }
            // Spark in local mode: one executor JVM (this one), 1 or 2 task threads
            for (int cores : new int[] {1, 2}) {
                rows.add(spark(neo4j, "local[" + cores + "]", cores, null, "local" + cores));
                System.out.println(rows.get(rows.size() - 1));
            }
            if (standalone != null) {
                rows.add(spark(neo4j, standalone, 2, appJar, "standalone"));
                System.out.println(rows.get(rows.size() - 1));
            }
            System.out.println(String.join("\n", rows));
        }
    }

    private static String spark(Neo4jFork neo4j, String master, int cores, String appJar, String property) {
        SparkSession.Builder builder = SparkSession.builder().master(master).appName("SparkEmbedBenchmark")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1");
        if (appJar != null) {
            builder = builder.config("spark.jars", appJar).config("spark.executor.memory", "2g")
                    .config("spark.executor.cores", "1").config("spark.cores.max", Integer.toString(cores))
                    .config("spark.executor.extraJavaOptions", "-Dai.djl.offline=true");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("url", neo4j.bolt().toString());
            settings.put("textProperties", "title,overview");
            settings.put("partitions", Integer.toString(cores));
            settings.put("nodeLabels", "Warm");
            settings.put("writeProperty", "w" + property);
            SparkEmbedJob.run(spark, SparkEmbedJob.Options.of(settings, cores)); // loads the model on the executors
            settings.put("nodeLabels", "Bench");
            settings.put("writeProperty", property);
            long t0 = System.nanoTime();
            SparkEmbedJob.Counts counts = SparkEmbedJob.run(spark, SparkEmbedJob.Options.of(settings, cores));
            return row("Spark " + master + (appJar != null ? " (2 workers x 1 core)" : ""), counts.embedded(), t0);
        } finally {
            spark.stop();
        }
    }

    private static String row(String name, long texts, long t0) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        return String.format("| %s | %d | %.1f | %.1f | %s |", name, texts, seconds, texts / seconds, load());
    }

    private static String load() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void create(Driver driver, String label, int n, List<String[]> movies) {
        for (int from = 0; from < n; from += 5000) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 5000); i++) {
                String[] movie = movies.get(i % movies.size());
                Map<String, Object> row = new HashMap<>();
                row.put("title", movie[0] + (i < movies.size() ? "" : " #" + (i / movies.size())));
                row.put("overview", movie[1]);
                rows.add(row);
            }
            run(driver, "UNWIND $rows AS row CREATE (n:" + label + ") SET n = row", Map.of("rows", rows));
        }
    }

    private static List<Record> run(Driver driver, String query) {
        return run(driver, query, Map.of());
    }

    private static List<Record> run(Driver driver, String query, Map<String, Object> parameters) {
        try (Session session = driver.session()) {
            return session.run(query, parameters).list();
        }
    }
}
