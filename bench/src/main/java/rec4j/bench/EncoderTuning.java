package rec4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import rec4j.embed.TextEncoder;
import rec4j.embed.TextModels;

/**
 * Throughput of the bare text encoder (no database) for inference batch sizes and ONNX Runtime thread counts,
 * on the EmbedBenchmark texts: the numbers behind rec4j's defaults.
 *
 * <pre>java -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.EncoderTuning ../shared/data/ml-100k/items_text.tsv</pre>
 */
public final class EncoderTuning {

    public static void main(String[] args) throws Exception {
        List<String> texts = EmbedBenchmark.texts(Path.of(args[0]), 1_000);
        int[] threads = {0, 1, 2};
        int[] batches = {8, 16, 32, 64, 128};
        System.out.println("| onnx threads | batch | concurrency | sentences/s |");
        System.out.println("|---|---|---|---|");
        for (int t : threads) {
            try (TextModels models = new TextModels(Files.createTempDirectory("models"), false, t, TextEncoder.DEFAULT_MAX_TOKENS)) {
                TextEncoder encoder = models.get(null);
                encoder.embed(texts.subList(0, 64), 32, 1, () -> false);
                for (int batch : batches) {
                    for (int concurrency : t == 1 ? new int[] {1, 2} : new int[] {1}) {
                        long t0 = System.nanoTime();
                        encoder.embed(texts, batch, concurrency, () -> false);
                        double rate = texts.size() / ((System.nanoTime() - t0) / 1e9);
                        System.out.printf("| %s | %d | %d | %.1f |%n", t == 0 ? "default" : t, batch, concurrency, rate);
                    }
                }
            }
        }
    }
}
