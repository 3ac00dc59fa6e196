package rec4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Values;
import rec4j.config.ConfigMap;
import rec4j.config.Cypher;
import rec4j.embed.EntityTexts;
import rec4j.embed.TextEncoder;
import rec4j.sentiment.SentimentClassifier;

/**
 * {@code rec.embed.nodes} (mode 'embed') and {@code rec.sentiment.nodes} (mode 'sentiment', the default classifier) as a
 * Spark application: the nodes' text properties are read through the Neo4j Connector for Apache Spark in one read
 * transaction, spread over {@code partitions} tasks, embedded on the executors with rec4j's own encoder (one model per
 * executor JVM, see {@link Models}), and written back through the connector in transactions of {@code batchSize} nodes.
 *
 * <p>Run with {@code spark-submit --class rec4j.spark.SparkEmbedJob rec4j-spark-VERSION-app.jar key=value ...}; the keys
 * are those of {@link Options#of}. See docs/spark.md.
 */
public final class SparkEmbedJob {

    static final String NAME = "rec4j-spark";
    private static final String CONNECTOR = "org.neo4j.spark.DataSource";
    public static final String EMBED = "embed";
    public static final String SENTIMENT = "sentiment";

    /** The write batch (nodes per transaction) and the inference batch, as in rec.embed.nodes. */
    static final int WRITE_BATCH_SIZE = 64;
    static final int MAX_WRITE_BATCH_SIZE = 1_000_000;
    private static final int INFERENCE_BATCH = 8;
    private static final int MIN_WINDOW = 256;

    private SparkEmbedJob() {}

    /** The job's configuration; the password is kept out of {@link #toString()}. */
    public record Options(String mode, String url, String user, String password, String database, List<String> nodeLabels,
            List<String> textProperties, String writeProperty, String scoreProperty, Double neutralMargin,
            boolean skipExisting, boolean coerceNonStrings, int batchSize, int concurrency, int partitions,
            boolean vectorIndex, String textModel, String modelDirectory, int onnxThreads, int maxTokens)
            implements Serializable {

        /**
         * Reads {@code key=value} settings (lists comma-separated; numbers and true/false typed), failing with an
         * IllegalArgumentException naming the key, the value and what is allowed:
         * url (required), user, password (or the environment variable NEO4J_PASSWORD), database,
         * nodeLabels (required), textProperties (required), mode: 'embed' | 'sentiment', writeProperty ('textEmbedding',
         * 'sentiment' in sentiment mode), scoreProperty ('sentimentScore'), neutralMargin, skipExisting (false),
         * coerceNonStrings (false), batchSize (64 nodes per write transaction), concurrency (1 inference thread per task),
         * partitions (Spark's default parallelism), vectorIndex (false), textModel ('all-MiniLM-L6-v2' or a directory
         * under modelDirectory), modelDirectory (on every executor), onnxThreads (1 per model), maxTokens (128).
         */
        public static Options of(Map<String, String> settings, int defaultPartitions) {
            Map<String, String> rest = new LinkedHashMap<>(settings);
            String password = rest.remove("password"); // never echoed in a message
            if (password == null) {
                password = System.getenv("NEO4J_PASSWORD");
            }
            ConfigMap map = new ConfigMap(NAME, typed(rest));
            String mode = map.oneOf("mode", EMBED, List.of(EMBED, SENTIMENT));
            boolean sentiment = mode.equals(SENTIMENT);
            Options options = new Options(mode, map.requiredString("url"), map.string("user", null), password,
                    map.string("database", null), map.requiredStringList("nodeLabels"),
                    map.requiredStringList("textProperties"),
                    map.string("writeProperty", sentiment ? "sentiment" : "textEmbedding"),
                    sentiment ? map.string("scoreProperty", "sentimentScore") : null,
                    sentiment ? map.number("neutralMargin", null) : null,
                    map.bool("skipExisting", false), map.bool("coerceNonStrings", false),
                    map.batchSize(WRITE_BATCH_SIZE, MAX_WRITE_BATCH_SIZE), map.intInRange("concurrency", 1, 1, 64),
                    map.intInRange("partitions", Math.max(1, defaultPartitions), 1, 100_000),
                    !sentiment && map.bool("vectorIndex", false), map.string("textModel", null),
                    map.string("modelDirectory", null), map.intInRange("onnxThreads", 1, 0, 256),
                    map.intInRange("maxTokens", TextEncoder.DEFAULT_MAX_TOKENS, 8, 512));
            map.rejectUnknown();
            if (options.textProperties.contains(options.writeProperty)
                    || (options.scoreProperty != null && options.textProperties.contains(options.scoreProperty))) {
                throw new IllegalArgumentException(NAME + ": 'writeProperty' '" + options.writeProperty + "' (or "
                        + "'scoreProperty') is also one of the textProperties " + options.textProperties);
            }
            if (options.neutralMargin != null && !(options.neutralMargin >= 0 && options.neutralMargin < 1)) {
                throw new IllegalArgumentException(NAME + ": 'neutralMargin' must be in [0, 1), got "
                        + options.neutralMargin);
            }
            if (options.textModel != null && !options.textModel.equals("default")
                    && !options.textModel.equals(rec4j.embed.TextModels.DEFAULT) && options.modelDirectory == null) {
                throw new IllegalArgumentException(NAME + ": 'textModel' " + ConfigMap.shown(options.textModel)
                        + " names a directory, so 'modelDirectory' is required (the directory that holds it on every "
                        + "executor)");
            }
            if (sentiment && options.textModel != null) {
                throw new IllegalArgumentException(NAME + ": 'textModel' is not allowed in mode 'sentiment', which runs "
                        + "the default sentiment model on the default text model (as rec.sentiment.nodes with "
                        + "modelName: 'default')");
            }
            return options;
        }

        @Override
        public String toString() {
            return "Options[mode=" + mode + ", url=" + url + ", user=" + user + ", database=" + database + ", nodeLabels="
                    + nodeLabels + ", textProperties=" + textProperties + ", writeProperty=" + writeProperty
                    + ", batchSize=" + batchSize + ", partitions=" + partitions + "]";
        }

        boolean sentiment() {
            return mode.equals(SENTIMENT);
        }
    }

    /**
     * What a run did. {@code written}: results taken by the connector's writer (in transactions of batchSize; a failed
     * job may have committed fewer).
     */
    public record Counts(long read, long embedded, long skippedNoText, long skippedExisting, long written,
            String vectorIndex) {}

    /** spark-submit entry point: {@code key=value} arguments, see {@link Options#of}. */
    public static void main(String[] args) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(NAME + ": arguments are key=value, got an argument without '=' ("
                        + arg.length() + " characters)");
            }
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        SparkSession spark = SparkSession.builder().appName(NAME).getOrCreate();
        try {
            Options options = Options.of(settings, spark.sparkContext().defaultParallelism());
            long start = System.nanoTime();
            Counts counts = run(spark, options);
            System.out.printf("%s: %s in %.1f s%n", NAME, counts, (System.nanoTime() - start) / 1e9);
        } finally {
            spark.stop();
        }
    }

    /** Runs the job on {@code spark}; the checks that need the database run on the driver first. */
    public static Counts run(SparkSession spark, Options o) {
        try (Driver driver = GraphDatabase.driver(o.url, auth(o))) {
            if (check(driver, o) == 0) {
                return new Counts(0, 0, 0, 0, 0, null);
            }
        }
        String labels = labelPredicate(o);
        String parts = o.textProperties.stream().map(p -> part("n." + Cypher.quote(p), o.coerceNonStrings))
                .collect(Collectors.joining(", "));
        String query = "MATCH (n) WHERE " + labels + " RETURN elementId(n) AS id, n." + Cypher.quote(o.writeProperty)
                + " IS NOT NULL AS done, [" + parts + "] AS parts";
        Dataset<Row> nodes = spark.read().format(CONNECTOR).options(connector(o)).option("query", query).load()
                .repartition(o.partitions);

        var context = spark.sparkContext();
        Accumulators acc = new Accumulators(context.longAccumulator("read"), context.longAccumulator("embedded"),
                context.longAccumulator("skippedNoText"), context.longAccumulator("skippedExisting"),
                context.longAccumulator("written"));
        StructType schema = o.sentiment()
                ? new StructType().add("id", DataTypes.StringType, false).add("label", DataTypes.StringType, false)
                        .add("score", DataTypes.DoubleType, false)
                : new StructType().add("id", DataTypes.StringType, false)
                        .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        Dataset<Row> results = nodes.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Embedding(o, acc, rows),
                Encoders.row(schema));

        String write = o.sentiment()
                ? "MATCH (n) WHERE elementId(n) = event.id SET n." + Cypher.quote(o.writeProperty) + " = event.label, n."
                        + Cypher.quote(o.scoreProperty) + " = event.score"
                : "MATCH (n) WHERE elementId(n) = event.id CALL db.create.setNodeVectorProperty(n, "
                        + stringLiteral(o.writeProperty) + ", event.vector)";
        results.write().format(CONNECTOR).options(connector(o)).mode(SaveMode.Append).option("query", write)
                .option("batch.size", Integer.toString(o.batchSize)).save();

        String index = null;
        if (o.vectorIndex && acc.embedded.value() > 0) {
            try (Driver driver = GraphDatabase.driver(o.url, auth(o))) {
                index = createVectorIndexes(driver, o);
            }
        }
        return new Counts(acc.read.value(), acc.embedded.value(), acc.skippedNoText.value(), acc.skippedExisting.value(),
                acc.written.value(), index);
    }

    /** The accumulators of one run (counted by the tasks that ran; a retried task counts again). */
    record Accumulators(LongAccumulator read, LongAccumulator embedded, LongAccumulator skippedNoText,
            LongAccumulator skippedExisting, LongAccumulator written) implements Serializable {}

    /**
     * One partition's rows → its results, a window at a time as rec.embed.nodes does: a whole number of write
     * batches, at least {@value #MIN_WINDOW} texts, embedded sorted by length in inference batches of 8.
     */
    static final class Embedding implements Iterator<Row> {
        private final Options o;
        private final Accumulators acc;
        private final Iterator<Row> rows;
        private final int window;
        private final List<Row> out = new ArrayList<>();
        private int next;

        Embedding(Options o, Accumulators acc, Iterator<Row> rows) {
            this.o = o;
            this.acc = acc;
            this.rows = rows;
            this.window = o.batchSize * Math.max(16, (MIN_WINDOW + o.batchSize - 1) / o.batchSize);
        }

        @Override
        public boolean hasNext() {
            while (next == out.size() && rows.hasNext()) {
                fill();
            }
            return next < out.size();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            acc.written.add(1); // taken by the connector's writer
            return out.get(next++);
        }

        private void fill() {
            out.clear();
            next = 0;
            List<String> ids = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < window && rows.hasNext(); i++) {
                Row row = rows.next();
                acc.read.add(1);
                if (o.skipExisting && row.getBoolean(1)) {
                    acc.skippedExisting.add(1);
                    continue;
                }
                String text = EntityTexts.join(row.getList(2));
                if (text == null) {
                    acc.skippedNoText.add(1);
                    continue;
                }
                ids.add(row.getString(0));
                texts.add(text);
            }
            if (texts.isEmpty()) {
                return;
            }
            TextEncoder encoder = Models.encoder(o);
            float[][] vectors = encoder.embed(texts, Math.min(INFERENCE_BATCH, o.batchSize), o.concurrency, () -> false);
            SentimentClassifier classifier = o.sentiment() ? Models.sentiment(o, encoder) : null;
            for (int i = 0; i < vectors.length; i++) {
                if (classifier == null) {
                    out.add(RowFactory.create(ids.get(i), vectors[i]));
                } else {
                    SentimentClassifier.Prediction p = classifier.predict(vectors[i]);
                    out.add(RowFactory.create(ids.get(i), p.label(), p.score()));
                }
            }
            acc.embedded.add(vectors.length);
        }
    }

    /**
     * One text property as a string for {@link EntityTexts#join}: the string itself; with coerceNonStrings, a list
     * joined by ", " and any other value by Cypher's toString (as the plugin's String.valueOf for numbers and
     * booleans); otherwise '' (non-strings are refused before the job by {@link #check}).
     */
    private static String part(String value, boolean coerce) {
        if (!coerce) {
            return "CASE WHEN " + value + " IS :: STRING NOT NULL THEN " + value + " ELSE '' END";
        }
        return "CASE WHEN " + value + " IS NULL THEN '' WHEN " + value + " IS :: STRING THEN " + value + " WHEN " + value
                + " IS :: LIST<ANY> THEN reduce(s = '', i IN range(0, size(" + value + ") - 1) | s + CASE WHEN i = 0 "
                + "THEN '' ELSE ', ' END + toString(" + value + "[i])) ELSE toString(" + value + ") END";
    }

    /**
     * The checks of rec.embed.nodes, on the driver before any work: labels and properties known, text values strings.
     * Returns the number of nodes with the labels.
     */
    static long check(Driver driver, Options o) {
        try (Session session = session(driver, o)) {
            List<String> labels = session.run("CALL db.labels() YIELD label RETURN collect(label) AS labels").single()
                    .get("labels").asList(v -> v.asString());
            for (String label : o.nodeLabels) {
                if (!labels.contains(label)) {
                    throw new IllegalArgumentException(NAME + ": unknown label " + ConfigMap.quoted(label)
                            + " in 'nodeLabels'; the database has " + labels.stream().sorted().toList());
                }
            }
            List<String> keys = session.run("CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS keys")
                    .single().get("keys").asList(v -> v.asString());
            for (String property : o.textProperties) {
                if (!keys.contains(property)) {
                    throw new IllegalArgumentException(NAME + ": no node or relationship in the database has a property "
                            + ConfigMap.quoted(property) + " (given in 'textProperties')");
                }
            }
            String labelsPredicate = labelPredicate(o);
            long nodes = session.run("MATCH (n) WHERE " + labelsPredicate + " RETURN count(n) AS nodes").single()
                    .get("nodes").asLong();
            if (o.coerceNonStrings || nodes == 0) {
                return nodes;
            }
            List<Record> found = session.run("MATCH (n) WHERE (" + labelsPredicate + ")"
                    + (o.skipExisting ? " AND n." + Cypher.quote(o.writeProperty) + " IS NULL" : "")
                    + " UNWIND $properties AS p WITH n, p WHERE NOT n[p] IS :: STRING "
                    + "RETURN elementId(n) AS id, p AS property, valueType(n[p]) AS type LIMIT 1",
                    Values.parameters("properties", o.textProperties)).list();
            if (!found.isEmpty()) {
                Record r = found.get(0);
                throw new IllegalArgumentException(NAME + ": property '" + r.get("property").asString() + "' of node "
                        + r.get("id").asString() + " is " + typeName(r.get("type").asString()) + ", not a string; pass "
                        + "coerceNonStrings=true to embed its text form");
            }
            return nodes;
        }
    }

    /** A Cypher type name (valueType) as the plugin's messages name it. */
    static String typeName(String cypherType) {
        String t = cypherType.replace(" NOT NULL", "");
        return switch (t) {
            case "INTEGER" -> "an integer";
            case "FLOAT" -> "a float";
            case "BOOLEAN" -> "a boolean";
            case "LIST<STRING>" -> "a list of strings";
            case "LIST<INTEGER>" -> "a list of integers";
            case "LIST<FLOAT>" -> "a list of floats";
            case "LIST<BOOLEAN>" -> "a list of booleans";
            case "POINT" -> "a point";
            default -> t.startsWith("LIST") ? "a list" : t.contains("DATE") || t.contains("TIME") || t.equals("DURATION")
                    ? "a temporal value" : "a value of another type";
        };
    }

    /** As rec.embed.nodes with vectorIndex: true: one cosine vector index per label, created if missing. */
    private static String createVectorIndexes(Driver driver, Options o) {
        List<String> names = new ArrayList<>();
        try (Session session = session(driver, o)) {
            for (String label : o.nodeLabels) {
                List<Record> sizes = session.run("MATCH (n:" + Cypher.quote(label) + ") WHERE n." + Cypher.quote(o.writeProperty)
                        + " IS NOT NULL RETURN size(n." + Cypher.quote(o.writeProperty) + ") AS dimension LIMIT 1").list();
                if (sizes.isEmpty()) {
                    continue;
                }
                String name = ("rec4j_" + label + "_" + o.writeProperty).replaceAll("[^A-Za-z0-9_]", "_");
                session.run("CREATE VECTOR INDEX " + Cypher.quote(name) + " IF NOT EXISTS FOR (n:" + Cypher.quote(label)
                        + ") ON (n." + Cypher.quote(o.writeProperty) + ") OPTIONS {indexConfig: {`vector.dimensions`: "
                        + "$dimension, `vector.similarity_function`: 'cosine'}}",
                        Values.parameters("dimension", sizes.get(0).get("dimension").asInt())).consume();
                names.add(name);
            }
        }
        return names.isEmpty() ? null : String.join(",", names);
    }

    /** The connector's options: where, who, which database. */
    private static Map<String, String> connector(Options o) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("url", o.url);
        if (o.user != null) {
            options.put("authentication.type", "basic");
            options.put("authentication.basic.username", o.user);
            options.put("authentication.basic.password", o.password == null ? "" : o.password);
        } else {
            options.put("authentication.type", "none");
        }
        if (o.database != null) {
            options.put("database", o.database);
        }
        return options;
    }

    private static AuthToken auth(Options o) {
        return o.user == null ? AuthTokens.none() : AuthTokens.basic(o.user, o.password == null ? "" : o.password);
    }

    private static Session session(Driver driver, Options o) {
        return o.database == null ? driver.session() : driver.session(SessionConfig.forDatabase(o.database));
    }

    /** {@code n} has one of the labels. */
    private static String labelPredicate(Options o) {
        return o.nodeLabels.stream().map(l -> "n:" + Cypher.quote(l)).collect(Collectors.joining(" OR "));
    }

    /** A Cypher string literal. */
    static String stringLiteral(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * Command-line values typed as a Cypher map would hold them: the boolean, integer, number and list keys converted
     * where they parse (otherwise left as strings, which the check then refuses, naming key and value).
     */
    static Map<String, Object> typed(Map<String, String> settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey();
            String v = e.getValue();
            Object value = v;
            if (LIST_KEYS.contains(key)) {
                value = List.of(v.split(",", -1));
            } else if (BOOLEAN_KEYS.contains(key) && (v.equals("true") || v.equals("false"))) {
                value = Boolean.parseBoolean(v);
            } else if (INTEGER_KEYS.contains(key) && v.matches("-?\\d{1,18}")) {
                value = Long.parseLong(v);
            } else if (key.equals("neutralMargin") && v.matches("-?\\d+(\\.\\d+)?")) {
                value = Double.parseDouble(v);
            }
            out.put(key, value);
        }
        return out;
    }

    private static final List<String> LIST_KEYS = List.of("nodeLabels", "textProperties");
    private static final List<String> BOOLEAN_KEYS = List.of("skipExisting", "coerceNonStrings", "vectorIndex");
    private static final List<String> INTEGER_KEYS = List.of("batchSize", "concurrency", "partitions", "onnxThreads",
            "maxTokens");
}
