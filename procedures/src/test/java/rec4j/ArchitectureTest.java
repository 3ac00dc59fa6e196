package rec4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The module's shape, read from the compiled classes with the JDK's jdeps: rec4j's packages form no import cycle, and
 * no procedure class depends on another procedure class (procedures parse, call and build rows; what they share lives
 * in non-procedure helpers and in rec4j.recommend / rec4j.model / gds-algorithms).
 */
class ArchitectureTest {

    private static final Path CLASSES = Path.of("target/classes");
    /** The Neo4j-free module this one depends on: its packages are checked for cycles with these. */
    private static final Path ALGORITHMS = Path.of("../gds-algorithms/target/classes");

    @Test
    void rec4jPackagesHaveNoCycle() {
        Map<String, Set<String>> edges = dependencies("-verbose:package", "rec4j(\\.[a-z]+)*");
        List<List<String>> cycles = stronglyConnected(edges).stream().filter(c -> c.size() > 1).toList();
        assertThat(cycles).as("package cycles among " + edges.keySet()).isEmpty();
    }

    @Test
    void noProcedureClassDependsOnAnother() throws Exception {
        Set<String> procedureClasses = new TreeSet<>();
        try (var files = Files.walk(CLASSES.resolve("rec4j/proc"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = CLASSES.relativize(f).toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(name.replace('/', '.').replace(".class", ""));
                for (var method : type.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(org.neo4j.procedure.Procedure.class)
                            || method.isAnnotationPresent(org.neo4j.procedure.UserFunction.class)) {
                        procedureClasses.add(type.getName());
                        break;
                    }
                }
            }
        }
        assertThat(procedureClasses).hasSizeGreaterThan(10);
        Map<String, Set<String>> edges = dependencies("-verbose:class", "rec4j\\.[\\w.$]+");
        List<String> violations = new ArrayList<>();
        for (String from : procedureClasses) {
            for (String to : edges.getOrDefault(from, Set.of())) {
                String outer = to.contains("$") ? to.substring(0, to.indexOf('$')) : to;
                if (!outer.equals(from) && procedureClasses.contains(outer)) {
                    violations.add(from + " -> " + to);
                }
            }
        }
        assertThat(violations).as("procedure classes that use another procedure class").isEmpty();
    }

    /** jdeps' "a -> b" lines between rec4j names (packages or classes) of target/classes, self edges left out. */
    private static Map<String, Set<String>> dependencies(String verbosity, String name) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(List.of(verbosity, "-filter:none", "-regex", "rec4j\\..*", CLASSES.toString()));
        if (Files.isDirectory(ALGORITHMS)) {
            args.add(ALGORITHMS.toString());
        }
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
        assertThat(code).as("jdeps exit code").isZero();
        Pattern rec4j = Pattern.compile(name);
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 3 && parts[1].equals("->") && rec4j.matcher(parts[0]).matches()
                    && rec4j.matcher(parts[2]).matches() && !parts[0].equals(parts[2])) {
                edges.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[2]);
            }
        }
        assertThat(edges).as("jdeps found rec4j dependencies").isNotEmpty();
        return edges;
    }

    /** Tarjan's strongly connected components. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        Set<String> nodes = new TreeSet<>(edges.keySet());
        edges.values().forEach(nodes::addAll);
        for (String v : nodes) {
            if (!index.containsKey(v)) {
                connect(v, edges, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, edges, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            out.add(component);
        }
    }
}
