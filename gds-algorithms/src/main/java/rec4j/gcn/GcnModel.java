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

    /**
     * This model with folded-in rows: {@code newUsers} (row-major, {@code width} columns) after the old users and
     * {@code newItems} after the old items. Their ID embeddings are zero: they were never trained.
     */
    public GcnModel withNewRows(float[] newUsers, float[] newItems) {
        if (newUsers.length % width != 0 || newItems.length % width != 0) {
            throw new IllegalStateException("fold-in rows must have " + width + " columns");
        }
        int addedUsers = newUsers.length / width, addedItems = newItems.length / width;
        float[] out = new float[embeddings.length + newUsers.length + newItems.length];
        System.arraycopy(embeddings, 0, out, 0, users * width);
        System.arraycopy(newUsers, 0, out, users * width, newUsers.length);
        System.arraycopy(embeddings, users * width, out, (users + addedUsers) * width, items * width);
        System.arraycopy(newItems, 0, out, (users + addedUsers + items) * width, newItems.length);
        int d = parameters.embeddingDimension();
        float[] ids = new float[(users + addedUsers + items + addedItems) * d];
        System.arraycopy(idEmbeddings, 0, ids, 0, users * d);
        System.arraycopy(idEmbeddings, users * d, ids, (users + addedUsers) * d, items * d);
        return new GcnModel(parameters, users + addedUsers, items + addedItems, width, out, ids, projection, gate,
                featureDimension);
    }
}
