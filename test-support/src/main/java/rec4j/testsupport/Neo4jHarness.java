package rec4j.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.UserAggregationFunction;
import org.neo4j.procedure.UserFunction;

/**
 * An in-process Neo4j 5.26 with GDS 2.13 (through the test-only GDS bootstrap extension) and every
 * rec4j procedure and function found on the classpath, reached over Bolt on 127.0.0.1.
 *
 * <p>{@link #shared()} starts one per JVM (about 10 s) for the test classes that can share a database;
 * {@link #start(Path, UnaryOperator)} starts a private one, e.g. for restart tests.
 */
public final class Neo4jHarness implements AutoCloseable {

    private static Neo4jHarness shared;

    private final Neo4j neo4j;
    private final Driver driver;
    private final Path home;
    private final Path importDir;

    private Neo4jHarness(Neo4j neo4j, Path home, Path importDir) {
        this.neo4j = neo4j;
        this.home = home;
        this.importDir = importDir;
        this.driver = GraphDatabase.driver(
                neo4j.boltURI(), AuthTokens.none(), Config.builder().withLogging(Logging.none()).build());
    }

    /** The one harness of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized Neo4jHarness shared() {
        if (shared == null) {
            try {
                Path home = Files.createTempDirectory("rec4j-harness");
                shared = start(home, UnaryOperator.identity());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "rec4j-harness-stop"));
        }
        return shared;
    }

    /**
     * Starts a harness whose database lives under {@code home} (reusing it if it exists, which is how a
     * restart is tested) with {@code home/import} as the import directory for LOAD CSV.
     */
    public static Neo4jHarness start(Path home, UnaryOperator<Neo4jBuilder> customizer) {
        try {
            Path importDir = Files.createDirectories(home.resolve("import"));
            Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(home)
                    .withDisabledServer()
                    .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                    .withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"))
                    .withConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                    .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024);
            for (Class<?> type : gdsProcedureClasses("org.neo4j.procedure.Procedure")) {
                builder = builder.withProcedure(type);
            }
            for (Class<?> type : gdsProcedureClasses("org.neo4j.procedure.UserFunction")) {
                builder = builder.withFunction(type);
            }
            for (Class<?> type : rec4jClasses()) {
                if (has(type, Procedure.class)) {
                    builder = builder.withProcedure(type);
                }
                if (has(type, UserFunction.class)) {
                    builder = builder.withFunction(type);
                }
                if (has(type, UserAggregationFunction.class)) {
                    builder = builder.withAggregationFunction(type);
                }
            }
            Neo4j neo4j = customizer.apply(builder).build();
            return new Neo4jHarness(neo4j, home, importDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a harness whose data directory (databases, transaction logs, and rec4j's default model directory) is
     * {@code dataDirectory}, outside the harness's own folder that is deleted on close: start, close and start again
     * on the same directory to test a restart.
     */
    public static Neo4jHarness startWithData(Path home, Path dataDirectory) {
        return start(home, builder -> builder.withConfig(GraphDatabaseSettings.data_directory, dataDirectory));
    }

    public Driver driver() {
        return driver;
    }

    public GraphDatabaseService db() {
        return neo4j.defaultDatabaseService();
    }

    public URI boltUri() {
        return neo4j.boltURI();
    }

    public Path home() {
        return home;
    }

    /** The directory that {@code LOAD CSV FROM 'file:///name'} reads from. */
    public Path importDir() {
        return importDir;
    }

    @Override
    public void close() {
        driver.close();
        neo4j.close();
    }

    private static boolean has(Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(annotation)) {
                return true;
            }
        }
        return false;
    }

    /** GDS lists its procedure and function classes in service-style files; the server scans jars instead. */
    private static Set<Class<?>> gdsProcedureClasses(String listName) throws IOException {
        Set<Class<?>> classes = new LinkedHashSet<>();
        ClassLoader loader = Neo4jHarness.class.getClassLoader();
        for (URL url : Collections.list(loader.getResources("META-INF/services/" + listName))) {
            try (InputStream in = url.openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String name = line.strip();
                    if (!name.isEmpty() && !name.startsWith("#")) {
                        classes.add(load(name, loader));
                    }
                }
            }
        }
        return classes;
    }

    /** Every class in a {@code rec4j} package on the classpath (directories and jars alike). */
    static List<Class<?>> rec4jClasses() throws IOException {
        ClassLoader loader = Neo4jHarness.class.getClassLoader();
        Set<String> names = new LinkedHashSet<>();
        for (URL url : Collections.list(loader.getResources("rec4j"))) {
            if ("file".equals(url.getProtocol())) {
                Path root = toPath(url).getParent();
                try (Stream<Path> files = Files.walk(root.resolve("rec4j"))) {
                    files.filter(p -> p.toString().endsWith(".class"))
                            .map(p -> root.relativize(p).toString())
                            .forEach(names::add);
                }
            } else if ("jar".equals(url.getProtocol())) {
                var connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (var jar = connection.getJarFile()) {
                    jar.stream()
                            .map(e -> e.getName())
                            .filter(n -> n.startsWith("rec4j/") && n.endsWith(".class"))
                            .forEach(names::add);
                }
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String file : names) {
            String name = file.substring(0, file.length() - ".class".length()).replace('/', '.').replace('\\', '.');
            if (!name.contains("$") && !name.endsWith("module-info") && !name.endsWith("package-info")) {
                classes.add(load(name, loader));
            }
        }
        return classes;
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unreadable classpath entry " + url, e);
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Cannot load " + name + " for the test harness", e);
        }
    }
}
