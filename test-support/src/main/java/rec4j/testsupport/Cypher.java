package rec4j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.exceptions.ClientException;

/**
 * One-line Cypher for tests: run a query, read its rows, its single row (asserted to be exactly one) or its single
 * number, check that a query is refused, drop a GDS graph.
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

    /** Drops the GDS graph {@code name} if there is one. */
    public static void dropGraph(Driver driver, String name) {
        run(driver, "CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName", Map.of("name", name));
    }
}
