package rec4j.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.testsupport.Neo4jHarness;

/**
 * rec.embed speed against LangChain4j's in-process all-MiniLM-L6-v2, in one JVM, on the same 2,000 texts: the plot
 * texts of MovieLens' items_text.tsv (the title where an item has no plot), cycled to 2,000.
 *
 * <pre>
 *   mvn -B -q -Pbench -DskipTests package
 *   java -Xmx4g -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.EmbedBenchmark ../shared/data/ml-100k/items_text.tsv
 * </pre>
 *
 * (a) LangChain4j: {@code embedAll} on the texts (its own parallelism). (b) rec4j: {@code CALL rec.embed.nodes} on
 * 2,000 nodes holding the texts, end to end inside an in-process Neo4j 5.26 reached over Bolt, write-back and commits
 * included. Both models are loaded and warmed up before timing; each is timed in {@code rounds} alternating rounds.
 */
public final class EmbedBenchmark {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/ml-100k/items_text.tsv");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<String> texts = texts(file, 2_000);
        System.out.printf("%d texts from %s, %d cores, Java %s%n", texts.size(), file, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        Path home = Files.createTempDirectory("rec4j-bench");
        try (Neo4jHarness neo4j = Neo4jHarness.start(home, b -> b)) {
            Driver driver = neo4j.driver();
            driver.executableQuery("UNWIND range(0, size($texts) - 1) AS i CREATE (:Movie {i: i, plot: $texts[i]})")
                    .withParameters(Map.of("texts", texts)).execute();
            // rec4j first: DJL's ONNX Runtime engine creates the process-wide OrtEnvironment, LangChain4j then reuses it
            driver.executableQuery("CALL rec.embed.texts($warm)").withParameters(Map.of("warm", texts.subList(0, 64))).execute();
            AllMiniLmL6V2EmbeddingModel langChain4j = new AllMiniLmL6V2EmbeddingModel();
            List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
            langChain4j.embedAll(segments.subList(0, 64)); // warm-up

            String[] configs = {"{nodeLabels: ['Movie'], textProperties: ['plot']}",
                    "{nodeLabels: ['Movie'], textProperties: ['plot'], concurrency: 1}"};
            List<double[]> rows = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                int n = langChain4j.embedAll(segments).content().size();
                double lc = n / ((System.nanoTime() - t0) / 1e9);
                double[] row = new double[1 + configs.length];
                row[0] = lc;
                for (int c = 0; c < configs.length; c++) {
                    driver.executableQuery("MATCH (m:Movie) REMOVE m.textEmbedding").execute();
                    long t1 = System.nanoTime();
                    Record r = driver.executableQuery("CALL rec.embed.nodes(" + configs[c] + ")").execute().records().get(0);
                    double seconds = (System.nanoTime() - t1) / 1e9;
                    if (r.get("embedded").asLong() != texts.size()) {
                        throw new IllegalStateException("rec.embed.nodes embedded " + r.get("embedded") + " nodes");
                    }
                    row[1 + c] = texts.size() / seconds;
                    System.out.printf("  round %d, rec4j %s: %.1f s (compute %d ms, write %d ms)%n", round, configs[c], seconds,
                            r.get("computeMillis").asLong(), r.get("writeMillis").asLong());
                }
                System.out.printf("  round %d, LangChain4j embedAll: %.1f s%n", round, texts.size() / lc);
                rows.add(row);
            }
            System.out.println();
            System.out.println("| implementation | sentences/s (mean of " + rounds + " rounds) | ratio to LangChain4j |");
            System.out.println("|---|---|---|");
            double lcMean = rows.stream().mapToDouble(r -> r[0]).average().orElseThrow();
            System.out.printf("| LangChain4j AllMiniLmL6V2EmbeddingModel.embedAll | %.1f | 1.00 |%n", lcMean);
            String[] names = {"rec.embed.nodes, defaults (batchSize 64, concurrency min(4, cores) = "
                    + Math.min(4, Runtime.getRuntime().availableProcessors()) + ")", "rec.embed.nodes, concurrency 1"};
            for (int c = 0; c < configs.length; c++) {
                int column = c + 1;
                double mean = rows.stream().mapToDouble(r -> r[column]).average().orElseThrow();
                System.out.printf("| %s, end to end with write-back | %.1f | %.2f |%n", names[c], mean, mean / lcMean);
            }
            System.out.println();
            System.out.println("Process " + Rss.now() + " (Neo4j, both models, ONNX Runtime, PyTorch; -Xmx "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)");
        }
    }

    /** The tab-separated fields of each item line of items_text.tsv in file order (no header, none short of 6 fields). */
    static List<String[]> itemRows(Path file) throws java.io.IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("item_id") || f.length < 6) {
                continue;
            }
            rows.add(f);
        }
        return rows;
    }

    /** The plot of each item of items_text.tsv in file order (item ids 1..n), or its title where it has none. */
    static List<String> plots(Path file) throws java.io.IOException {
        List<String> plots = new ArrayList<>();
        for (String[] f : itemRows(file)) {
            plots.add(f[5].isBlank() ? f[1] : f[5]);
        }
        return plots;
    }

    /**
     * "title (year) | genres | plot" of each item of items_text.tsv in file order (item ids 1..n); the plot part is left
     * out where an item has none. The title and genres come first so that they survive the encoder's token limit.
     */
    static List<String> titleGenresPlots(Path file) throws java.io.IOException {
        List<String> texts = new ArrayList<>();
        for (String[] f : itemRows(file)) {
            texts.add(f[1] + " | " + f[2].replace("|", ", ") + (f[5].isBlank() ? "" : " | " + f[5]));
        }
        return texts;
    }

    /** The genres column of items_text.tsv as a multi-hot vector over {@code genres}, item i at row i. */
    static float[] genreMultiHot(Path file, List<String> genres) throws java.io.IOException {
        List<float[]> rows = new ArrayList<>();
        for (String[] f : itemRows(file)) {
            float[] row = new float[genres.size()];
            for (String g : f[2].split("\\|")) {
                int at = genres.indexOf(g);
                if (at >= 0) {
                    row[at] = 1;
                }
            }
            rows.add(row);
        }
        float[] out = new float[rows.size() * genres.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, out, i * genres.size(), genres.size());
        }
        return out;
    }

    /** {@link #plots} cycled to {@code count} texts. */
    static List<String> texts(Path file, int count) throws java.io.IOException {
        List<String> plots = plots(file);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; texts.size() < count; i++) {
            texts.add(plots.get(i % plots.size()));
        }
        return texts;
    }
}
