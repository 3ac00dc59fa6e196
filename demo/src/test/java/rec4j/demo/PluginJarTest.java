package rec4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
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

    static JarFile jar;
    static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        Path target = Path.of("..", "procedures", "target");
        try (Stream<Path> files = Files.list(target)) {
            Path plugin = files.filter(p -> p.getFileName().toString().matches("rec4j-\\d.*\\.jar")).findFirst()
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
