package rec4j.config;

import java.util.ArrayList;
import java.util.List;

/** Small conversions the procedures share when they build Cypher values or Cypher text; no procedure of its own. */
public final class Cypher {

    private Cypher() {}

    /** A float vector as a Cypher {@code LIST<FLOAT>}. */
    public static List<Double> toList(float[] vector) {
        List<Double> out = new ArrayList<>(vector.length);
        for (float v : vector) {
            out.add((double) v);
        }
        return out;
    }

    /** A name (label, property, index) quoted for Cypher text: in backticks, backticks doubled. */
    public static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
