package rec4j.embed;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import rec4j.numeric.Pools;

/**
 * A BERT-family sentence encoder on DJL: HuggingFace tokenizer (Rust), the transformer on ONNX Runtime
 * (or PyTorch for TorchScript), then mean pooling over the attention mask and L2 normalisation in Java.
 * One instance per model and JVM; thread-safe (each call opens its own predictors).
 *
 * <p>Text longer than {@link #maxTokens()} word-piece tokens (special tokens included) is truncated:
 * the tail does not change the vector.
 *
 * <p>Speed: texts are sorted by token count and cut into batches, so a batch pads to similar lengths;
 * {@code concurrency} batches run at once, each on its own predictor.
 */
public final class TextEncoder implements AutoCloseable {

    public static final int DEFAULT_MAX_TOKENS = 128;

    private final String name;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final List<String> inputNames;
    private final int maxTokens;
    private final int dimension;

    private TextEncoder(String name, Model model, HuggingFaceTokenizer tokenizer, List<String> inputNames, int maxTokens) {
        this.name = name;
        this.model = model;
        this.tokenizer = tokenizer;
        this.inputNames = inputNames;
        this.maxTokens = maxTokens;
        this.dimension = embed(List.of("dimension probe"), 1, 1, () -> false)[0].length;
    }

    /**
     * Loads an ONNX model from a stream (e.g. a resource of the plugin jar) on ONNX Runtime.
     * {@code onnxOptions} are DJL's ONNX Runtime options, e.g. intraOpNumThreads.
     */
    public static TextEncoder onnx(String name, InputStream modelBytes, InputStream tokenizerJson, int maxTokens,
            Map<String, String> onnxOptions) {
        Model model = Model.newInstance(name, "OnnxRuntime");
        try {
            model.load(modelBytes, onnxOptions);
            return create(name, model, HuggingFaceTokenizer.newInstance(tokenizerJson, tokenizerOptions(maxTokens)), maxTokens);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalStateException("Cannot load text model " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model directory: {@code model.onnx} (ONNX Runtime) or {@code model.pt} (TorchScript on PyTorch,
     * inputs passed by position: input_ids, attention_mask, token_type_ids) and {@code tokenizer.json}; the first
     * output is last_hidden_state. With both model files present, {@code model.onnx} runs (see {@link TextModels}).
     */
    public static TextEncoder directory(String name, Path directory, int maxTokens, Map<String, String> onnxOptions) {
        Path tokenizerFile = directory.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new IllegalArgumentException("Model directory " + directory + " has no tokenizer.json");
        }
        boolean onnx = Files.isRegularFile(directory.resolve("model.onnx"));
        boolean torch = Files.isRegularFile(directory.resolve("model.pt"));
        if (!onnx && !torch) {
            throw new IllegalArgumentException("Model directory " + directory + " has neither model.onnx nor model.pt");
        }
        Model model = Model.newInstance(name, onnx ? "OnnxRuntime" : "PyTorch");
        try {
            model.load(directory, "model", onnx ? onnxOptions : Map.of());
            return create(name, model, HuggingFaceTokenizer.newInstance(tokenizerFile, tokenizerOptions(maxTokens)), maxTokens);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalStateException("Cannot load text model " + name + " from " + directory + ": " + e.getMessage(), e);
        }
    }

    private static TextEncoder create(String name, Model model, HuggingFaceTokenizer tokenizer, int maxTokens) {
        List<String> inputs = List.of("input_ids", "attention_mask", "token_type_ids");
        var described = model.describeInput();
        if (described != null && !described.isEmpty()) {
            inputs = described.keys();
            for (String input : inputs) {
                if (!List.of("input_ids", "attention_mask", "token_type_ids").contains(input)) {
                    throw new IllegalArgumentException("Text model " + name + " has an input '" + input
                            + "'; rec4j feeds BERT-style models (input_ids, attention_mask, token_type_ids)");
                }
            }
        }
        return new TextEncoder(name, model, tokenizer, List.copyOf(inputs), maxTokens);
    }

    private static Map<String, String> tokenizerOptions(int maxTokens) {
        return Map.of("maxLength", Integer.toString(maxTokens), "truncation", "true", "padding", "false",
                "addSpecialTokens", "true", "modelMaxLength", Integer.toString(Math.max(512, maxTokens)));
    }

    public String name() {
        return name;
    }

    public int dimension() {
        return dimension;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** The number of tokens the model sees for {@code text} (after truncation, special tokens included). */
    public int tokenCount(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    /**
     * Unit-length vectors of {@code texts}, in their order. {@code cancelled} is checked between batches;
     * when it returns true the call stops with an {@link EmbeddingCancelledException}.
     */
    public float[][] embed(List<String> texts, int batchSize, int concurrency, BooleanSupplier cancelled) {
        if (batchSize <= 0 || concurrency <= 0) {
            throw new IllegalArgumentException("batchSize and concurrency must be > 0, got " + batchSize + " and " + concurrency);
        }
        float[][] result = new float[texts.size()][];
        if (texts.isEmpty()) {
            return result;
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(encodings[a].getIds().length, encodings[b].getIds().length));
        int batches = (order.length + batchSize - 1) / batchSize;
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            try (Predictor<int[], float[][]> predictor = model.newPredictor(new Translator(encodings))) {
                for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                    if (cancelled.getAsBoolean()) {
                        throw new EmbeddingCancelledException();
                    }
                    int from = b * batchSize;
                    int to = Math.min(order.length, from + batchSize);
                    int[] members = new int[to - from];
                    for (int i = from; i < to; i++) {
                        members[i - from] = order[i];
                    }
                    float[][] vectors = predictor.predict(members);
                    for (int i = 0; i < members.length; i++) {
                        result[members[i]] = vectors[i];
                    }
                }
            } catch (TranslateException e) {
                throw new IllegalStateException("Text model " + name + " failed: " + e.getMessage(), e);
            }
        };
        int threads = Math.min(concurrency, batches);
        if (threads == 1) {
            worker.run();
            return result;
        }
        ExecutorService pool = Pools.daemon(threads, "rec4j-embed");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingCancelledException();
        } catch (ExecutionException e) {
            next.set(batches); // stop the other workers
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return result;
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }

    /** Thrown by {@link #embed} when its cancellation check says stop. */
    public static final class EmbeddingCancelledException extends RuntimeException {
        EmbeddingCancelledException() {
            super("Embedding was cancelled");
        }
    }

    /** Indices into the encodings of one call → one padded batch → pooled, normalised vectors. */
    private final class Translator implements NoBatchifyTranslator<int[], float[][]> {
        private final Encoding[] encodings;
        private int[] lengths;

        Translator(Encoding[] encodings) {
            this.encodings = encodings;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, int[] members) {
            int width = 0;
            lengths = new int[members.length];
            for (int i = 0; i < members.length; i++) {
                lengths[i] = encodings[members[i]].getIds().length;
                width = Math.max(width, lengths[i]);
            }
            long[] ids = new long[members.length * width];
            long[] mask = new long[members.length * width];
            long[] types = new long[members.length * width];
            for (int i = 0; i < members.length; i++) {
                Encoding encoding = encodings[members[i]];
                System.arraycopy(encoding.getIds(), 0, ids, i * width, lengths[i]);
                System.arraycopy(encoding.getTypeIds(), 0, types, i * width, lengths[i]);
                Arrays.fill(mask, i * width, i * width + lengths[i], 1L);
            }
            NDManager manager = ctx.getNDManager();
            Shape shape = new Shape(members.length, width);
            NDList inputs = new NDList();
            for (String input : inputNames) {
                long[] data = switch (input) {
                    case "input_ids" -> ids;
                    case "attention_mask" -> mask;
                    default -> types;
                };
                NDArray array = manager.create(LongBuffer.wrap(data), shape);
                array.setName(input);
                inputs.add(array);
            }
            return inputs;
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList outputs) {
            NDArray hidden = outputs.get(0); // last_hidden_state: batch x tokens x hidden
            Shape shape = hidden.getShape();
            if (shape.dimension() != 3) {
                throw new IllegalStateException("Text model " + name + " returned shape " + shape
                        + "; expected batch x tokens x hidden (last_hidden_state)");
            }
            int batch = (int) shape.get(0), width = (int) shape.get(1), size = (int) shape.get(2);
            float[] values = hidden.toFloatArray();
            float[][] vectors = new float[batch][size];
            for (int i = 0; i < batch; i++) {
                float[] v = vectors[i];
                double[] sum = new double[size];
                for (int t = 0; t < lengths[i]; t++) {
                    int offset = (i * width + t) * size;
                    for (int c = 0; c < size; c++) {
                        sum[c] += values[offset + c];
                    }
                }
                double norm = 0;
                for (int c = 0; c < size; c++) {
                    sum[c] /= lengths[i];
                    norm += sum[c] * sum[c];
                }
                norm = Math.sqrt(norm);
                for (int c = 0; c < size; c++) {
                    v[c] = (float) (norm > 0 ? sum[c] / norm : 0);
                }
            }
            return vectors;
        }
    }

    /** Reads a resource of this jar, or fails saying which one is missing. */
    static InputStream resource(String path) {
        InputStream in = TextEncoder.class.getResourceAsStream(path);
        if (in == null) {
            throw new UncheckedIOException(new IOException("Resource " + path + " is missing from the rec4j jar"));
        }
        return in;
    }
}
