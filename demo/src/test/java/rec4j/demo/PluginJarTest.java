package rec4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rec4j plugin jar as a user gets it (procedures/target/rec4j-VERSION.jar), checked against the lib/ of
 * the server that the build assembles under demo/target/server (Neo4j 5.26.30 as installed).
 */
class PluginJarTest {

    static Path plugin;
    static JarFile jar;
    static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        Path target = Path.of("..", "procedures", "target");
        try (Stream<Path> files = Files.list(target)) {
            plugin = files.filter(p -> p.getFileName().toString().matches("rec4j-\\d.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No plugin jar in " + target.toAbsolutePath() + ": run mvn verify"));
            jar = new JarFile(plugin.toFile());
        }
        entries = jar.stream().map(JarEntry::getName).toList();
    }

    @AfterAll
    static void close() throws IOException {
        jar.close();
    }

    @Test
    void serviceFilesOfAllMergedJarsSurvive() throws IOException {
        assertThat(service("ai.djl.engine.EngineProvider"))
                .contains("ai.djl.onnxruntime.engine.OrtEngineProvider", "ai.djl.pytorch.engine.PtEngineProvider");
        assertThat(service("org.nd4j.linalg.factory.Nd4jBackend")).contains("org.nd4j.linalg.cpu.nativecpu.CpuBackend");
        assertThat(service("org.neo4j.kernel.extension.ExtensionFactory")).containsExactly("rec4j.Rec4jExtension");
        assertThat(service("org.neo4j.configuration.SettingsDeclaration")).containsExactly("rec4j.Rec4jSettings");
    }

    @Test
    void holdsTheProceduresAndTheDefaultModel() {
        assertThat(entries).contains("rec4j/proc/InfoProcedures.class", "rec4j/gcn/NormalizedAdjacency.class",
                "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", "rec4j/rec4j-version.properties");
    }

    @Test
    void noSlf4jNoNeo4jNoGdsNoBootstrap() {
        assertThat(entries).noneMatch(e -> e.startsWith("org/slf4j/"));
        assertThat(entries).noneMatch(e -> e.startsWith("META-INF/services/org.slf4j"));
        assertThat(entries).noneMatch(e -> e.startsWith("org/neo4j/"));
        assertThat(entries).noneMatch(e -> e.startsWith("rec4j/gdsbootstrap/") || e.startsWith("rec4j/testsupport/"));
    }

    @Test
    void nativeLibrariesAreLinuxX8664Only() {
        assertThat(entries).filteredOn(e -> e.matches(".*\\.(so|dylib|dll|pdb)(\\.\\d+)*$"))
                .isNotEmpty()
                .allMatch(e -> e.contains("linux-x86_64/") || e.contains("linux-x64/"), "a linux-x86_64 native library");
    }

    @Test
    void sharesNoClassPackageWithTheServersLib() throws IOException {
        Path lib = Path.of("target", "server", "lib");
        Map<String, String> serverPackages = new TreeMap<>();
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path path : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile serverJar = new JarFile(path.toFile())) {
                    serverJar.stream().map(JarEntry::getName).map(PluginJarTest::classPackage)
                            .filter(p -> p != null)
                            .forEach(p -> serverPackages.putIfAbsent(p, path.getFileName().toString()));
                }
            }
        }
        assertThat(serverPackages).as("the server lib/ was assembled").containsKey("org/neo4j/kernel/api");
        List<String> overlaps = new ArrayList<>();
        for (String p : new TreeSet<>(entries.stream().map(PluginJarTest::classPackage).filter(x -> x != null).toList())) {
            if (serverPackages.containsKey(p)) {
                overlaps.add(p + " (also in lib/" + serverPackages.get(p) + ")");
            }
        }
        assertThat(overlaps).as("class packages in both the plugin jar and the server's lib/").isEmpty();
    }

    /**
     * Neo4j scans every class of every plugin jar at start-up (ProcedureClassLoader: load and resolve the class, then
     * its declared classes, methods and fields) and logs a warning for each one that fails. Done here the same way,
     * with the server's lib/ as the parent and GDS beside the plugin, as in demo/target/server: no class may fail.
     */
    @Test
    void everyClassLoadsTheWayNeo4jScansPluginJars() throws IOException {
        Path server = Path.of("target", "server");
        List<String> failures = new ArrayList<>();
        int scanned = 0;
        try (URLClassLoader lib = new URLClassLoader(urls(jars(server.resolve("lib"))), ClassLoader.getPlatformClassLoader());
                URLClassLoader plugins = new URLClassLoader(pluginsWithThisJar(server.resolve("plugins")), lib);
                JarFile versioned = new JarFile(plugin.toFile(), true, java.util.zip.ZipFile.OPEN_READ, Runtime.version())) {
            for (String name : versioned.versionedStream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class")).toList()) {
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                scanned++;
                try {
                    Class<?> c = Class.forName(className, false, plugins);
                    c.getDeclaredClasses();
                    c.getDeclaredMethods();
                    c.getDeclaredFields();
                } catch (ClassNotFoundException | LinkageError e) {
                    failures.add(className + ": " + e);
                }
            }
        }
        assertThat(scanned).as("classes scanned").isGreaterThan(1000);
        assertThat(failures).as("classes of the plugin jar that Neo4j would log as 'Failed to load'").isEmpty();
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** plugins/ as the build assembles it, with the plugin jar under test in place of its copy. */
    private static URL[] pluginsWithThisJar(Path dir) throws IOException {
        List<Path> jars = new ArrayList<>(List.of(plugin));
        jars.addAll(jars(dir).stream().filter(p -> !p.getFileName().toString().startsWith("org.rec4j.rec4j-procedures")).toList());
        assertThat(jars).as("GDS in " + dir).anyMatch(p -> p.getFileName().toString().startsWith("org.neo4j.gds.proc"));
        return urls(jars);
    }

    private static URL[] urls(List<Path> jars) throws MalformedURLException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        return urls;
    }

    private static String classPackage(String entry) {
        if (!entry.endsWith(".class") || entry.endsWith("module-info.class")) {
            return null;
        }
        String name = entry.replaceFirst("^META-INF/versions/\\d+/", "");
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    private static List<String> service(String name) throws IOException {
        JarEntry entry = jar.getJarEntry("META-INF/services/" + name);
        assertThat(entry).as("META-INF/services/" + name).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
