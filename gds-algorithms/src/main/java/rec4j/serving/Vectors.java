package rec4j.serving;

/** Small dense-vector helpers for serving. */
public final class Vectors {

    private Vectors() {}

    /** A numeric list property value as a new float array, or null when it is not one. */
    public static float[] toFloats(Object value) {
        if (value instanceof float[] f) {
            return f.clone();
        }
        if (value instanceof double[] d) {
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
            return out;
        }
        if (value instanceof long[] l) {
            float[] out = new float[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = l[i];
            }
            return out;
        }
        return null;
    }

    /** The cosine of two vectors of the same length, accumulated in double. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float s = 0;
        for (int c = 0; c < length; c++) {
            s += a[aOffset + c] * b[bOffset + c];
        }
        return s;
    }

    public static float norm(float[] a) {
        return (float) Math.sqrt(dot(a, 0, a, 0, a.length));
    }

    /** a / |a|, or a copy of a when it is the zero vector. */
    public static float[] unit(float[] a) {
        float n = norm(a);
        float[] out = a.clone();
        if (n > 0) {
            for (int c = 0; c < out.length; c++) {
                out[c] /= n;
            }
        }
        return out;
    }

    /** The mean of the given item rows' vectors, each weighted. */
    public static float[] weightedMean(ItemSpace model, int[] rows, float[] weights) {
        float[] out = new float[model.width()];
        double total = 0;
        for (int k = 0; k < rows.length; k++) {
            float w = weights == null ? 1f : weights[k];
            float[] v = model.itemVector(rows[k]);
            for (int c = 0; c < out.length; c++) {
                out[c] += w * v[c];
            }
            total += w;
        }
        if (total > 0) {
            for (int c = 0; c < out.length; c++) {
                out[c] /= total;
            }
        }
        return out;
    }
}
