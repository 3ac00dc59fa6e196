package rec4j.embed;

import java.util.List;

/**
 * The text of a node or relationship, built from its text properties in one place for the plugin
 * ({@code rec.embed.nodes}, {@code rec.sentiment.nodes}) and the Spark job (rec4j-spark).
 */
public final class EntityTexts {

    private EntityTexts() {}

    /** The parts (text property values in the configured order; null for a missing one) joined by a newline,
     *  blank parts skipped; null when every part is missing or blank. */
    public static String join(List<String> parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part);
            }
        }
        return text.isEmpty() ? null : text.toString();
    }
}
