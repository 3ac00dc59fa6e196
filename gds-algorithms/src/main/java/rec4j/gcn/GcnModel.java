package rec4j.gcn;

/**
 * A trained GCN: its parameters (for fold-in and cold start) and the final embeddings of every user and item
 * (rows 0..users-1 users, then items; {@code width} columns). Scores are dot products of final embeddings.
 */
public record GcnModel(GcnParameters parameters, int users, int items, int width, float[] embeddings, float[] idEmbeddings,
        float[] projection, float[] gate, int featureDimension) {

    /**
     * The embedding of a node that has text but no interaction (cold start): layer 0 from the projected text with the
     * ID part zero, as in ID-dropout training; an isolated node keeps only layer 0 in the layer mean.
     */
    public float[] embedFromText(float[] features) {
        if (projection == null) {
            throw new IllegalArgumentException("the model was trained without text (fusion 'none'): it cannot embed a node "
                    + "from text alone");
        }
        if (features.length != featureDimension) {
            throw new IllegalArgumentException("expected " + featureDimension + " feature values, got " + features.length);
        }
        int d = parameters.embeddingDimension();
        float[] p = new float[d];
        for (int k = 0; k < featureDimension; k++) {
            float x = features[k];
            if (x != 0) {
                for (int c = 0; c < d; c++) {
                    p[c] += x * projection[k * d + c];
                }
            }
        }
        float[] out = new float[width];
        float scale = 1f / (parameters.layers() + 1);
        switch (parameters.fusion()) {
            case SUM -> {
                for (int c = 0; c < d; c++) {
                    out[c] = p[c] * scale;
                }
            }
            case CONCAT -> {
                for (int c = 0; c < d; c++) {
                    out[d + c] = p[c] * scale;
                }
            }
            case ATTENTION -> {
                double z = gate[2 * d];
                for (int c = 0; c < d; c++) {
                    z += p[c] * gate[d + c];
                }
                float g = (float) (1 / (1 + Math.exp(-z)));
                for (int c = 0; c < d; c++) {
                    out[c] = (1 - g) * p[c] * scale;
                }
            }
            case NONE -> throw new IllegalStateException("fusion NONE has no projection");
        }
        return out;
    }

    public float score(int user, int item) {
        int u = user * width;
        int i = (users + item) * width;
        float s = 0;
        for (int c = 0; c < width; c++) {
            s += embeddings[u + c] * embeddings[i + c];
        }
        return s;
    }
}
