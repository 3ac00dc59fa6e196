package rec4j.recommend;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.graphdb.Node;
import rec4j.serving.Vectors;

/** Numeric list properties of nodes as float vectors (text vectors, embeddings kept on nodes). */
public final class NodeVectors {

    private NodeVectors() {}

    /** A numeric list property as floats; an error naming the procedure, property, node and the value's type. */
    public static float[] vector(String procedure, Node node, String property) {
        Object value = node.getProperty(property, null);
        float[] out = Vectors.toFloats(value);
        if (out == null) {
            throw new IllegalArgumentException(procedure + ": property '" + property + "' of " + describe(node)
                    + " must be a list of numbers (a text vector), got " + (value == null ? "nothing" : value.getClass().getSimpleName()));
        }
        for (float x : out) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException(procedure + ": property '" + property + "' of " + describe(node)
                        + " holds a value that is not finite");
            }
        }
        return out;
    }

    /** The node's vector properties, concatenated in order. */
    public static float[] features(String procedure, Node node, List<String> properties) {
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (String p : properties) {
            float[] v = vector(procedure, node, p);
            parts.add(v);
            total += v.length;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] v : parts) {
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** A node for a message: its element id (never a property value). */
    public static String describe(Node node) {
        return "node " + node.getElementId();
    }
}
