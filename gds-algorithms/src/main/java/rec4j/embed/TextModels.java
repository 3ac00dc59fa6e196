package rec4j.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import rec4j.config.ConfigMap;
import rec4j.config.ModelNames;

/**
 * The text models of this DBMS, each loaded once on first use and shared by all calls:
 * <ul>
 *   <li>{@value #DEFAULT} (also {@code "default"}): all-MiniLM-L6-v2, shipped inside the plugin jar (ONNX);</li>
 *   <li>a directory under {@code server.rec4j.model_directory} holding {@code model.onnx} or {@code model.pt}
 *       and {@code tokenizer.json}, named by its path relative to that directory (ONNX Runtime runs {@code model.onnx},
 *       PyTorch {@code model.pt}; with both present, {@code model.onnx});</li>
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
    private final int maxLoaded;

    public TextModels(Path modelDirectory, boolean allowDownload, int onnxThreads, int maxTokens) {
        this(modelDirectory, allowDownload, onnxThreads, maxTokens, MAX_LOADED);
    }

    /** With another bound on loaded models (tests). */
    TextModels(Path modelDirectory, boolean allowDownload, int onnxThreads, int maxTokens, int maxLoaded) {
        this.maxLoaded = maxLoaded;
        this.modelDirectory = modelDirectory;
        this.allowDownload = allowDownload;
        this.onnxOptions = onnxThreads > 0
                ? Map.of("interOpNumThreads", "1", "intraOpNumThreads", Integer.toString(onnxThreads))
                : Map.of("interOpNumThreads", "1");
        this.maxTokens = maxTokens;
    }

    /** An absolute path inside an error message (replaced by {@code <path>}). */
    private static final String PATH_PATTERN = "(?<![\\w.'-])(/[^\\s/:'\"]+)+/?";

    /** At most this many text models besides the default are loaded at once (each holds its weights in memory). */
    static final int MAX_LOADED = 8;

    /** The encoder for a {@code model} config value ({@code null} means the default). */
    public TextEncoder get(String model) {
        return get("model", model);
    }

    /** The encoder for the value of config key {@code key} ({@code null} means the default); errors name the key. */
    public TextEncoder get(String keyName, String model) {
        String key = model == null || model.equals("default") ? DEFAULT : model;
        if (key.equals(DEFAULT)) {
            return loaded.computeIfAbsent(DEFAULT, k -> loadDefault());
        }
        if (key.startsWith("file:")) {
            // a file URL names a directory, which must lie inside the model directory like a relative name
            Path path;
            try {
                path = Path.of(java.net.URI.create(key));
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                throw new IllegalArgumentException("'" + keyName + "' " + ConfigMap.shown(key) + " is not a valid file URL");
            }
            Path root = modelDirectory.toAbsolutePath().normalize();
            Path normal = path.toAbsolutePath().normalize();
            if (!normal.startsWith(root)) {
                throw new IllegalArgumentException("'" + keyName + "' " + ConfigMap.shown(key) + " is outside the allowed model "
                        + "directory (setting server.rec4j.model_directory); a file URL must point inside it");
            }
            return directory(keyName, key, root.relativize(normal).toString());
        }
        if (key.contains("://")) {
            if (!allowDownload) {
                throw new IllegalArgumentException("'" + keyName + "' " + ConfigMap.shown(key) + " is a URL, but model "
                        + "downloads are off: set server.rec4j.allow_download=true in neo4j.conf to allow it, or put the "
                        + "model in a directory inside server.rec4j.model_directory");
            }
            String canonical;
            try {
                java.net.URI uri = java.net.URI.create(key).normalize();
                canonical = new java.net.URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), uri.getQuery(), null).toString();
            } catch (IllegalArgumentException | java.net.URISyntaxException e) {
                throw new IllegalArgumentException("'" + keyName + "' " + ConfigMap.shown(key) + " is not a valid URL");
            }
            return cached("url:" + canonical, () -> loadUrl(canonical));
        }
        return directory(keyName, key, key);
    }

    private TextEncoder directory(String keyName, String given, String relative) {
        Path directory = ModelNames.directoryUnder(keyName, modelDirectory, relative);
        return cached("dir:" + directory, () -> {
            try {
                return TextEncoder.directory(given, directory, maxTokens, onnxOptions);
            } catch (RuntimeException e) {
                throw withoutPath(e, directory.toString(), given);
            }
        });
    }

    /** One loaded encoder per canonical identity; refuses to load more than {@link #MAX_LOADED} besides the default. */
    private synchronized TextEncoder cached(String identity, java.util.function.Supplier<TextEncoder> load) {
        TextEncoder held = loaded.get(identity);
        if (held != null) {
            return held;
        }
        if (loaded.keySet().stream().filter(k -> !k.equals(DEFAULT)).count() >= maxLoaded) {
            throw new IllegalArgumentException("'model': " + maxLoaded + " text models are loaded already, the most rec4j "
                    + "keeps at once; use one of them, or restart the server to unload them");
        }
        TextEncoder encoder = load.get();
        loaded.put(identity, encoder);
        return encoder;
    }

    /** The error with the absolute path replaced by the name the caller gave (messages never show server paths). */
    private static RuntimeException withoutPath(RuntimeException e, String path, String given) {
        String message = String.valueOf(e.getMessage()).replace(path, "'" + given + "'").replaceAll(PATH_PATTERN, "<path>");
        return e instanceof IllegalArgumentException ? new IllegalArgumentException(message)
                : new IllegalStateException(message);
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
            String why = String.valueOf(e.getMessage()).replaceAll(PATH_PATTERN, "<path>");
            throw new IllegalArgumentException("model " + ConfigMap.shown(url) + " could not be downloaded "
                    + "and loaded: " + why);
        }
    }

    @Override
    public void close() {
        loaded.values().forEach(TextEncoder::close);
        loaded.clear();
    }
}
