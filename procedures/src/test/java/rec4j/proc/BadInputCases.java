package rec4j.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neo4j.driver.Driver;

/**
 * The case table of {@link BadInputTest}: {@value #RESOURCE}, one line a case after the line of its procedure (the
 * file's header says the format). A line that does not parse, names an argument its procedure does not have, or
 * repeats a case's name fails the whole class.
 */
final class BadInputCases {

    static final String RESOURCE = "/rec4j/bad-input-cases.txt";
    private static final String BIG = "x".repeat(1 << 20);
    private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

    private BadInputCases() {}

    /** A procedure or function, how to call it, and valid values for its arguments (the parameters $<argument>). */
    record Proc(String name, boolean function, String yield, List<String> args, Map<String, Object> defaults) {

        String call(List<String> exprs) {
            String call = name + "(" + String.join(", ", exprs) + ")";
            // Cypher has no map projection on a parameter: the configuration is a variable first
            return "MATCH (u:User {userId: 0}), (i:Item {itemId: 0}) WITH u, i, $config AS config "
                    + (function ? "RETURN " + call + " AS v" : "CALL " + call + " YIELD " + yield + " RETURN count(*) AS rows");
        }

        List<String> defaultExprs() {
            return args.stream().map(a -> "$" + a).toList();
        }

        int index(String arg) {
            int index = args.indexOf(arg);
            if (index < 0) {
                throw new IllegalStateException(name + " has no argument " + arg);
            }
            return index;
        }
    }

    /**
     * One bad call. {@code expected}: the fragment the message must contain (the argument or key at fault);
     * {@code neo4jType}: Neo4j rejects the value for its declared type, and {@code expected} is that type's name;
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

    /**
     * Every case of the table. {@code fixture}: the parameters the valid values may use ($model, $graph); the values are
     * evaluated by the server ({@code RETURN [<value>, ...]}).
     */
    static List<Case> read(Driver driver, Map<String, Object> fixture) {
        List<Case> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Proc proc = null;
        String[] lines = text().split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                String[] c = line.split(" \\| ", -1);
                if (c[0].equals("proc")) {
                    proc = proc(driver, fixture, c);
                    continue;
                }
                Case next = parse(Objects.requireNonNull(proc, "a case before the first proc line"), c);
                if (!names.add(next.name())) {
                    throw new IllegalStateException("two cases named " + next.name());
                }
                cases.add(next);
            } catch (RuntimeException e) {
                throw new IllegalStateException(RESOURCE + ":" + (n + 1) + ": " + e.getMessage() + "\n  " + line, e);
            }
        }
        return List.copyOf(cases);
    }

    private static Case parse(Proc p, String[] c) {
        String kind = c[0];
        if (kind.equals("key")) {
            columns(c, 3, Integer.MAX_VALUE);
            List<String> exprs = new ArrayList<>(p.defaultExprs());
            exprs.set(p.index("config"), "config {.*, " + c[1] + "}");
            return of(p, "config {" + c[1] + "}", p.call(exprs), c[2], false, List.of(c).subList(3, c.length), echoOf(c[1]));
        }
        columns(c, 4, 4);
        return switch (kind) {
            case "arg", "type" -> {
                List<String> exprs = new ArrayList<>(p.defaultExprs());
                exprs.set(p.index(c[1]), c[2]);
                yield of(p, c[1] + " = " + c[2], p.call(exprs), c[3], kind.equals("type"), List.of(), echoOf(c[2]));
            }
            case "node" -> {
                boolean none = c[2].equals("null");
                yield of(p, "config " + (none ? "null" : "{" + c[2] + "}"),
                        p.call(List.of(c[1], none ? "null" : "config {.*, " + c[2] + "}")), c[3], false, List.of(), echoOf(c[2]));
            }
            case "node type" -> of(p, "config " + c[2], p.call(List.of(c[1], c[2])), c[3], true, List.of(), null);
            case "query" -> of(p, c[1], c[2], c[3], true, List.of(), null);
            default -> throw new IllegalStateException("unknown kind " + kind);
        };
    }

    private static Proc proc(Driver driver, Map<String, Object> fixture, String[] c) {
        columns(c, 3, 4);
        List<String> args = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String arg : c.length == 3 ? new String[0] : c[3].split("; ")) {
            String[] nameAndValue = arg.split(" = ", 2);
            columns(nameAndValue, 2, 2);
            args.add(nameAndValue[0]);
            values.add(nameAndValue[1]);
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (!args.isEmpty()) {
            List<Object> evaluated = driver.executableQuery("RETURN [" + String.join(", ", values) + "] AS d")
                    .withParameters(fixture).execute().records().get(0).get("d").asList();
            for (int a = 0; a < args.size(); a++) {
                defaults.put(args.get(a), evaluated.get(a));
            }
        }
        return new Proc(c[1], c[2].equals("-"), c[2], List.copyOf(args), defaults);
    }

    private static Case of(Proc p, String description, String query, String expected, boolean neo4jType,
            List<String> forbidden, String echo) {
        Map<String, Object> params = new HashMap<>(p.defaults());
        params.putIfAbsent("config", null);
        if (query.contains("$big")) {
            params.put("big", BIG);
        }
        return new Case(p.name() + " " + description, p.name(), query, params, expected, neo4jType, forbidden, echo);
    }

    private static void columns(String[] c, int min, int max) {
        if (c.length < min || c.length > max) {
            throw new IllegalStateException(c.length + " columns " + Arrays.toString(c) + ", not " + min
                    + (max == min ? "" : max == Integer.MAX_VALUE ? " or more" : " to " + max));
        }
    }

    private static String echoOf(String expr) {
        Matcher m = QUOTED.matcher(expr);
        return m.find() ? m.group(1).replace("\\\\", "\\") : null;
    }

    private static String text() {
        try (InputStream in = Objects.requireNonNull(BadInputCases.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
