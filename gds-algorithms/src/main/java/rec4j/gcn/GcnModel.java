package rec4j.gcn;

/**
 * A trained GCN: its parameters (for fold-in and cold start) and the final embeddings of every user and item
 * (rows 0..users-1 users, then items; {@code width} columns). Scores are dot products of final embeddings.
 */
public record GcnModel(GcnParameters parameters, int users, int items, int width, float[] embeddings, float[] idEmbeddings,
        float[] projection, float[] gate, int featureDimension) {

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
