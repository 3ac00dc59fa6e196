package rec4j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractThrowableAssert;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.exceptions.ClientException;

/**
 * One-line Cypher for tests: run a query, read its rows, its single row (asserted to be exactly one) or its single
 * number, check that a query is refused (one query, or a table of them read from a resource), drop a GDS graph.
 */
public final class Cypher {

    private Cypher() {}

    /** Runs the query (auto-commit, results discarded). */
    public static void run(Driver driver, String query) {
        run(driver, query, Map.of());
    }

    public static void run(Driver driver, String query, Map<String, Object> parameters) {
        driver.executableQuery(query).withParameters(parameters).execute();
    }

    /** Every row of the query. */
    public static List<Record> list(Driver driver, String query) {
        return list(driver, query, Map.of());
    }

    public static List<Record> list(Driver driver, String query, Map<String, Object> parameters) {
        return driver.executableQuery(query).withParameters(parameters).execute().records();
    }

    /** The one row of the query; an assertion error naming the query when it returns another number of rows. */
    public static Record single(Driver driver, String query) {
        return single(driver, query, Map.of());
    }

    public static Record single(Driver driver, String query, Map<String, Object> parameters) {
        List<Record> records = list(driver, query, parameters);
        assertThat(records).as(query).hasSize(1);
        return records.get(0);
    }

    /** The first column of the query's one row as a long (a count). */
    public static long count(Driver driver, String query) {
        return single(driver, query).get(0).asLong();
    }

    /** The cosine of two vectors as the driver returns them (a LIST<FLOAT> column); they must be of one length. */
    public static double cosine(List<Double> a, List<Double> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("vectors of " + a.size() + " and " + b.size() + " dimensions");
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += a.get(i) * b.get(i);
            na += a.get(i) * a.get(i);
            nb += b.get(i) * b.get(i);
        }
        return dot / Math.sqrt(na * nb);
    }

    /** The named columns of a row as longs, in the order given (counts of a procedure's result row). */
    public static List<Long> longs(Record record, String... columns) {
        return Arrays.stream(columns).map(c -> record.get(c).asLong()).toList();
    }

    /**
     * Runs the query and asserts that it fails with a {@link ClientException} whose message contains every fragment (the
     * assertion names the query); the message, for a report.
     */
    public static String assertRefused(Driver driver, String query, String... fragments) {
        Throwable error = catchThrowable(() -> run(driver, query));
        AbstractThrowableAssert<?, ?> refused = assertThat(error).as(query).isInstanceOf(ClientException.class);
        for (String fragment : fragments) {
            refused.hasMessageContaining(fragment);
        }
        return error.getMessage();
    }

    /** {@link #assertRefused} for each query, in the map's order, with its fragment. */
    public static void assertRefused(Driver driver, Map<String, String> queriesAndFragments) {
        queriesAndFragments.forEach((query, fragment) -> assertRefused(driver, query, fragment));
    }

    /** Separates a refused case's query from its expected fragment in a {@link #refusedCases} resource. */
    public static final String REFUSED_SEPARATOR = " => ";

    /**
     * The cases of a resource for {@link #assertRefused(Driver, Map)}, in the file's order: one line a case,
     * {@code <query> => <expected fragment>}, the separator exactly once a line (it is no Cypher) and whitespace around
     * either side dropped; blank lines and lines starting with {@code #} are skipped. {@code resource}: a classpath path
     * starting with {@code /}, e.g. {@code /rec4j/refused/embed.txt}. A missing or empty resource, a line without the
     * separator, with it more than once or with an empty side, and a query listed twice fail with an
     * {@link IllegalStateException} naming the resource and line.
     */
    public static Map<String, String> refusedCases(String resource) {
        if (!resource.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute classpath resource: " + resource);
        }
        String text;
        try (InputStream in = Cypher.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource + " on the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
        Map<String, String> cases = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] sides = line.split(Pattern.quote(REFUSED_SEPARATOR), -1);
            String problem = sides.length != 2 ? "not <query>" + REFUSED_SEPARATOR + "<expected fragment> (the separator "
                    + (sides.length < 2 ? "is missing)" : "occurs " + (sides.length - 1) + " times)")
                    : sides[0].isBlank() ? "no query"
                    : sides[1].isBlank() ? "no expected fragment"
                    : cases.putIfAbsent(sides[0].strip(), sides[1].strip()) != null ? "the query is listed twice"
                    : null;
            if (problem != null) {
                throw new IllegalStateException(resource + ":" + (n + 1) + ": " + problem + "\n  " + line);
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException(resource + ": no case");
        }
        return Collections.unmodifiableMap(cases);
    }

    /** Drops the GDS graph {@code name} if there is one. */
    public static void dropGraph(Driver driver, String name) {
        run(driver, "CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName", Map.of("name", name));
    }
}
