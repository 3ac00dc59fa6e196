package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import rec4j.proc.BadInputCases.Case;
import rec4j.testsupport.Neo4jExtension;
import rec4j.testsupport.Neo4jHarness;

/**
 * Every {@code rec.*} procedure and function of {@code public-surface.txt}, called with bad input: null for every
 * argument, wrong types (a string where a map or number goes, a list where a string goes, a node where a string goes),
 * out-of-range numbers, NaN and Infinity ({@code 0.0/0.0}, {@code 1.0/0.0} in Cypher), unknown configuration keys,
 * unknown labels, relationship types and properties, path-traversal model names and a 1 MB string (a parameter).
 *
 * <p>The cases are data: {@code src/test/resources/rec4j/bad-input-cases.txt}, one line a case after the line of its
 * procedure (name, yield column, arguments and their valid values as Cypher literals), read by {@link BadInputCases};
 * its header says the format. {@link #theTableCoversEveryProcedureAndFunctionOfThePublicSurface} checks that the
 * table covers {@code public-surface.txt} and still has its 384 cases.
 *
 * <p>Each case asserts:
 * <ol>
 *   <li>(a) the call fails with a client error ({@link ClientException}, code {@code Neo.ClientError.*}) whose message
 *       contains the name of the argument or configuration key at fault (the case's {@code expected} fragment). Where
 *       Neo4j itself rejects a value because it does not fit the declared argument type (e.g. a string for a
 *       {@code MAP} argument), rec4j code never runs and Neo4j's message names the expected type, not the argument:
 *       those cases ({@link Case#neo4jType()}: the lines {@code type}, {@code node type} and {@code query} of the
 *       table) assert the type name;</li>
 *   <li>(b) the message contains no {@code NullPointerException}, {@code ClassCastException}, no {@code java.} or
 *       {@code rec4j.} class name (nor any other fully qualified class name), no absolute file-system path, none of the
 *       property values of the fixture ({@link #SECRETS}: messages say the type and the element id, never the value),
 *       and is at most {@link #MAX_MESSAGE} characters (a 1 MB input is not echoed back). Neo4j reports a procedure's
 *       or function's {@code IllegalArgumentException} as {@code Failed to invoke procedure `rec.x`: Caused by:
 *       java.lang.IllegalArgumentException: <message>}: that known prefix, and only that one, is stripped before
 *       these checks (see {@link #NEO4J_PREFIX}), so any other exception class in the message fails the case;</li>
 *   <li>(c) nothing was written: node and relationship counts, the property keys in use on nodes and on relationships,
 *       all labels, types and property values, the indexes, the names of {@code rec.model.list()}, the files (with size
 *       and modification time) under the harness's model directory ({@code rec.info().modelDirectory}) and the
 *       file names under the harness's home and {@code /tmp} that a traversal name could reach are the same
 *       before and after;</li>
 *   <li>(d) the server still answers {@code RETURN 1} afterwards.</li>
 * </ol>
 */
@ExtendWith(Neo4jExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final String GRAPH = "bad-input-graph";
    private static final String MODEL = "bad-input-model";
    /** Property values of the fixture that no message may show. */
    private static final List<String> SECRETS = List.of("123456789", "secret-mood-value");
    private static final int MAX_MESSAGE = 4000;

    /** The message Neo4j wraps around a procedure's or function's IllegalArgumentException; stripped before (b). */
    static final Pattern NEO4J_PREFIX = Pattern.compile(
            "^Failed to invoke (procedure|function) `[^`]+`: Caused by: java\\.lang\\.IllegalArgumentException: ");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile(
            "(^|[\\s'\"(=\\[,:])(/(tmp|home|var|usr|work|root|opt|etc|Users|private|mnt|proc)\\b|[A-Za-z]:\\\\)");

    private final Driver driver;
    private final Neo4jHarness harness;
    private final List<Case> cases;
    private Path modelDirectory;

    BadInputTest(Neo4jHarness harness) {
        this.harness = harness;
        this.driver = harness.driver();
        this.cases = BadInputCases.read(driver, Map.of("model", MODEL, "graph", GRAPH));
    }

    Stream<Case> cases() {
        return cases.stream();
    }

    // ---------------------------------------------------------------- fixture

    @BeforeAll
    void fixture() {
        cleanUp();
        run("UNWIND range(0, 11) AS i CREATE (:Item {itemId: i, title: 'a sturdy item number ' + i, ssn: 123456789})");
        run("UNWIND range(0, 9) AS u CREATE (:User {userId: u})");
        run("MATCH (u:User), (i:Item) WHERE (u.userId + i.itemId) % 3 = 0 "
                + "CREATE (u)-[:RATED {rating: 1 + (u.userId + i.itemId) % 5, ssn: 123456789, mood: 'secret-mood-value', "
                + "review: CASE WHEN (u.userId + i.itemId) % 2 = 0 THEN 'great, I love it' ELSE 'awful, it broke' END}]->(i)");
        run("CALL rec.embed.nodes({nodeLabels: ['Item'], textProperties: ['title'], writeProperty: 'textEmbedding'}) "
                + "YIELD embedded RETURN embedded");
        run("CALL rec.evaluate.split({nodeLabels: ['User', 'Item'], relationshipTypes: ['RATED']}) YIELD strategy RETURN strategy");
        run("CALL gds.graph.project($graph, {User: {}, Item: {properties: 'textEmbedding'}}, "
                + "{RATED: {orientation: 'UNDIRECTED', properties: 'rating'}}) YIELD graphName RETURN graphName", Map.of("graph", GRAPH));
        run("CALL rec.gcn.train($graph, {modelName: $model, featureProperties: ['textEmbedding'], fusion: 'sum', "
                + "embeddingDimension: 8, layers: 1, epochs: 2, batchSize: 64, validationFraction: 0.0, concurrency: 1, missingFeatures: 'zero'}) "
                + "YIELD modelName RETURN modelName", Map.of("graph", GRAPH, "model", MODEL));
        modelDirectory = Path.of(driver.executableQuery("CALL rec.info() YIELD modelDirectory RETURN modelDirectory")
                .execute().records().get(0).get("modelDirectory").asString());
    }

    /** The harness is shared by the test classes of this JVM: leave no graph, model or node behind. */
    @AfterAll
    void cleanUp() {
        run("CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName", Map.of("graph", GRAPH));
        for (String model : models()) {
            try {
                run("CALL rec.model.drop($m) YIELD modelName RETURN modelName", Map.of("m", model));
            } catch (Neo4jException e) {
                // a model a failing case registered under a name the catalog cannot drop: reported by that case
            }
        }
        run("MATCH (n) DETACH DELETE n");
    }

    // ---------------------------------------------------------------- the checks

    @Test
    void theTableCoversEveryProcedureAndFunctionOfThePublicSurface() throws IOException {
        Set<String> surface = new TreeSet<>();
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/public-surface.txt"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = Pattern.compile("^(procedure|function) (rec\\.[A-Za-z.]+)\\(").matcher(line);
                if (m.find()) {
                    surface.add(m.group(2));
                }
            }
        }
        assertThat(surface).hasSizeGreaterThan(20);
        Set<String> covered = cases.stream().map(Case::procedure).collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).isEqualTo(surface);
        System.out.println("BadInputTest: " + cases.size() + " cases from " + BadInputCases.RESOURCE);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(384);
        // (c) looks at real files: the fixture's model is among them
        assertThat(snapshot().modelFiles()).anyMatch(f -> f.contains(MODEL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputFailsClearlyAndWritesNothing(Case c) {
        Snapshot before = snapshot();
        List<String> problems = new ArrayList<>();
        Throwable error = null;
        try {
            driver.executableQuery(c.query()).withParameters(c.params()).execute();
        } catch (Throwable t) {
            error = t;
        }
        if (error == null) {
            problems.add("(a) the call succeeded");
        } else if (!(error instanceof ClientException ce) || !ce.code().startsWith("Neo.ClientError.")) {
            problems.add("(a) not a client error: " + error.getClass().getSimpleName()
                    + (error instanceof Neo4jException n ? " " + n.code() : ""));
        }
        String message = error == null ? "" : Objects.toString(error.getMessage(), "");
        record(c, message);
        if (error != null) {
            problems.addAll(messageProblems(c, message));
        }
        Snapshot after = snapshot();
        if (!after.equals(before)) {
            problems.add("(c) something was written: " + before.difference(after));
            restore(before, after);
        }
        try {
            assertThat(driver.executableQuery("RETURN 1 AS one").execute().records().get(0).get("one").asInt()).isEqualTo(1);
        } catch (Throwable t) {
            problems.add("(d) the server does not answer RETURN 1: " + t.getMessage());
        }
        assertThat(problems).as("%s%n  query: %s%n  message: %s", c.name(), c.query(), shorten(message)).isEmpty();
    }

    /** Every case's message, for reading them all at once: target/bad-input-messages.txt. */
    private static void record(Case c, String message) {
        try {
            Files.writeString(Path.of("target", "bad-input-messages.txt"), c.name() + "\n    " + shorten(message) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // only a convenience
        }
    }

    static List<String> messageProblems(Case c, String message) {
        List<String> problems = new ArrayList<>();
        if (!message.contains(c.expected())) {
            problems.add("(a) the message does not name " + c.expected());
        }
        // the names of rec4j's settings (server.rec4j.*) are advice, not class names
        String stripped = NEO4J_PREFIX.matcher(message).replaceFirst("").replace("server.rec4j.", "server.rec4j_");
        for (String word : List.of("NullPointerException", "ClassCastException", "java.", "rec4j.")) {
            if (stripped.contains(word)) {
                problems.add("(b) the message contains " + word);
            }
        }
        Matcher className = CLASS_NAME.matcher(stripped);
        if (className.find()) {
            problems.add("(b) the message contains the class name " + className.group());
        }
        String withoutEcho = c.echo() == null || c.echo().isEmpty() ? stripped : stripped.replace(c.echo(), "");
        Matcher path = ABSOLUTE_PATH.matcher(withoutEcho);
        if (path.find()) {
            problems.add("(b) the message contains an absolute path at '" + shorten(withoutEcho.substring(path.start())) + "'");
        }
        for (String secret : SECRETS) {
            if (message.contains(secret)) {
                problems.add("(b) the message shows the property value " + secret);
            }
        }
        for (String forbidden : c.forbidden()) {
            if (message.contains(forbidden)) {
                problems.add("(b) the message contains " + forbidden);
            }
        }
        if (message.length() > MAX_MESSAGE) {
            problems.add("(b) the message has " + message.length() + " characters");
        }
        return problems;
    }

    private static String shorten(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "... (" + s.length() + " characters)";
    }

    /** What a case must not change. */
    record Snapshot(long nodes, long relationships, List<String> nodeKeys, List<String> relationshipKeys, String data,
            List<String> indexes, List<String> models, List<String> modelFiles, List<String> strayFiles) {

        String difference(Snapshot after) {
            List<String> out = new ArrayList<>();
            diff(out, "nodes", nodes, after.nodes);
            diff(out, "relationships", relationships, after.relationships);
            diff(out, "node property keys", nodeKeys, after.nodeKeys);
            diff(out, "relationship property keys", relationshipKeys, after.relationshipKeys);
            if (!data.equals(after.data)) {
                out.add("labels, types or property values changed");
            }
            diff(out, "indexes", indexes, after.indexes);
            diff(out, "rec.model.list()", models, after.models);
            diff(out, "files under the model directory", modelFiles, after.modelFiles);
            diff(out, "files a traversal name could reach", strayFiles, after.strayFiles);
            return String.join("; ", out);
        }

        private static void diff(List<String> out, String what, Object before, Object after) {
            if (!before.equals(after)) {
                out.add(what + ": " + before + " -> " + after);
            }
        }
    }

    private Snapshot snapshot() {
        Record counts = single("MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships");
        List<String> nodeKeys = strings("MATCH (n) UNWIND keys(n) AS k RETURN DISTINCT k ORDER BY k");
        List<String> relationshipKeys = strings("MATCH ()-[r]->() UNWIND keys(r) AS k RETURN DISTINCT k ORDER BY k");
        String data = driver.executableQuery("MATCH (n) WITH n ORDER BY elementId(n) "
                        + "RETURN collect([elementId(n), labels(n), properties(n)]) AS nodes, "
                        + "COLLECT { MATCH ()-[r]->() WITH r ORDER BY elementId(r) "
                        + "RETURN [elementId(r), type(r), properties(r)] } AS relationships")
                .execute().records().get(0).toString();
        List<String> indexes = strings("SHOW INDEXES YIELD name RETURN name ORDER BY name");
        return new Snapshot(counts.get("nodes").asLong(), counts.get("relationships").asLong(), nodeKeys, relationshipKeys,
                data, indexes, models(), files(modelDirectory, true), strayFiles());
    }

    /** Every file under {@code root}: relative path, and with {@code details} size and modification time. */
    private static List<String> files(Path root, boolean details) {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(f -> {
                String name = root.relativize(f).toString();
                if (!details) {
                    return name;
                }
                try {
                    return name + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis();
                } catch (IOException e) {
                    return name + " (gone)";
                }
            }).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of("unreadable: " + e.getMessage());
        }
    }

    /**
     * File names outside the model directory that a traversal model name could reach: under the harness's home (but not
     * the database, transaction log and log folders, which the server changes by itself) and names like x* or canary*
     * directly in /tmp.
     */
    private List<String> strayFiles() {
        Set<String> out = new TreeSet<>();
        Path home = harness.home();
        try (Stream<Path> walk = Files.walk(home)) {
            walk.filter(Files::isRegularFile)
                    .filter(f -> modelDirectory == null || !f.startsWith(modelDirectory))
                    .map(f -> home.relativize(f).toString())
                    .filter(n -> !n.matches("(.*/)?(databases|transactions|logs)/.*") && !n.startsWith("logs"))
                    .forEach(out::add);
        } catch (IOException | UncheckedIOException e) {
            out.add("unreadable: " + e.getMessage());
        }
        try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
            tmp.map(f -> f.getFileName().toString()).filter(n -> n.matches("(x|canary)([.\\\\].*)?")).map(n -> "/tmp/" + n)
                    .forEach(out::add);
        } catch (IOException | UncheckedIOException e) {
            // no /tmp
        }
        return List.copyOf(out);
    }

    /** Undoes what a failed case wrote, where that is simple, so that the later cases start from the fixture. */
    private void restore(Snapshot before, Snapshot after) {
        try {
            for (String key : after.nodeKeys()) {
                if (!before.nodeKeys().contains(key)) {
                    run("MATCH (n) WHERE n[$k] IS NOT NULL SET n[$k] = null", Map.of("k", key));
                }
            }
            for (String key : after.relationshipKeys()) {
                if (!before.relationshipKeys().contains(key)) {
                    run("MATCH ()-[r]->() WHERE r[$k] IS NOT NULL SET r[$k] = null", Map.of("k", key));
                }
            }
            for (String index : after.indexes()) {
                if (!before.indexes().contains(index)) {
                    run("DROP INDEX `" + index.replace("`", "``") + "` IF EXISTS");
                }
            }
            for (String model : after.models()) {
                if (!before.models().contains(model)) {
                    run("CALL rec.model.drop($m) YIELD modelName RETURN modelName", Map.of("m", model));
                }
            }
        } catch (Neo4jException e) {
            // the case already failed; later cases compare with their own snapshot
        }
    }

    private List<String> models() {
        return strings("CALL rec.model.list() YIELD modelName RETURN modelName ORDER BY modelName");
    }

    private List<String> strings(String query) {
        return driver.executableQuery(query).execute().records().stream().map(r -> r.get(0).asString()).toList();
    }

    private Record single(String query) {
        return driver.executableQuery(query).execute().records().get(0);
    }

    private void run(String query) {
        run(query, Map.of());
    }

    private void run(String query, Map<String, Object> params) {
        driver.executableQuery(query).withParameters(params).execute();
    }
}
