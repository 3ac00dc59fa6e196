package rec4j;

import static org.neo4j.configuration.SettingValueParsers.BOOL;
import static org.neo4j.configuration.SettingValueParsers.INT;
import static org.neo4j.configuration.SettingValueParsers.PATH;

import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingImpl;
import org.neo4j.configuration.SettingsDeclaration;
import org.neo4j.graphdb.config.Setting;

/**
 * The rec4j settings of neo4j.conf. Neo4j 5 accepts settings only in its own namespaces, so they live under
 * {@code server.rec4j.*}. Relative paths resolve against the server's data directory.
 */
public final class Rec4jSettings implements SettingsDeclaration {

    public static final Setting<Path> model_directory = SettingImpl.newBuilder(
                    "server.rec4j.model_directory", PATH, Path.of("rec4j", "models"))
            .setDependency(GraphDatabaseSettings.data_directory)
            .immutable()
            .build();

    public static final Setting<Path> cache_directory = SettingImpl.newBuilder(
                    "server.rec4j.cache_directory", PATH, Path.of("rec4j", "cache"))
            .setDependency(GraphDatabaseSettings.data_directory)
            .immutable()
            .build();

    public static final Setting<Boolean> allow_download =
            SettingImpl.newBuilder("server.rec4j.allow_download", BOOL, false).immutable().build();

    /**
     * ONNX Runtime intra-op threads of one inference call; 0 lets ONNX Runtime use every core. The default, 1, leaves
     * parallelism to the procedures' {@code concurrency} (one inference per thread), which measured faster on 2 cores.
     */
    public static final Setting<Integer> onnx_threads = SettingImpl.newBuilder("server.rec4j.onnx_threads", INT, 1)
            .addConstraint(org.neo4j.configuration.SettingConstraints.min(0))
            .immutable()
            .build();

    /** PyTorch intra-op threads (TorchScript text models, and PyTorch as ONNX Runtime's NDArray helper); 0: PyTorch's default. */
    public static final Setting<Integer> pytorch_threads = SettingImpl.newBuilder("server.rec4j.pytorch_threads", INT, 0)
            .addConstraint(org.neo4j.configuration.SettingConstraints.min(0))
            .immutable()
            .build();

    /**
     * Text longer than this many word-piece tokens (special tokens included) is truncated before embedding. The default,
     * 128, is the length all-MiniLM-L6-v2 was trained with and the truncation its shipped tokenizer.json sets.
     */
    public static final Setting<Integer> max_tokens = SettingImpl.newBuilder("server.rec4j.max_tokens", INT, rec4j.embed.TextEncoder.DEFAULT_MAX_TOKENS)
            .addConstraint(org.neo4j.configuration.SettingConstraints.range(8, 512))
            .immutable()
            .build();
}
