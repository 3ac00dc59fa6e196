package rec4j.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The procedure reference, rendered from the golden public surface ({@code public-surface.txt}) so that the
 * documentation cannot drift from what {@code SHOW PROCEDURES} reports: the whole of {@code docs/reference.md} and
 * the summary table in the README between {@link #BEGIN} and {@link #END}.
 */
final class ReferenceDocs {

    static final String BEGIN = "<!-- reference:begin (generated from public-surface.txt by ReferenceDocsTest) -->";
    static final String END = "<!-- reference:end -->";

    private static final Pattern SENTENCE_END = Pattern.compile("(?<!e\\.g|i\\.e)\\.(\\s+)(?=[A-Z(`])");

    private ReferenceDocs() {
    }

    /** One procedure or function of the surface file. */
    record Entry(String kind, String name, String signature, String description, String mode,
                 List<String[]> arguments, List<String[]> returns) {

        String area() {
            String[] parts = name.split("\\.");
            return parts.length > 2 ? parts[1] : "plugin";
        }

        /** {@code rec.gcn.train(graphName, config)}: the name and the argument names. */
        String call() {
            List<String> names = new ArrayList<>();
            for (String[] argument : arguments) {
                names.add(argument[0]);
            }
            return name + "(" + String.join(", ", names) + ")";
        }
    }

    static List<Entry> parse(String surface) {
        List<Entry> entries = new ArrayList<>();
        String kind = null;
        String signature = null;
        String description = "";
        String mode = "";
        List<String[]> arguments = new ArrayList<>();
        List<String[]> returns = new ArrayList<>();
        for (String line : (surface + "\nend").split("\n")) {
            if (line.startsWith("procedure ") || line.startsWith("function ") || line.equals("end")) {
                if (signature != null) {
                    String name = signature.substring(0, signature.indexOf('('));
                    entries.add(new Entry(kind, name, signature, description, mode, arguments, returns));
                }
                if (line.equals("end")) {
                    break;
                }
                kind = line.substring(0, line.indexOf(' '));
                signature = line.substring(kind.length() + 1);
                description = "";
                mode = "";
                arguments = new ArrayList<>();
                returns = new ArrayList<>();
            } else if (line.startsWith("  description: ")) {
                description = line.substring("  description: ".length());
            } else if (line.startsWith("  mode: ")) {
                mode = line.substring("  mode: ".length());
            } else if (line.startsWith("  argument ")) {
                arguments.add(field(line.substring("  argument ".length())));
            } else if (line.startsWith("  returns ")) {
                returns.add(field(line.substring("  returns ".length())));
            } else if (!line.isBlank()) {
                throw new IllegalStateException("unexpected line in public-surface.txt: " + line);
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("public-surface.txt lists no procedure");
        }
        return entries;
    }

    private static String[] field(String text) {
        int colon = text.indexOf(": ");
        if (colon < 0) { // a function's return: just the type
            return new String[] {"", text};
        }
        return new String[] {text.substring(0, colon), text.substring(colon + 2)};
    }

    /** The description's first sentence (up to a full stop followed by a capital), for the summary table. */
    static String firstSentence(String description) {
        Matcher matcher = SENTENCE_END.matcher(description);
        return matcher.find() ? description.substring(0, matcher.start() + 1) : description;
    }

    /** The README's summary table, markers included. */
    static String readmeTable(List<Entry> entries) {
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        out.append("| call | mode | what it does |\n|---|---|---|\n");
        for (Entry entry : entries) {
            out.append("| [`").append(entry.call()).append("`](docs/reference.md#").append(anchor(entry.name()))
                    .append(") | ").append(entry.kind().equals("function") ? "function" : entry.mode())
                    .append(" | ").append(cell(firstSentence(entry.description()))).append(" |\n");
        }
        return out.append(END).append('\n').toString();
    }

    /** The whole of docs/reference.md. */
    static String referencePage(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        out.append("# rec4j procedure reference\n\n");
        out.append("Generated from `procedures/src/test/resources/public-surface.txt`, the golden copy of what ")
                .append("`SHOW PROCEDURES` and `SHOW FUNCTIONS` report for `rec.*` (`PublicSurfaceTest` keeps it equal ")
                .append("to the plugin; `ReferenceDocsTest` keeps this page equal to it). Do not edit by hand: after a ")
                .append("change of the surface run\n`mvn -B verify -pl procedures -am -Dtest=PublicSurfaceTest ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false -Drec4j.updateGolden=true`.\n\n");
        out.append("Modes: `READ` procedures change nothing and run in read-only transactions; `WRITE` and `SCHEMA` ")
                .append("ones (they write the graph, a model file or an index) are refused there.\n\n");
        String area = null;
        for (Entry entry : entries) {
            out.append("- [`").append(entry.name()).append("`](#").append(anchor(entry.name())).append(")\n");
        }
        for (Entry entry : entries) {
            if (!entry.area().equals(area)) {
                area = entry.area();
                out.append("\n## ").append(area.equals("plugin") ? "Plugin" : "`rec." + area + ".*`").append('\n');
            }
            out.append("\n### ").append(entry.name()).append("\n\n");
            out.append("```\n").append(entry.kind()).append(' ').append(entry.signature()).append("\n```\n\n");
            out.append(entry.description()).append("\n\n");
            if (!entry.mode().isEmpty()) {
                out.append("Mode: `").append(entry.mode()).append("`\n\n");
            }
            table(out, "argument", entry.arguments());
            table(out, entry.kind().equals("function") ? "returns" : "column", entry.returns());
        }
        return out.toString();
    }

    private static void table(StringBuilder out, String heading, List<String[]> fields) {
        if (fields.isEmpty()) {
            return;
        }
        out.append("| ").append(heading).append(" | description |\n|---|---|\n");
        for (String[] field : fields) {
            out.append("| ").append(field[0].isEmpty() ? "" : "`" + field[0] + "`").append(" | ")
                    .append(cell(field[1])).append(" |\n");
        }
        out.append('\n');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** GitHub's heading anchor of a procedure's heading: lower case, dots dropped. */
    static String anchor(String name) {
        return name.toLowerCase().replace(".", "");
    }

    /** The README with its generated block replaced; the markers must be there exactly once. */
    static String replaceBlock(String readme, String block) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin || readme.indexOf(BEGIN, begin + 1) >= 0) {
            throw new IllegalStateException("README.md must hold the reference markers once, in order");
        }
        int after = readme.indexOf('\n', end);
        return readme.substring(0, begin) + block + readme.substring(after < 0 ? readme.length() : after + 1);
    }
}
