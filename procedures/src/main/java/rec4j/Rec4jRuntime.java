package rec4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import org.neo4j.configuration.Config;
import rec4j.embed.TextModels;
import rec4j.model.ModelCatalog;
import rec4j.model.SentimentCatalog;

/**
 * What every rec4j procedure may need from the server, built once per DBMS by {@link Rec4jExtension}
 * and injected with {@code @Context Rec4jRuntime}.
 */
public record Rec4jRuntime(String version, Path modelDirectory, Path cacheDirectory, boolean allowDownload,
        TextModels textModels, ModelCatalog models, SentimentCatalog sentiments) {

    public static Rec4jRuntime from(Config config) {
        Path models = config.get(Rec4jSettings.model_directory);
        boolean allowDownload = config.get(Rec4jSettings.allow_download);
        return new Rec4jRuntime(
                pluginVersion(),
                models,
                config.get(Rec4jSettings.cache_directory),
                allowDownload,
                new TextModels(models, allowDownload, config.get(Rec4jSettings.onnx_threads),
                        config.get(Rec4jSettings.max_tokens)),
                new ModelCatalog(models),
                new SentimentCatalog(models));
    }

    /** The version this jar was built as. */
    public static String pluginVersion() {
        try (InputStream in = Rec4jRuntime.class.getResourceAsStream("/rec4j/rec4j-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("rec4j-version.properties is missing from the rec4j jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
