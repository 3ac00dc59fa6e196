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

/**
 * Runs the numbered scripts of {@code cypher/}: statements end with a {@code ;} at the end of a line, and
 * {@code //} lines are comments (the last one before a statement is its title). Each statement runs in
 * its own auto-commit transaction, as {@code CALL { ... } IN TRANSACTIONS} requires.
 */
public final class CypherScripts {

    public record Statement(String title, String text) {}

    public record Result(Statement statement, List<Record> records) {}

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

    public static List<Result> run(Driver driver, Path script) throws IOException {
        List<Result> results = new ArrayList<>();
        try (Session session = driver.session()) {
            for (Statement statement : parse(Files.readString(script, StandardCharsets.UTF_8))) {
                try {
                    results.add(new Result(statement, session.run(statement.text()).list()));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(script.getFileName() + ": statement '" + statement.title()
                            + "' failed: " + e.getMessage() + "\n" + statement.text(), e);
                }
            }
        }
        return results;
    }
}
