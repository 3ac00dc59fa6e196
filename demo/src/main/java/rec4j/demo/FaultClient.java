package rec4j.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * The Bolt client of .ci/fault-test.sh, which starts, kills (-9) and restarts the server; this client loads the
 * data, starts the work that is interrupted, and checks what a restart finds. Each check prints "ok: ..." or
 * "FAILED: ..."; the exit code is 1 when any check failed.
 *
 * <pre>
 *   load        --bolt URI --import DIR --cypher DIR --state DIR [--interactions N]
 *               generate the demo catalog, import it, project 'rec4j-demo'; write the counts to DIR/counts.txt
 *   project     --bolt URI --cypher DIR           project 'rec4j-demo' again (GDS graphs do not survive a restart)
 *   train       --bolt URI --model NAME --epochs N [--state DIR]
 *               train a model on 'rec4j-demo' (no early stopping); with --state, also write its recommendations
 *               for the first rating user to DIR/NAME-recs.txt
 *   embed       --bolt URI --property P --batch-size B [--skip-existing true]   rec.embed.nodes on the items
 *   count       --bolt URI --property P           items with the property, and items with text: "N of T"
 *   check-embed --bolt URI --property P --batch-size B --state DIR
 *               after a kill during 'embed': counts, whole batches, full-length vectors, a skipExisting rerun
 *   check-models --bolt URI --ok NAME --killed NAME --state DIR
 *               after a kill during 'train': counts, the catalog, the completed model serves as before
 * </pre>
 */
public final class FaultClient {

    static final String ITEMS_WITH_TEXT = "MATCH (i:Item) WHERE coalesce(trim(i.title), '') <> '' "
            + "OR coalesce(trim(i.description), '') <> '' ";

    private final Driver driver;
    private final Map<String, String> options;
    private int failures;

    private FaultClient(Driver driver, Map<String, String> options) {
        this.driver = driver;
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: FaultClient load|project|train|embed|count|check-embed|check-models "
                    + "--bolt URI ... (see the class comment)");
        }
        Map<String, String> options = CliOptions.parse(args);
        String bolt = options.getOrDefault("bolt", "bolt://127.0.0.1:7687");
        try (Driver driver = GraphDatabase.driver(bolt, AuthTokens.none(),
                Config.builder().withLogging(Logging.none()).withConnectionTimeout(5, TimeUnit.SECONDS).build())) {
            driver.verifyConnectivity();
            FaultClient client = new FaultClient(driver, options);
            switch (args[0]) {
                case "load" -> client.load();
                case "project" -> client.project();
                case "train" -> client.train();
                case "embed" -> client.embed();
                case "count" -> System.out.println(client.count(client.required("property")) + " of " + client.itemsWithText());
                case "check-embed" -> client.checkEmbed();
                case "check-models" -> client.checkModels();
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            }
            System.exit(client.failures == 0 ? 0 : 1);
        }
    }

    private void load() throws Exception {
        Path cypher = Path.of(required("cypher"));
        Path importDir = Path.of(required("import"));
        int interactions = Integer.parseInt(options.getOrDefault("interactions", "20000"));
        DemoData.Catalog catalog = DemoData.generate(DemoData.Params.scaledTo(interactions, 42));
        DemoData.writeCsv(catalog, importDir.resolve("rec4j-demo"));
        for (String script : List.of("00-schema.cypher", "10-import-demo.cypher", "20-project-demo.cypher")) {
            CypherScripts.run(driver, cypher.resolve(script));
        }
        String counts = counts();
        Files.writeString(state().resolve("counts.txt"), counts, StandardCharsets.UTF_8);
        System.out.println("Loaded " + counts);
    }

    private void project() throws Exception {
        CypherScripts.run(driver, Path.of(required("cypher")).resolve("20-project-demo.cypher"));
    }

    private void train() throws Exception {
        String model = required("model");
        Record r = single("CALL rec.gcn.train('rec4j-demo', {modelName: $model, nodeLabels: ['User', 'Item'], "
                + "relationshipWeightProperty: 'rating', embeddingDimension: 32, layers: 2, epochs: $epochs, "
                + "validationFraction: 0.0, randomSeed: 7}) "
                + "YIELD modelName, users, items, trainMillis RETURN modelName, users, items, trainMillis",
                Map.of("model", model, "epochs", Integer.parseInt(required("epochs"))));
        System.out.println("Trained " + r.asMap());
        if (options.containsKey("state")) {
            Files.writeString(state().resolve(model + "-recs.txt"), recommendations(model), StandardCharsets.UTF_8);
        }
    }

    private void embed() {
        Record r = single("CALL rec.embed.nodes({nodeLabels: ['Item'], textProperties: ['title', 'description'], "
                + "writeProperty: $property, batchSize: $batch, skipExisting: $skip}) "
                + "YIELD embedded, skippedNoText, skippedExisting, committedBatches, dimension "
                + "RETURN embedded, skippedNoText, skippedExisting, committedBatches, dimension", embedParameters());
        System.out.println("rec.embed.nodes: " + new TreeMap<>(r.asMap()));
    }

    private void checkEmbed() throws Exception {
        String property = required("property");
        int batch = Integer.parseInt(required("batch-size"));
        checkCounts("after the kill during rec.embed.nodes");
        long withText = itemsWithText();
        long written = count(property);
        check(written > 0 && written < withText, "the kill left some but not all items embedded: %d of %d", written, withText);
        check(written % batch == 0 || written == withText, "only whole batches were committed: %d items with '%s' is a "
                + "multiple of batchSize %d", written, property, batch);
        Record sizes = single("MATCH (n) WHERE n[$property] IS NOT NULL "
                + "RETURN count(n) AS nodes, min(size(n[$property])) AS shortest, max(size(n[$property])) AS longest, "
                + "count(CASE WHEN NOT n:Item THEN 1 END) AS notItems", Map.of("property", property));

        options.put("skip-existing", "true");
        Record rerun = single("CALL rec.embed.nodes({nodeLabels: ['Item'], textProperties: ['title', 'description'], "
                + "writeProperty: $property, batchSize: $batch, skipExisting: $skip}) "
                + "YIELD embedded, skippedExisting, dimension RETURN embedded, skippedExisting, dimension", embedParameters());
        long dimension = rerun.get("dimension").asLong();
        check(sizes.get("shortest").asLong(-1) == dimension && sizes.get("longest").asLong(-1) == dimension
                && sizes.get("notItems").asLong() == 0, "every node with '%s' after the kill is an item with a full "
                + "%d-dimension vector (lengths %s..%s)", property, dimension, sizes.get("shortest"), sizes.get("longest"));
        check(rerun.get("embedded").asLong() == withText - written && rerun.get("skippedExisting").asLong() == written,
                "the skipExisting rerun embedded exactly the missing items: embedded %d (expected %d), skippedExisting "
                + "%d (expected %d)", rerun.get("embedded").asLong(), withText - written,
                rerun.get("skippedExisting").asLong(), written);
        Record after = single("MATCH (n) WHERE n[$property] IS NOT NULL RETURN count(n) AS nodes, "
                + "min(size(n[$property])) AS shortest, max(size(n[$property])) AS longest", Map.of("property", property));
        check(after.get("nodes").asLong() == withText && after.get("shortest").asLong(-1) == dimension
                && after.get("longest").asLong(-1) == dimension, "after the rerun every item with text (%d) has a "
                + "%d-dimension '%s': %d nodes, lengths %s..%s", withText, dimension, property, after.get("nodes").asLong(),
                after.get("shortest"), after.get("longest"));
        checkCounts("after the skipExisting rerun");
    }

    private void checkModels() throws Exception {
        String ok = required("ok");
        String killed = required("killed");
        checkCounts("after the kill during rec.gcn.train");
        List<Record> models = driver.executableQuery("CALL rec.model.list() YIELD modelName, nodes, trainInfo "
                + "RETURN modelName, nodes, trainInfo").execute().records();
        List<String> names = models.stream().map(m -> m.get("modelName").asString()).toList();
        List<String> damaged = models.stream().filter(m -> m.get("trainInfo").asMap().containsKey("damaged"))
                .map(m -> m.get("modelName").asString()).toList();
        check(names.equals(List.of(ok)), "rec.model.list() shows only the completed model %s: %s", ok, names);
        check(damaged.isEmpty(), "rec.model.list() shows no damaged model: %s", damaged);
        String served;
        try {
            served = recommendations(ok);
        } catch (RuntimeException e) {
            served = "error: " + e.getMessage();
        }
        String expected = Files.readString(state().resolve(ok + "-recs.txt"), StandardCharsets.UTF_8);
        check(served.equals(expected) && !served.isBlank(), "%s loads after the restart and rec.recommend.forUser serves "
                + "what it served before the kills: %s (before: %s)", ok, served, expected);
        String error;
        try {
            driver.executableQuery("CALL rec.recommend.forUser($user, {modelName: $model, userIdProperty: 'userId'})")
                    .withParameters(Map.of("user", firstUser(), "model", killed)).execute();
            error = "(no error)";
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
        check(error.contains("no model named '" + killed + "'"), "the model killed during training is not served: %s", error);
    }

    /** "nodes=... relationships=... label:User=..." on one line, for comparison before and after a kill. */
    private String counts() {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("nodes", single("MATCH (n) RETURN count(n) AS c", Map.of()).get("c").asLong());
        counts.put("relationships", single("MATCH ()-[r]->() RETURN count(r) AS c", Map.of()).get("c").asLong());
        for (String label : List.of("User", "Item", "Category")) {
            counts.put("label:" + label, single("MATCH (n:" + label + ") RETURN count(n) AS c", Map.of()).get("c").asLong());
        }
        for (String type : List.of("RATED", "IN_CATEGORY")) {
            counts.put("type:" + type, single("MATCH ()-[r:" + type + "]->() RETURN count(r) AS c", Map.of()).get("c").asLong());
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }

    private void checkCounts(String when) throws Exception {
        String before = Files.readString(state().resolve("counts.txt"), StandardCharsets.UTF_8).strip();
        String now = counts();
        check(now.equals(before), "database counts %s equal those before the kills: %s%s", when, now,
                now.equals(before) ? "" : " (before: " + before + ")");
    }

    private String recommendations(String model) {
        List<String> items = new ArrayList<>();
        for (Record r : driver.executableQuery("CALL rec.recommend.forUser($user, {modelName: $model, "
                + "userIdProperty: 'userId', k: 10}) YIELD item, score RETURN item.itemId AS id, score")
                .withParameters(Map.of("user", firstUser(), "model", model)).execute().records()) {
            items.add(r.get("id").asLong() + String.format(":%.4f", r.get("score").asDouble()));
        }
        return String.join(",", items);
    }

    private long firstUser() {
        return single("MATCH (u:User)-[:RATED]->() RETURN min(u.userId) AS id", Map.of()).get("id").asLong();
    }

    private long count(String property) {
        return single("MATCH (i:Item) WHERE i[$property] IS NOT NULL RETURN count(i) AS c", Map.of("property", property))
                .get("c").asLong();
    }

    private long itemsWithText() {
        return single(ITEMS_WITH_TEXT + "RETURN count(i) AS c", Map.of()).get("c").asLong();
    }

    private Map<String, Object> embedParameters() {
        return Map.of("property", required("property"), "batch", Integer.parseInt(required("batch-size")),
                "skip", Boolean.parseBoolean(options.getOrDefault("skip-existing", "false")));
    }

    private Record single(String query, Map<String, Object> parameters) {
        try (Session session = driver.session()) {
            return session.run(query, parameters).single();
        }
    }

    private void check(boolean ok, String format, Object... args) {
        System.out.println((ok ? "ok: " : "FAILED: ") + String.format(format, args));
        if (!ok) {
            failures++;
        }
    }

    private Path state() throws Exception {
        return Files.createDirectories(Path.of(required("state")));
    }

    private String required(String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }
}
