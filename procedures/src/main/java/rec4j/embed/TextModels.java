package rec4j.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text models of this DBMS, each loaded once on first use and shared by all calls:
 * <ul>
 *   <li>{@value #DEFAULT} (also {@code "default"}): all-MiniLM-L6-v2, shipped inside the plugin jar (ONNX);</li>
 *   <li>a directory under {@code server.rec4j.model_directory} holding {@code model.onnx} or {@code model.pt}
 *       and {@code tokenizer.json}, named by its path relative to that directory;</li>
 *   <li>a DJL model URL, only when {@code server.rec4j.allow_download=true}.</li>
 * </ul>
 */
public final class TextModels implements AutoCloseable {

    public static final String DEFAULT = "all-MiniLM-L6-v2";

    private final Path modelDirectory;
    private final boolean allowDownload;
    private final Map<String, String> onnxOptions;
    private final int maxTokens;
    private final Map<String, TextEncoder> loaded = new ConcurrentHashMap<>();

    public TextModels(Path modelDirectory, boolean allowDownload, int onnxThreads, int maxTokens) {
        this.modelDirectory = modelDirectory;
        this.allowDownload = allowDownload;
        this.onnxOptions = onnxThreads > 0
                ? Map.of("interOpNumThreads", "1", "intraOpNumThreads", Integer.toString(onnxThreads))
                : Map.of("interOpNumThreads", "1");
        this.maxTokens = maxTokens;
    }

    /** The encoder for a {@code model} config value ({@code null} means the default). */
    public TextEncoder get(String model) {
        String key = model == null || model.equals("default") ? DEFAULT : model;
        if (key.equals(DEFAULT)) {
            return loaded.computeIfAbsent(DEFAULT, k -> loadDefault());
        }
        if (key.contains("://")) {
            if (!allowDownload) {
                throw new IllegalArgumentException("model '" + key + "' is a URL, but model downloads are off: set "
                        + "server.rec4j.allow_download=true in neo4j.conf to allow it, or put the model in a directory "
                        + "under " + modelDirectory);
            }
            return loaded.computeIfAbsent(key, this::loadUrl);
        }
        Path directory = allowedDirectory(key);
        return loaded.computeIfAbsent(directory.toString(), k -> TextEncoder.directory(key, directory, maxTokens, onnxOptions));
    }

    /** {@code name} resolved inside the model directory, or an error saying where models may live. */
    Path allowedDirectory(String name) {
        Path root = modelDirectory.toAbsolutePath().normalize();
        Path directory = root.resolve(name).normalize();
        try {
            if (directory.startsWith(root) && Files.isDirectory(directory)
                    && directory.toRealPath().startsWith(root.toRealPath())) {
                return directory;
            }
        } catch (IOException e) {
            // reported below
        }
        if (!directory.startsWith(root)) {
            throw new IllegalArgumentException("model '" + name + "' is outside the allowed model directory " + root
                    + " (setting server.rec4j.model_directory)");
        }
        throw new IllegalArgumentException("model '" + name + "' is neither '" + DEFAULT + "' nor a directory under "
                + root + " (setting server.rec4j.model_directory)");
    }

    private TextEncoder loadDefault() {
        try (InputStream model = TextEncoder.resource("/all-minilm-l6-v2.onnx");
                InputStream tokenizer = TextEncoder.resource("/all-minilm-l6-v2-tokenizer.json")) {
            return TextEncoder.onnx(DEFAULT, model, tokenizer, maxTokens, onnxOptions);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the default text model from the rec4j jar", e);
        }
    }

    private TextEncoder loadUrl(String url) {
        try (var zoo = ai.djl.repository.zoo.Criteria.builder()
                .setTypes(ai.djl.ndarray.NDList.class, ai.djl.ndarray.NDList.class)
                .optModelUrls(url)
                .build()
                .loadModel()) {
            return TextEncoder.directory(url, zoo.getModelPath(), maxTokens, onnxOptions);
        } catch (Exception e) {
            throw new IllegalArgumentException("model '" + url + "' could not be downloaded and loaded: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        loaded.values().forEach(TextEncoder::close);
        loaded.clear();
    }
}
