package rec4j;

import static org.neo4j.configuration.SettingValueParsers.BOOL;
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
}
