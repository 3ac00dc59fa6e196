package rec4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rec4j.embed.TextEncoder;
import rec4j.embed.TextModels;
import rec4j.serving.Vectors;

/**
 * The same text model on DJL's PyTorch engine (TorchScript {@code model.pt}) and on ONNX Runtime ({@code model.onnx}),
 * in one JVM, on the same texts at the same thread settings: texts/s of each, their ratio, and the smallest cosine
 * between the two engines' vectors of a text.
 *
 * <pre>
 *   rm -f procedures/target/*.jar &amp;&amp; mvn -B -q -DskipTests -Pbench package
 *   python3 scripts/export_text_model.py minilm target/minilm-pt --formats pt --onnx all-minilm-l6-v2.onnx \
 *       --tokenizer all-minilm-l6-v2-tokenizer.json
 *   java -Xmx4g -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.TorchEngineBenchmark \
 *       ../shared/data/ml-100k/items_text.tsv target/minilm-pt default 2 3
 * </pre>
 *
 * Arguments: items_text.tsv (its plots, cycled to 2,000 texts); the directory holding {@code model.pt} and
 * {@code tokenizer.json}; the ONNX side, {@code default} (the plugin's all-MiniLM-L6-v2, the model the script's
 * {@code minilm} export is made from) or a directory holding {@code model.onnx}; the intra-op threads of both engines
 * (default 1); the rounds (default 3). Texts go in batches of 64 on one predictor, so the engines' own threads are the
 * only parallelism; both models are warmed up before timing and the rounds alternate between the engines.
 */
public final class TorchEngineBenchmark {

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.of(args);
        Path file = Path.of(a.text(0, "../shared/data/ml-100k/items_text.tsv"));
        Path torchDirectory = Path.of(a.text(1, "target/minilm-pt"));
        String onnxSide = a.text(2, "default");
        int threads = a.integer(3, 1);
        int rounds = a.integer(4, 3);
        int batchSize = 64;
        // PyTorch reads its thread counts once, when the engine starts (as Rec4jExtension does for server.rec4j.pytorch_threads)
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
        Map<String, String> onnxOptions = Map.of("interOpNumThreads", "1", "intraOpNumThreads", Integer.toString(threads));

        List<String> texts = EmbedBenchmark.texts(file, 2_000);
        System.out.printf("%d texts from %s, %d cores, %d intra-op thread(s) per engine, batches of %d, Java %s%n",
                texts.size(), file, Runtime.getRuntime().availableProcessors(), threads, batchSize,
                System.getProperty("java.version"));
        try (TextModels defaults = new TextModels(Path.of("."), false, threads, TextEncoder.DEFAULT_MAX_TOKENS);
                TextEncoder torch = TextEncoder.directory("torch", torchDirectory, TextEncoder.DEFAULT_MAX_TOKENS, Map.of())) {
            boolean shipped = onnxSide.equals("default");
            TextEncoder onnx = shipped ? defaults.get(null)
                    : TextEncoder.directory("onnx", Path.of(onnxSide), TextEncoder.DEFAULT_MAX_TOKENS, onnxOptions);
            try {
                List<String> warm = texts.subList(0, 128);
                torch.embed(warm, batchSize, 1, () -> false);
                onnx.embed(warm, batchSize, 1, () -> false);

                List<double[]> rows = new ArrayList<>();
                float[][] torchVectors = null, onnxVectors = null;
                for (int round = 1; round <= rounds; round++) {
                    long t0 = System.nanoTime();
                    torchVectors = torch.embed(texts, batchSize, 1, () -> false);
                    double torchRate = texts.size() / ((System.nanoTime() - t0) / 1e9);
                    long t1 = System.nanoTime();
                    onnxVectors = onnx.embed(texts, batchSize, 1, () -> false);
                    double onnxRate = texts.size() / ((System.nanoTime() - t1) / 1e9);
                    System.out.printf("  round %d: PyTorch %.1f texts/s, ONNX Runtime %.1f texts/s%n", round, torchRate, onnxRate);
                    rows.add(new double[] {torchRate, onnxRate});
                }
                double minCosine = 1;
                for (int i = 0; i < texts.size(); i++) {
                    minCosine = Math.min(minCosine, Vectors.cosine(torchVectors[i], onnxVectors[i]));
                }
                double torchMean = rows.stream().mapToDouble(r -> r[0]).average().orElseThrow();
                double onnxMean = rows.stream().mapToDouble(r -> r[1]).average().orElseThrow();
                System.out.println();
                System.out.printf("model: %s (dimension %d) against %s%n", torchDirectory, torch.dimension(), onnxSide);
                System.out.println("| engine | texts/s (mean of " + rounds + " rounds) | ratio to ONNX Runtime |");
                System.out.println("|---|---|---|");
                System.out.printf("| ONNX Runtime (model.onnx) | %.1f | 1.00 |%n", onnxMean);
                System.out.printf("| PyTorch (TorchScript model.pt) | %.1f | %.2f |%n", torchMean, torchMean / onnxMean);
                System.out.printf("smallest cosine between the engines' vectors of a text: %.7f%n", minCosine);
                System.out.println("Process " + Rss.now());
            } finally {
                if (!shipped) { // the default one is closed with its TextModels
                    onnx.close();
                }
            }
        }
    }

}
