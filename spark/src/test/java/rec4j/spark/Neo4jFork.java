package rec4j.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import rec4j.testsupport.Neo4jHarness;

/**
 * The test-support Neo4j harness (Neo4j 5.26, GDS, every rec4j procedure) in a second JVM, reached over Bolt.
 *
 * <p>Why not in the test's JVM: Spark 3.5's SQL parser (which Spark's analyzer runs on every query) was generated with
 * ANTLR 4.9 and Neo4j 5.26's Cypher parser with ANTLR 4.13; neither runtime loads the other's parsers ("Could not
 * deserialize ATN with version 3 (expected 4)" and the reverse). So the fork runs on this module's test classpath with
 * ANTLR 4.13 instead of 4.9 (both prepared by the build under target/neo4j-fork).
 */
final class Neo4jFork implements AutoCloseable {

    private final Process process;
    private final URI bolt;

    private Neo4jFork(Process process, URI bolt) {
        this.process = process;
        this.bolt = bolt;
    }

    /** Starts the fork with {@code heap} (e.g. "2g") and waits until it serves Bolt. */
    static Neo4jFork start(String heap) {
        String directory = System.getProperty("rec4j.neo4jFork.directory", "target/neo4j-fork");
        try {
            Path dir = Path.of(directory);
            Path antlr = dir.resolve("antlr4-runtime-4.13.2.jar");
            List<String> classpath = new ArrayList<>();
            classpath.add(Path.of("target/test-classes").toAbsolutePath().toString());
            classpath.add(Path.of("target/classes").toAbsolutePath().toString());
            for (String entry : Files.readString(dir.resolve("classpath.txt")).strip().split(java.io.File.pathSeparator)) {
                classpath.add(entry.contains("antlr4-runtime") ? antlr.toAbsolutePath().toString() : entry);
            }
            Path args = Files.createTempFile("neo4j-fork", ".args");
            Files.writeString(args, "-cp \"" + String.join(java.io.File.pathSeparator, classpath) + "\"\n");
            Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(javaBin.toString(), "-Xmx" + heap, "-Dai.djl.offline=true",
                    "@" + args, Neo4jFork.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("bolt=")) {
                    Thread drain = new Thread(() -> {
                        try {
                            out.transferTo(java.io.Writer.nullWriter());
                        } catch (IOException ended) {
                            // the fork stopped
                        }
                    }, "neo4j-fork-stdout");
                    drain.setDaemon(true);
                    drain.start();
                    return new Neo4jFork(process, URI.create(line.substring("bolt=".length())));
                }
            }
            throw new IllegalStateException("The Neo4j fork ended before serving Bolt (exit " + process.waitFor() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI bolt() {
        return bolt;
    }

    /** Closes the fork's stdin, which stops it; kills it after a minute. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The fork: start the harness, print its Bolt URI, serve until stdin closes. */
    public static void main(String[] args) throws IOException {
        Neo4jHarness harness = Neo4jHarness.start(Files.createTempDirectory("rec4j-spark-neo4j"), UnaryOperator.identity());
        System.out.println("bolt=" + harness.boltUri());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve
        }
        harness.close();
        System.exit(0);
    }
}
