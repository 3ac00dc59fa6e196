package rec4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neo4j.configuration.Config;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;
import org.neo4j.logging.internal.LogService;
import rec4j.model.ModelCatalog;
import rec4j.model.ModelDirectory;

/**
 * Registers {@link Rec4jRuntime} as an injectable component (safe: procedures need no
 * {@code unrestricted} entry) and points the native-library caches of DJL and JavaCPP at
 * {@code server.rec4j.cache_directory} unless the JVM was started with its own choice.
 */
public final class Rec4jExtension extends ExtensionFactory<Rec4jExtension.Dependencies> {

    public interface Dependencies {
        Config config();

        GlobalProcedures globalProcedures();

        LogService logService();
    }

    public Rec4jExtension() {
        super(ExtensionType.GLOBAL, "rec4j");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        Rec4jRuntime runtime = Rec4jRuntime.from(dependencies.config());
        dependencies.globalProcedures().registerComponent(Rec4jRuntime.class, ctx -> runtime, true);
        var log = dependencies.logService().getUserLog(Rec4jExtension.class);
        return new LifecycleAdapter() {
            @Override
            public void start() {
                Path cache = runtime.cacheDirectory();
                defaultProperty("DJL_CACHE_DIR", cache.resolve("djl"));
                defaultProperty("ENGINE_CACHE_DIR", cache.resolve("djl"));
                defaultProperty("org.bytedeco.javacpp.cachedir", cache.resolve("javacpp"));
                if (!runtime.allowDownload()) {
                    System.setProperty("ai.djl.offline", "true");
                }
                int torchThreads = dependencies.config().get(Rec4jSettings.pytorch_threads);
                if (torchThreads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
                    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(torchThreads));
                    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
                }
                int stale = ModelDirectory.removeStaleTempFiles(runtime.modelDirectory());
                log.info("rec4j %s: model directory %s, cache directory %s, downloads %s%s",
                        runtime.version(), runtime.modelDirectory(), cache,
                        runtime.allowDownload() ? "allowed" : "off",
                        stale == 0 ? "" : "; removed " + stale + " temporary model files an interrupted save left");
            }

            @Override
            public void shutdown() {
                runtime.textModels().close();
            }
        };
    }

    private static void defaultProperty(String key, Path directory) {
        if (System.getProperty(key) == null) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("rec4j cannot create " + key + " directory " + directory, e);
            }
            System.setProperty(key, directory.toString());
        }
    }
}
