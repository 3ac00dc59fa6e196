package rec4j.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;

/**
 * The Bolt client of run-demo.sh.
 *
 * <pre>
 *   load  --bolt URI --import DIR --cypher DIR [--interactions N] [--seed S]
 *         generate the demo catalog into DIR/rec4j-demo, run the demo scripts of cypher/, print what was loaded
 *   check --bolt URI
 *         RETURN 1, gds.version() and the rec.* procedures and functions; exit 1 if any is missing
 * </pre>
 */
public final class DemoClient {

    private DemoClient() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("load") || args[0].equals("check"))) {
            throw new IllegalArgumentException("usage: DemoClient load|check --bolt URI [--import DIR --cypher DIR "
                    + "--interactions N --seed S], got " + String.join(" ", args));
        }
        Map<String, String> options = CliOptions.parse(args);
        String bolt = options.getOrDefault("bolt", "bolt://127.0.0.1:7687");
        try (Driver driver = GraphDatabase.driver(bolt, AuthTokens.none(),
                Config.builder().withLogging(Logging.none()).withConnectionTimeout(5, TimeUnit.SECONDS).build())) {
            driver.verifyConnectivity();
            if (args[0].equals("check")) {
                System.exit(check(driver) ? 0 : 1);
            }
            int interactions = Integer.parseInt(options.getOrDefault("interactions", "50000"));
            long seed = Long.parseLong(options.getOrDefault("seed", "42"));
            load(driver, Path.of(required(options, "import")), Path.of(required(options, "cypher")),
                    DemoData.Params.scaledTo(interactions, seed));
        }
    }

    static void load(Driver driver, Path importDir, Path cypherDir, DemoData.Params params) throws Exception {
        long start = System.nanoTime();
        DemoData.Catalog catalog = DemoData.generate(params);
        DemoData.writeCsv(catalog, importDir.resolve("rec4j-demo"));
        System.out.printf("Generated %,d users, %,d items, %,d ratings (seed %d) into %s%n", catalog.users().size(),
                catalog.items().size(), catalog.ratings().size(), params.seed(), importDir.resolve("rec4j-demo"));
        List<CypherScripts.Result> examples = new ArrayList<>();
        for (Path script : CypherScripts.list(cypherDir)) {
            String name = script.getFileName().toString();
            if (name.contains("movielens")) {
                continue; // needs the MovieLens files in the import directory; see README
            }
            long t = System.nanoTime();
            List<CypherScripts.Result> results = CypherScripts.run(driver, script);
            System.out.printf("Ran cypher/%s (%d statements) in %.1f s%n", name, results.size(), (System.nanoTime() - t) / 1e9);
            if (name.contains("example")) {
                examples.addAll(results);
            }
        }
        for (CypherScripts.Result result : examples) {
            print(result);
        }
        System.out.printf("%nDemo loaded in %.1f s.%n", (System.nanoTime() - start) / 1e9);
    }

    static boolean check(Driver driver) {
        boolean ok = driver.executableQuery("RETURN 1 AS one").execute().records().get(0).get("one").asInt() == 1;
        System.out.println("RETURN 1: " + (ok ? "ok" : "FAILED"));
        String gds = driver.executableQuery("CALL gds.version() YIELD gdsVersion RETURN gdsVersion").execute()
                .records().get(0).get("gdsVersion").asString();
        System.out.println("gds.version(): " + gds);
        List<String> procedures = names(driver, "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'rec.' RETURN name ORDER BY name");
        List<String> functions = names(driver, "SHOW FUNCTIONS YIELD name WHERE name STARTS WITH 'rec.' RETURN name ORDER BY name");
        System.out.println("rec.* procedures: " + procedures);
        System.out.println("rec.* functions: " + functions);
        Record info = driver.executableQuery("CALL rec.info()").execute().records().get(0);
        System.out.println("rec.info(): " + info.asMap());
        long t = System.nanoTime();
        int dimension = driver.executableQuery("RETURN size(rec.embed.text('The plugin jar runs its text model here')) AS d")
                .execute().records().get(0).get("d").asInt();
        System.out.printf("rec.embed.text(...): %d dimensions (first call, model load included: %.1f s)%n", dimension,
                (System.nanoTime() - t) / 1e9);
        return ok && !gds.isBlank() && procedures.contains("rec.info") && functions.contains("rec.version") && dimension == 384;
    }

    private static List<String> names(Driver driver, String query) {
        return driver.executableQuery(query).execute().records().stream().map(r -> r.get("name").asString()).toList();
    }

    private static void print(CypherScripts.Result result) {
        System.out.println();
        System.out.print(CypherScripts.format(result, 15));
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required for load");
        }
        return value;
    }
}
