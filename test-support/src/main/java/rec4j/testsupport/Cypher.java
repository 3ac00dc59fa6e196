package rec4j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/** One-line Cypher for tests: run a query, read its rows, or its single row (asserted to be exactly one). */
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
}
