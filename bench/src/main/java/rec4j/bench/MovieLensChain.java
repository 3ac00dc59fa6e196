package rec4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import rec4j.demo.CypherScripts;
import rec4j.testsupport.Neo4jHarness;

/**
 * The MovieLens chain of cypher/ as a user runs it, on the real MovieLens 100K, in an in-process Neo4j: 00-schema,
 * 11-import-movielens, 12-movielens-plots (only when the directory has items_text.tsv), 21-project-movielens,
 * 31-embed-movielens, 37-train-movielens, 38-evaluate-movielens, 41-movielens-queries. Prints every statement's
 * result and the wall time of each script.
 *
 * <pre>
 *   mvn -B -q -Pbench -DskipTests package
 *   java -Xmx4g -Djol.skipHotspotSAAttach=true -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.MovieLensChain ../shared/data/ml-100k
 * </pre>
 *
 * Run from the repository root (it reads cypher/). The files are copied into the temporary server's import directory,
 * never into the repository.
 */
public final class MovieLensChain {

    public static void main(String[] args) throws Exception {
        System.setProperty("jol.skipHotspotSAAttach", "true");
        Path ml = Path.of(args.length > 0 ? args[0] : "../shared/data/ml-100k");
        Path cypher = Path.of("cypher");
        try (Neo4jHarness neo4j = Neo4jHarness.start(Files.createTempDirectory("rec4j-movielens-chain"), b -> b)) {
            Path target = Files.createDirectories(neo4j.importDir().resolve("ml-100k"));
            boolean plots = Files.exists(ml.resolve("items_text.tsv"));
            for (String file : plots ? List.of("u.genre", "u.item", "u.data", "items_text.tsv") : List.of("u.genre", "u.item", "u.data")) {
                Files.copy(ml.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> chain = new ArrayList<>(List.of("00-schema", "11-import-movielens", "12-movielens-plots",
                    "21-project-movielens", "31-embed-movielens", "37-train-movielens", "38-evaluate-movielens",
                    "41-movielens-queries"));
            if (!plots) {
                chain.remove("12-movielens-plots");
            }
            List<String> times = new ArrayList<>();
            for (String script : chain) {
                long t = System.nanoTime();
                List<CypherScripts.Result> results = CypherScripts.run(neo4j.driver(), cypher.resolve(script + ".cypher"));
                double seconds = (System.nanoTime() - t) / 1e9;
                System.out.printf("%n==== cypher/%s.cypher: %d statements, %.1f s%n", script, results.size(), seconds);
                for (CypherScripts.Result result : results) {
                    System.out.printf("%n(%.1f s)%n", result.millis() / 1e3);
                    System.out.print(CypherScripts.format(result, 20));
                }
                times.add(String.format("| `%s.cypher` | %.1f |", script, seconds));
            }
            System.out.println();
            System.out.println("| script | seconds |");
            System.out.println("|---|---|");
            times.forEach(System.out::println);
        }
    }
}
