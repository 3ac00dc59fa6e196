package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import rec4j.testsupport.Neo4jExtension;
import rec4j.testsupport.Neo4jHarness;

/**
 * Every {@code rec.*} procedure and function of {@code public-surface.txt}, called with bad input: null for every
 * argument, wrong types (a string where a map or number goes, a list where a string goes, a node where a string goes),
 * out-of-range numbers, NaN and Infinity ({@code 0.0/0.0}, {@code 1.0/0.0} in Cypher), unknown configuration keys,
 * unknown labels, relationship types and properties, path-traversal model names and a 1 MB string (a parameter).
 *
 * <p>Each case asserts:
 * <ol>
 *   <li>(a) the call fails with a client error ({@link ClientException}, code {@code Neo.ClientError.*}) whose message
 *       contains the name of the argument or configuration key at fault (the case's {@code expected} fragment). Where
 *       Neo4j itself rejects a value because it does not fit the declared argument type (e.g. a string for a
 *       {@code MAP} argument), rec4j code never runs and Neo4j's message names the expected type, not the argument:
 *       those cases ({@link #neo4jType}) assert the type name;</li>
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
    private static final String BIG = "x".repeat(1 << 20);
    /** Property values of the fixture that no message may show. */
    private static final List<String> SECRETS = List.of("123456789", "secret-mood-value");
    private static final List<String> TRAVERSALS = List.of("../../../canary", "/tmp/x", "..", "a/b", "..\\x", "");
    private static final int MAX_MESSAGE = 4000;

    /** The message Neo4j wraps around a procedure's or function's IllegalArgumentException; stripped before (b). */
    static final Pattern NEO4J_PREFIX = Pattern.compile(
            "^Failed to invoke (procedure|function) `[^`]+`: Caused by: java\\.lang\\.IllegalArgumentException: ");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile(
            "(^|[\\s'\"(=\\[,:])(/(tmp|home|var|usr|work|root|opt|etc|Users|private|mnt|proc)\\b|[A-Za-z]:\\\\)");

    private final Driver driver;
    private final Neo4jHarness harness;
    private final List<Case> cases = new ArrayList<>();
    private Path modelDirectory;

    BadInputTest(Neo4jHarness harness) {
        this.harness = harness;
        this.driver = harness.driver();
        table();
    }

    // ---------------------------------------------------------------- the table

    /** A procedure or function, how to call it, and valid values for its arguments (the parameters $<argument>). */
    private record Proc(String name, boolean function, String yield, List<String> args, Map<String, Object> defaults) {

        String call(List<String> exprs) {
            String call = name + "(" + String.join(", ", exprs) + ")";
            // Cypher has no map projection on a parameter: the configuration is a variable first
            return "MATCH (u:User {userId: 0}), (i:Item {itemId: 0}) WITH u, i, $config AS config "
                    + (function ? "RETURN " + call + " AS v" : "CALL " + call + " YIELD " + yield + " RETURN count(*) AS rows");
        }

        List<String> defaultExprs() {
            return args.stream().map(a -> "$" + a).toList();
        }
    }

    /**
     * One bad call. {@code expected}: the fragment the message must contain (the argument or key at fault);
     * {@code forbidden}: further fragments it must not contain; {@code echo}: the bad input itself, which the message may
     * repeat (removed before the path check).
     */
    record Case(String name, String procedure, String query, Map<String, Object> params, String expected,
            boolean neo4jType, List<String> forbidden, String echo) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Proc proc(String name, String yield, Object... argsAndDefaults) {
        List<String> args = new ArrayList<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (int a = 0; a < argsAndDefaults.length; a += 2) {
            args.add((String) argsAndDefaults[a]);
            defaults.put((String) argsAndDefaults[a], argsAndDefaults[a + 1]);
        }
        return new Proc(name, yield == null, yield, List.copyOf(args), defaults);
    }

    /** Argument {@code arg} replaced by the Cypher expression {@code expr}. */
    private void arg(Proc p, String arg, String expr, String expected) {
        arg(p, arg, expr, expected, false);
    }

    private void arg(Proc p, String arg, String expr, String expected, boolean neo4jType) {
        List<String> exprs = new ArrayList<>(p.defaultExprs());
        int index = p.args().indexOf(arg);
        if (index < 0) {
            throw new IllegalStateException(p.name() + " has no argument " + arg);
        }
        exprs.set(index, expr);
        add(p, arg + " = " + expr, p.call(exprs), expected, neo4jType, List.of(), echoOf(expr));
    }

    /** The configuration with {@code entries} (Cypher map entries) added or replaced. */
    private void key(Proc p, String entries, String expected, String... forbidden) {
        List<String> exprs = new ArrayList<>(p.defaultExprs());
        int index = p.args().indexOf("config");
        exprs.set(index, "config {.*, " + entries + "}");
        add(p, "config {" + entries + "}", p.call(exprs), expected, false, List.of(forbidden), echoOf(entries));
    }

    /** The standard set for a configuration map: null, a string, an unknown key. */
    private void configMap(Proc p) {
        arg(p, "config", "null", "'config'");
        arg(p, "config", "'nodeLabels'", "Map", true);
        key(p, "nope: 1", "'nope'");
    }

    /** Traversal names, the 1 MB string and null as a model name given as argument {@code arg}. */
    private void modelNames(Proc p, String arg, String expected) {
        for (String name : TRAVERSALS) {
            arg(p, arg, cypherString(name), expected);
        }
        arg(p, arg, "$big", expected);
        arg(p, arg, "null", expected);
    }

    /** Traversal names and the 1 MB string as a model name given in the configuration key {@code key}. */
    private void modelNameKeys(Proc p, String key, List<String> names) {
        for (String name : names) {
            key(p, key + ": " + cypherString(name), "'" + key + "'");
        }
    }

    private void add(Proc p, String description, String query, String expected, boolean neo4jType, List<String> forbidden,
            String echo) {
        Map<String, Object> params = new HashMap<>(p.defaults());
        params.putIfAbsent("config", null);
        if (query.contains("$big")) {
            params.put("big", BIG);
        }
        String name = p.name() + " " + description;
        if (cases.stream().anyMatch(c -> c.name().equals(name))) {
            throw new IllegalStateException("two cases named " + name);
        }
        cases.add(new Case(name, p.name(), query, params, expected, neo4jType, forbidden, echo));
    }

    private static String echoOf(String expr) {
        Matcher m = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'").matcher(expr);
        return m.find() ? m.group(1).replace("\\\\", "\\") : null;
    }

    private static String cypherString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private void table() {
        Map<String, Object> none = Map.of();

        // ------------------------------------------------ rec.embed.*
        Proc text = proc("rec.embed.text", null, "text", "a sturdy backpack", "config", none);
        arg(text, "text", "null", "'text'");
        arg(text, "text", "''", "'text'");
        arg(text, "text", "['a']", "'text'");
        arg(text, "text", "i", "'text'");
        arg(text, "text", "{a: 1}", "'text'");
        arg(text, "text", "0.0/0.0", "'text'");
        configMap(text);
        key(text, "textModel: 42", "'textModel'");
        key(text, "textModel: ['all-MiniLM-L6-v2']", "'textModel'");
        key(text, "model: 'all-MiniLM-L6-v2'", "'model' was renamed to 'textModel'");
        modelNameKeys(text, "textModel", List.of("../../../canary", "/tmp/x", "a/b"));

        Proc texts = proc("rec.embed.texts", "index", "texts", List.of("a sturdy backpack"), "config", none);
        arg(texts, "texts", "null", "'texts'");
        arg(texts, "texts", "'a sturdy backpack'", "List", true);
        arg(texts, "texts", "[null]", "'texts[0]'");
        arg(texts, "texts", "['a', 1]", "'texts[1]'");
        arg(texts, "texts", "['a', '']", "'texts[1]'");
        arg(texts, "texts", "[i]", "'texts[0]'");
        configMap(texts);
        key(texts, "batchSize: 0", "'batchSize'");
        key(texts, "batchSize: -1", "'batchSize'");
        key(texts, "batchSize: 1000000000", "'batchSize'");
        key(texts, "batchSize: 0.0/0.0", "'batchSize'");
        key(texts, "batchSize: 'x'", "'batchSize'");
        key(texts, "concurrency: 0", "'concurrency'");
        key(texts, "concurrency: 1000", "'concurrency'");
        key(texts, "concurrency: 1.5", "'concurrency'");
        modelNameKeys(texts, "textModel", List.of(".."));

        Proc nodes = proc("rec.embed.nodes", "embedded", "config",
                Map.of("nodeLabels", List.of("Item"), "textProperties", List.of("title"), "writeProperty", "badEmbedding"));
        configMap(nodes);
        key(nodes, "nodeLabels: null", "'nodeLabels'");
        key(nodes, "nodeLabels: []", "'nodeLabels'");
        key(nodes, "nodeLabels: ['Nope']", "'nodeLabels'");
        key(nodes, "nodeLabels: [i]", "'nodeLabels'");
        key(nodes, "nodeLabels: [$big]", "'nodeLabels'");
        key(nodes, "textProperties: null", "'textProperties'");
        key(nodes, "textProperties: ['nope']", "'textProperties'");
        key(nodes, "textProperties: [$big]", "'textProperties'");
        key(nodes, "textProperties: ['ssn']", "'ssn'");
        key(nodes, "textProperties: 42", "'textProperties'");
        key(nodes, "writeProperty: 'title'", "'writeProperty'");
        key(nodes, "writeProperty: ['a']", "'writeProperty'");
        key(nodes, "writeProperty: i", "'writeProperty'");
        key(nodes, "writeProperty: $big", "'writeProperty'");
        key(nodes, "batchSize: 0", "'batchSize'");
        key(nodes, "batchSize: -1", "'batchSize'");
        key(nodes, "batchSize: 1000000000", "'batchSize'");
        key(nodes, "batchSize: 1.0/0.0", "'batchSize'");
        key(nodes, "concurrency: 0", "'concurrency'");
        key(nodes, "concurrency: 1000", "'concurrency'");
        key(nodes, "skipExisting: 'yes'", "'skipExisting'");
        key(nodes, "coerceNonStrings: 1", "'coerceNonStrings'");
        key(nodes, "vectorIndex: 'true'", "'vectorIndex'");
        modelNameKeys(nodes, "textModel", List.of("../../../canary", "/tmp/x"));
        key(nodes, "model: '../../../canary'", "'model' was renamed to 'textModel'");

        Proc relationships = proc("rec.embed.relationships", "embedded", "config",
                Map.of("relationshipTypes", List.of("RATED"), "textProperties", List.of("review"), "writeProperty", "badEmbedding"));
        configMap(relationships);
        key(relationships, "relationshipTypes: null", "'relationshipTypes'");
        key(relationships, "relationshipTypes: ['NOPE']", "'relationshipTypes'");
        key(relationships, "relationshipTypes: [u]", "'relationshipTypes'");
        key(relationships, "relationshipTypes: [$big]", "'relationshipTypes'");
        key(relationships, "textProperties: ['nope']", "'textProperties'");
        key(relationships, "textProperties: ['ssn']", "'ssn'");
        key(relationships, "batchSize: 0", "'batchSize'");
        key(relationships, "concurrency: 1000", "'concurrency'");
        key(relationships, "vectorIndex: true", "'vectorIndex'");
        modelNameKeys(relationships, "textModel", List.of(".."));

        Proc profiles = proc("rec.embed.profiles", "profilesWritten", "config", Map.of("nodeLabels", List.of("User"),
                "relationshipTypes", List.of("RATED"), "embeddingProperty", "textEmbedding", "writeProperty", "badProfile"));
        configMap(profiles);
        key(profiles, "nodeLabels: null", "'nodeLabels'");
        key(profiles, "nodeLabels: ['Nope']", "'nodeLabels'");
        key(profiles, "relationshipTypes: null", "'relationshipTypes'");
        key(profiles, "relationshipTypes: ['NOPE']", "'relationshipTypes'");
        key(profiles, "embeddingProperty: 'nope'", "'embeddingProperty'");
        key(profiles, "embeddingProperty: 'ssn'", "embeddingProperty", "skipExisting");
        key(profiles, "embeddingProperty: ['textEmbedding']", "'embeddingProperty'");
        key(profiles, "weightProperty: 'nope'", "'weightProperty'");
        key(profiles, "weightProperty: 'review'", "weightProperty", "skipExisting");
        key(profiles, "writeProperty: []", "'writeProperty'");
        key(profiles, "minWeight: 0.0/0.0", "'minWeight'");
        key(profiles, "minWeight: 1.0/0.0", "'minWeight'");
        key(profiles, "minWeight: 'x'", "'minWeight'");
        key(profiles, "direction: 'UP'", "'direction'");
        key(profiles, "batchSize: 0", "'batchSize'");
        key(profiles, "skipExisting: true", "'skipExisting'");

        // ------------------------------------------------ rec.sentiment.*
        Proc sentimentText = proc("rec.sentiment.text", null, "text", "I love it", "modelName", "default");
        arg(sentimentText, "text", "null", "'text'");
        arg(sentimentText, "text", "''", "'text'");
        arg(sentimentText, "text", "['good']", "'text'");
        arg(sentimentText, "text", "i", "'text'");
        arg(sentimentText, "modelName", "['default']", "String", true);
        arg(sentimentText, "modelName", "u", "String", true);
        modelNames(sentimentText, "modelName", "'modelName'");

        Proc sentimentNodes = proc("rec.sentiment.nodes", "written", "config", Map.of("nodeLabels", List.of("Item"),
                "textProperties", List.of("title"), "writeProperty", "badSentiment", "scoreProperty", "badScore"));
        configMap(sentimentNodes);
        key(sentimentNodes, "nodeLabels: ['Nope']", "'nodeLabels'");
        key(sentimentNodes, "nodeLabels: null", "'nodeLabels'");
        key(sentimentNodes, "textProperties: ['nope']", "'textProperties'");
        key(sentimentNodes, "textProperties: ['ssn']", "'ssn'");
        key(sentimentNodes, "scoreProperty: 'badSentiment'", "'scoreProperty'");
        key(sentimentNodes, "writeProperty: 'title'", "'writeProperty'");
        key(sentimentNodes, "neutralMargin: 1.5", "'neutralMargin'");
        key(sentimentNodes, "neutralMargin: -1", "'neutralMargin'");
        key(sentimentNodes, "neutralMargin: 0.0/0.0", "'neutralMargin'");
        key(sentimentNodes, "batchSize: 0", "'batchSize'");
        key(sentimentNodes, "concurrency: 0", "'concurrency'");
        key(sentimentNodes, "skipExisting: 'no'", "'skipExisting'");
        modelNameKeys(sentimentNodes, "modelName", List.of("../../../canary", "/tmp/x", ""));
        key(sentimentNodes, "modelName: $big", "'modelName'");

        Proc sentimentRelationships = proc("rec.sentiment.relationships", "written", "config", Map.of("relationshipTypes",
                List.of("RATED"), "textProperties", List.of("review"), "writeProperty", "badSentiment", "scoreProperty", "badScore"));
        configMap(sentimentRelationships);
        key(sentimentRelationships, "relationshipTypes: ['NOPE']", "'relationshipTypes'");
        key(sentimentRelationships, "textProperties: ['ssn']", "'ssn'");
        key(sentimentRelationships, "neutralMargin: 1.0/0.0", "'neutralMargin'");
        key(sentimentRelationships, "batchSize: -1", "'batchSize'");
        modelNameKeys(sentimentRelationships, "modelName", List.of("a/b"));

        Proc sentimentTrain = proc("rec.sentiment.train", "examples", "config", Map.of("modelName", "bad-sentiment",
                "relationshipTypes", List.of("RATED"), "textProperties", List.of("review"), "ratingProperty", "rating",
                "maxIterations", 2));
        configMap(sentimentTrain);
        key(sentimentTrain, "modelName: null", "'modelName'");
        modelNameKeys(sentimentTrain, "modelName", TRAVERSALS);
        key(sentimentTrain, "modelName: $big", "'modelName'");
        key(sentimentTrain, "modelName: 'default'", "'modelName'");
        key(sentimentTrain, "modelName: u", "'modelName'");
        key(sentimentTrain, "nodeLabels: ['Item']", "'nodeLabels'");
        key(sentimentTrain, "relationshipTypes: ['NOPE']", "'relationshipTypes'");
        key(sentimentTrain, "textProperties: ['nope']", "'textProperties'");
        key(sentimentTrain, "ratingProperty: null, labelProperty: 'mood'", "'labelProperty'");
        key(sentimentTrain, "ratingProperty: 'review'", "'ratingProperty'", "love it", "broke");
        key(sentimentTrain, "ratingProperty: 'nope'", "'ratingProperty'");
        key(sentimentTrain, "testFraction: 1.5", "'testFraction'");
        key(sentimentTrain, "testFraction: 0.0/0.0", "'testFraction'");
        key(sentimentTrain, "l2: -1", "'l2'");
        key(sentimentTrain, "maxIterations: 0", "'maxIterations'");
        key(sentimentTrain, "positiveRating: 1.0/0.0", "'positiveRating'");
        key(sentimentTrain, "concurrency: 1000", "'concurrency'");
        modelNameKeys(sentimentTrain, "textModel", List.of("../../../canary"));

        // ------------------------------------------------ rec.evaluate.*
        Proc split = proc("rec.evaluate.split", "strategy", "config", Map.of("nodeLabels", List.of("User", "Item"),
                "relationshipTypes", List.of("RATED"), "splitProperty", "badSplit"));
        configMap(split);
        key(split, "nodeLabels: ['User']", "'nodeLabels'");
        key(split, "nodeLabels: ['User', 'Nope']", "'nodeLabels'");
        key(split, "relationshipTypes: ['NOPE']", "'relationshipTypes'");
        key(split, "strategy: 'x'", "'strategy'");
        key(split, "testFraction: 1.5", "'testFraction'");
        key(split, "testFraction: 0", "'testFraction'");
        key(split, "testFraction: 0.0/0.0", "'testFraction'");
        key(split, "testFraction: 1.0/0.0", "'testFraction'");
        key(split, "minRating: 0.0/0.0", "'minRating'");
        key(split, "minRating: 3, ratingProperty: 'nope'", "'ratingProperty'");
        key(split, "strategy: 'temporal', timestampProperty: 'nope'", "'timestampProperty'");
        key(split, "splitProperty: []", "'splitProperty'");
        key(split, "randomSeed: 1.5", "'randomSeed'");
        key(split, "batchSize: 0", "'batchSize'");

        Proc evaluate = proc("rec.evaluate.model", "method", "modelName", MODEL, "config", Map.of("k", List.of(5)));
        modelNames(evaluate, "modelName", "'modelName'");
        configMap(evaluate);
        key(evaluate, "k: 0", "'k'");
        key(evaluate, "k: -1", "'k'");
        key(evaluate, "k: 1000000000", "'k'");
        key(evaluate, "k: 0.0/0.0", "'k'");
        key(evaluate, "k: []", "'k'");
        key(evaluate, "candidates: 'x'", "'candidates'");
        key(evaluate, "baselines: ['x']", "'baselines'");
        key(evaluate, "itemKnnNeighbours: -1", "'itemKnnNeighbours'");
        key(evaluate, "featureProperty: 'nope'", "'featureProperty'");
        key(evaluate, "minRating: 0.0/0.0", "'minRating'");
        key(evaluate, "concurrency: 0", "'concurrency'");
        key(evaluate, "splitProperty: 'nope'", "'splitProperty'");
        key(evaluate, "relationshipTypes: ['NOPE']", "'relationshipTypes'");
        key(evaluate, "nodeLabels: ['Nope', 'Item']", "'nodeLabels'");

        // ------------------------------------------------ rec.gcn.*
        Map<String, Object> trainConfig = Map.of("modelName", "bad-new", "embeddingDimension", 4, "layers", 1, "epochs", 1,
                "batchSize", 64, "validationFraction", 0.0, "concurrency", 1);
        Proc train = proc("rec.gcn.train", "users", "graphName", GRAPH, "config", trainConfig);
        arg(train, "graphName", "null", "'graphName'");
        arg(train, "graphName", "'nope'", "graph named 'nope'");
        arg(train, "graphName", "[$graphName]", "String", true);
        arg(train, "graphName", "$big", "'graphName'");
        configMap(train);
        key(train, "modelName: null", "'modelName'");
        modelNameKeys(train, "modelName", TRAVERSALS);
        key(train, "modelName: $big", "'modelName'");
        key(train, "modelName: i", "'modelName'");
        key(train, "embeddingDimension: 0", "'embeddingDimension'");
        key(train, "embeddingDimension: -1", "'embeddingDimension'");
        key(train, "embeddingDimension: 1000000000", "'embeddingDimension'");
        key(train, "layers: -1", "'layers'");
        key(train, "epochs: 0", "'epochs'");
        key(train, "batchSize: 0", "'batchSize'");
        key(train, "learningRate: -1", "'learningRate'");
        key(train, "learningRate: 0.0/0.0", "'learningRate'");
        key(train, "learningRate: 1.0/0.0", "'learningRate'");
        key(train, "learningRate: 'fast'", "'learningRate'");
        key(train, "l2: -1", "'l2'");
        key(train, "idDropout: 1.5", "'idDropout'");
        key(train, "validationFraction: 1.5", "'validationFraction'");
        key(train, "refit: 'yes'", "'refit'");
        key(train, "concurrency: 0", "'concurrency'");
        key(train, "concurrency: 1000", "'concurrency'");
        key(train, "fusion: 'x'", "'fusion'");
        key(train, "nodeLabels: ['Nope', 'Item']", "'nodeLabels'");
        key(train, "nodeLabels: 'User'", "'nodeLabels'");
        key(train, "relationshipTypes: ['NOPE']", "'relationshipTypes'");
        key(train, "relationshipWeightProperty: 'nope'", "'relationshipWeightProperty'");
        key(train, "featureProperties: ['nope']", "'featureProperties'");
        key(train, "missingFeatures: 'x'", "'missingFeatures'");

        Map<String, Object> statsConfig = new HashMap<>(trainConfig);
        statsConfig.remove("modelName");
        Proc stats = proc("rec.gcn.stats", "users", "graphName", GRAPH, "config", statsConfig);
        arg(stats, "graphName", "null", "'graphName'");
        arg(stats, "graphName", "'../../../canary'", "graph named '../../../canary'");
        configMap(stats);
        key(stats, "embeddingDimension: 0", "'embeddingDimension'");
        key(stats, "learningRate: 0.0/0.0", "'learningRate'");

        Proc estimate = proc("rec.gcn.train.estimate", "bytesMax", "graphName", GRAPH, "config", Map.of("embeddingDimension", 4));
        arg(estimate, "graphName", "null", "'graphName'");
        arg(estimate, "graphName", "'nope'", "graph named 'nope'");
        configMap(estimate);
        key(estimate, "embeddingDimension: 1000000000", "'embeddingDimension'");
        key(estimate, "layers: 1000", "'layers'");

        Proc stream = proc("rec.gcn.stream", "nodeId", "modelName", MODEL);
        modelNames(stream, "modelName", "'modelName'");
        arg(stream, "modelName", "[$modelName]", "String", true);
        arg(stream, "modelName", "u", "String", true);

        Proc write = proc("rec.gcn.write", "nodePropertiesWritten", "modelName", MODEL, "config", Map.of("writeProperty", "badGcn"));
        arg(write, "modelName", "null", "'modelName'");
        arg(write, "modelName", "'..'", "'modelName'");
        configMap(write);
        key(write, "batchSize: 0", "'batchSize'");
        key(write, "writeProperty: []", "'writeProperty'");
        key(write, "writeProperty: $big", "'writeProperty'");

        Proc writeEstimate = proc("rec.gcn.write.estimate", "bytesMax", "modelName", MODEL, "config", none);
        arg(writeEstimate, "modelName", "null", "'modelName'");
        arg(writeEstimate, "modelName", "'/tmp/x'", "'modelName'");
        configMap(writeEstimate);
        key(writeEstimate, "batchSize: -1", "'batchSize'");

        Proc mutate = proc("rec.gcn.mutate", "graphName", "modelName", MODEL, "config", Map.of("mutateProperty", "badGcn"));
        arg(mutate, "modelName", "null", "'modelName'");
        arg(mutate, "modelName", "'a/b'", "'modelName'");
        configMap(mutate);
        key(mutate, "graphName: 'nope'", "graph named 'nope'");
        key(mutate, "mutateProperty: 1", "'mutateProperty'");

        Proc foldIn = proc("rec.gcn.foldIn", "newUsers", "modelName", MODEL, "config", none);
        arg(foldIn, "modelName", "null", "'modelName'");
        arg(foldIn, "modelName", "'../../../canary'", "'modelName'");
        configMap(foldIn);
        key(foldIn, "users: 'yes'", "'users'");

        Proc textTower = proc("rec.gcn.textTower", "fittedItems", "modelName", MODEL, "config",
                Map.of("featureProperties", List.of("textEmbedding")));
        arg(textTower, "modelName", "null", "'modelName'");
        arg(textTower, "modelName", "'..\\\\x'", "'modelName'");
        configMap(textTower);
        key(textTower, "featureProperties: null", "'featureProperties'");
        key(textTower, "featureProperties: ['nope']", "'featureProperties'");
        key(textTower, "l2: -1", "'l2'");
        key(textTower, "l2: 0.0/0.0", "'l2'");
        key(textTower, "concurrency: 0", "'concurrency'");

        // ------------------------------------------------ rec.model.*, rec.info, rec.version
        Proc drop = proc("rec.model.drop", "modelType", "modelName", MODEL);
        modelNames(drop, "modelName", "'modelName'");
        arg(drop, "modelName", "[$modelName]", "String", true);
        arg(drop, "modelName", "u", "String", true);
        add(proc("rec.model.list", "modelName"), "with an argument", "CALL rec.model.list('x')", "argument", true, List.of(), null);
        add(proc("rec.info", "pluginVersion"), "with an argument", "CALL rec.info('x')", "argument", true, List.of(), null);
        add(proc("rec.version", null), "with an argument", "RETURN rec.version('x') AS v", "argument", true, List.of(), null);

        // ------------------------------------------------ rec.recommend.*
        Proc createIndex = proc("rec.recommend.createIndex", "indexName", "modelName", MODEL, "config",
                Map.of("indexName", "bad_index"));
        arg(createIndex, "modelName", "null", "'modelName'");
        arg(createIndex, "modelName", "'../../../canary'", "'modelName'");
        configMap(createIndex);
        key(createIndex, "indexName: []", "'indexName'");
        key(createIndex, "batchSize: 0", "'batchSize'");
        key(createIndex, "quantization: 'x'", "'quantization'");
        key(createIndex, "writeProperty: $big", "'writeProperty'");

        Proc forUser = proc("rec.recommend.forUser", "rank", "user", null, "config", Map.of("modelName", MODEL, "k", 3));
        arg(forUser, "user", "null", "'user'");
        arg(forUser, "user", "[u]", "'user'");
        arg(forUser, "user", "'abc'", "'userIdProperty'");
        arg(forUser, "user", "0.0/0.0", "'user'");
        forUserKeys(forUser);

        Proc forText = proc("rec.recommend.forText", "rank", "text", "fresh coffee beans", "config",
                Map.of("modelName", MODEL, "k", 3));
        arg(forText, "text", "null", "'text'");
        arg(forText, "text", "''", "'text'");
        arg(forText, "text", "['coffee']", "'text'");
        arg(forText, "text", "i", "'text'");
        configMap(forText);
        key(forText, "modelName: null", "'modelName'");
        modelNameKeys(forText, "modelName", List.of("../../../canary", "/tmp/x"));
        key(forText, "k: 0", "'k'");
        key(forText, "k: 0.0/0.0", "'k'");
        key(forText, "alpha: 1.5", "'alpha'");
        key(forText, "alpha: -1", "'alpha'");
        key(forText, "alpha: 0.0/0.0", "'alpha'");
        key(forText, "diversity: 1.0/0.0", "'diversity'");
        key(forText, "user: 'abc'", "'userIdProperty'");
        modelNameKeys(forText, "textModel", List.of("../../../canary"));

        Proc similar = proc("rec.recommend.similarItems", "rank", "item", null, "config", Map.of("modelName", MODEL, "k", 3));
        arg(similar, "item", "null", "'item'");
        arg(similar, "item", "[i]", "'item'");
        arg(similar, "item", "'abc'", "'itemIdProperty'");
        similarKeys(similar);
    }

    private void forUserKeys(Proc forUser) {
        // the user argument is the user node u; the configuration is varied
        nodeArgKeys(forUser, "u", List.of(
                new String[] {"null", "'config'"},
                new String[] {"nope: 1", "'nope'"},
                new String[] {"modelName: null", "'modelName'"},
                new String[] {"modelName: '../../../canary'", "'modelName'"},
                new String[] {"modelName: '/tmp/x'", "'modelName'"},
                new String[] {"modelName: $big", "'modelName'"},
                new String[] {"modelName: ['m']", "'modelName'"},
                new String[] {"k: 0", "'k'"},
                new String[] {"k: -1", "'k'"},
                new String[] {"k: 1000000000", "'k'"},
                new String[] {"k: 0.0/0.0", "'k'"},
                new String[] {"k: 1.0/0.0", "'k'"},
                new String[] {"k: 1.5", "'k'"},
                new String[] {"diversity: 1.5", "'diversity'"},
                new String[] {"diversity: 0.0/0.0", "'diversity'"},
                new String[] {"candidates: 'x'", "'candidates'"},
                new String[] {"overFetch: 0", "'overFetch'"},
                new String[] {"excludeRelationshipTypes: ['NOPE']", "'excludeRelationshipTypes'"},
                new String[] {"filter: 'x'", "'filter'"},
                new String[] {"items: 'x'", "'items'"},
                new String[] {"seedItems: 'x'", "'seedItems'"},
                new String[] {"fallback: 'x'", "'fallback'"},
                new String[] {"explain: 'yes'", "'explain'"},
                new String[] {"explainItems: 0", "'explainItems'"},
                new String[] {"userIdProperty: []", "'userIdProperty'"}));
    }

    private void similarKeys(Proc similar) {
        nodeArgKeys(similar, "i", List.of(
                new String[] {"null", "'config'"},
                new String[] {"nope: 1", "'nope'"},
                new String[] {"modelName: '..'", "'modelName'"},
                new String[] {"k: 0", "'k'"},
                new String[] {"k: 1000000000", "'k'"},
                new String[] {"similarity: 'x'", "'similarity'"},
                new String[] {"diversity: 1.5", "'diversity'"},
                new String[] {"itemIdProperty: 42", "'itemIdProperty'"}));
    }

    /** Calls with the node {@code node} as first argument and the configuration entries (or "null": no map) given. */
    private void nodeArgKeys(Proc p, String node, List<String[]> entriesAndExpected) {
        for (String[] e : entriesAndExpected) {
            String config = e[0].equals("null") ? "null" : "config {.*, " + e[0] + "}";
            add(p, "config " + (e[0].equals("null") ? "null" : "{" + e[0] + "}"), p.call(List.of(node, config)), e[1], false,
                    List.of(), echoOf(e[0]));
        }
        add(p, "config 'k'", p.call(List.of(node, "'k'")), "Map", true, List.of(), null);
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
        assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
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
