package rec4j.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Runs the numbered scripts of {@code cypher/}: statements end with a {@code ;} at the end of a line, and
 * {@code //} lines are comments (the last one before a statement is its title). Each statement runs in
 * its own auto-commit transaction, as {@code CALL { ... } IN TRANSACTIONS} requires.
 */
public final class CypherScripts {

    public record Statement(String title, String text) {}

    /** A statement's rows and its wall time in milliseconds. */
    public record Result(Statement statement, List<Record> records, long millis) {}

    private CypherScripts() {}

    /** The {@code NN-name.cypher} files of {@code directory}, in name order. */
    public static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.cypher")).sorted().toList();
        }
    }

    public static List<Statement> parse(String script) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String title = "";
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("//")) {
                if (text.isEmpty()) {
                    title = trimmed.substring(2).strip();
                }
                continue;
            }
            if (trimmed.isEmpty() && text.isEmpty()) {
                continue;
            }
            text.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String body = text.toString().strip();
                statements.add(new Statement(title, body.substring(0, body.length() - 1).strip()));
                text.setLength(0);
                title = "";
            }
        }
        if (!text.toString().isBlank()) {
            statements.add(new Statement(title, text.toString().strip()));
        }
        return statements;
    }

    /**
     * A result as the README shows it: the statement's title as a comment, the Cypher, then its first
     * {@code maxRows} rows as a column-aligned table (floats with at most 4 decimals).
     */
    public static String format(Result result, int maxRows) {
        StringBuilder out = new StringBuilder();
        if (!result.statement().title().isEmpty()) {
            out.append("// ").append(result.statement().title()).append('\n');
        }
        out.append(result.statement().text()).append(";\n");
        if (result.records().isEmpty()) {
            return out.append("(no rows)\n").toString();
        }
        List<String> keys = result.records().get(0).keys();
        List<List<String>> table = new ArrayList<>();
        table.add(keys);
        for (Record record : result.records().subList(0, Math.min(maxRows, result.records().size()))) {
            table.add(keys.stream().map(key -> cell(record.get(key))).toList());
        }
        int[] widths = new int[keys.size()];
        for (List<String> row : table) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (int r = 0; r < table.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                line.append(c == 0 ? "" : " | ").append(String.format("%-" + widths[c] + "s", table.get(r).get(c)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int c = 0; c < widths.length; c++) {
                    rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
                }
                out.append(rule).append('\n');
            }
        }
        if (result.records().size() > maxRows) {
            out.append("(").append(result.records().size() - maxRows).append(" more rows)\n");
        }
        return out.toString();
    }

    private static String cell(Value value) {
        Object object = value.asObject();
        if (object instanceof Double d) {
            return Double.isFinite(d)
                    ? java.math.BigDecimal.valueOf(d).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                    : String.valueOf(d);
        }
        if (object instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(object);
    }

    public static List<Result> run(Driver driver, Path script) throws IOException {
        return run(driver, script.getFileName().toString(), Files.readString(script, StandardCharsets.UTF_8));
    }

    /** Runs the statements of {@code script} ({@link #parse}); {@code source} names it in errors. */
    public static List<Result> run(Driver driver, String source, String script) {
        List<Result> results = new ArrayList<>();
        try (Session session = driver.session()) {
            for (Statement statement : parse(script)) {
                try {
                    long start = System.nanoTime();
                    List<Record> records = session.run(statement.text()).list();
                    results.add(new Result(statement, records, (System.nanoTime() - start) / 1_000_000));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(source + ": statement '" + statement.title()
                            + "' failed: " + e.getMessage() + "\n" + statement.text(), e);
                }
            }
        }
        return results;
    }

    /**
     * The first {@code ```cypher} block after the paragraph that starts with {@code **heading**} in a Markdown
     * document (e.g. docs/guide.md), as a script for {@link #run(Driver, String, String)}.
     */
    public static String markdownBlock(String markdown, String heading) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote("**" + heading + "**")
                + ".*?```cypher\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(markdown);
        if (!m.find()) {
            throw new IllegalStateException("no ```cypher block after **" + heading + "**");
        }
        return m.group(1);
    }
}
