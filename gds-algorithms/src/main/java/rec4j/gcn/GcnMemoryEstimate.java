package rec4j.gcn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Heap that training needs, from the sizes alone. Training goes through three phases whose live data differ: reading
 * the GDS graph (boxed pairs), building the normalised adjacency (edge lists and raw weights), and training (adjacency,
 * the network's matrices, Adam's state, gradients, evaluation copies). The estimate is the largest phase.
 */
public final class GcnMemoryEstimate {

    /** {@code bytes} = the largest of the phases; {@code components} lists the parts and the three phase totals. */
    public record Estimate(long bytes, Map<String, Long> components) {}

    private static final long ARRAY_HEADER = 16;
    private static final long INTERACTION_WHILE_READING = 16 + 8 + 24 + 8; // an int[2] and a boxed Float, with references

    private GcnMemoryEstimate() {}

    /**
     * @param nodes          users and items
     * @param relationships  relationships of the projection (an undirected projection counts each interaction twice)
     */
    public static Estimate train(long nodes, long relationships, int featureDimension, GcnParameters p, boolean validation) {
        long interactions = relationships / 2 == 0 ? relationships : relationships / 2;
        long d = p.embeddingDimension();
        long w = p.outputDimension();
        boolean text = p.fusion() != GcnParameters.Fusion.NONE;
        long f = text ? featureDimension : 0;
        Map<String, Long> c = new LinkedHashMap<>();
        long perUser = 2 * ARRAY_HEADER;
        long data = interactions * 8 + nodes * perUser + (validation ? interactions * 8 + nodes * perUser : 0);
        long features = text ? 2 * nodes * f * 4 : 0; // a heap copy, and ND4J's off-heap one
        c.put("readFromGds", interactions * INTERACTION_WHILE_READING + nodes * 8 * 2);
        c.put("interactions", data);
        c.put("features", features);
        long adjacency = 4 * (nodes + 1) + 2 * interactions * (4 + 4);
        c.put("adjacency", adjacency);
        c.put("adjacencyBuild", 3 * 4 * interactions + 2 * interactions * 4 + 4 * (nodes + 1));
        long network = nodes * d * 4 * 4 + (text ? f * d * 4 * 4 + 3 * nodes * d * 4 : 0)
                + (p.fusion() == GcnParameters.Fusion.ATTENTION ? (2 * d + 1) * 4 * 4 + nodes * 4 : 0);
        c.put("embeddingsAndAdam", network);
        c.put("propagationBuffers", 6 * nodes * w * 4);
        c.put("evaluation", validation ? 2 * nodes * w * 4 + nodes * 64 : nodes * w * 4);
        long read = c.get("readFromGds") + data + features;
        long build = data + features + adjacency + c.get("adjacencyBuild");
        long train = data + features + adjacency + network + c.get("propagationBuffers") + c.get("evaluation");
        c.put("phaseRead", read);
        c.put("phaseBuild", build);
        c.put("phaseTrain", train);
        return new Estimate(Math.max(read, Math.max(build, train)), c);
    }

    /**
     * Heap that writing a model's embeddings back needs: the model itself when it must first be loaded from its file
     * (the file's bytes and the parsed arrays), and per write transaction, for each of {@code batchSize} nodes, the
     * copied float[] value, its entry in the transaction state, and its records and commands at commit.
     *
     * @param rows            users and items of the model
     * @param width           its embedding width
     * @param idDimension     the dimension of its ID embeddings (stored with it)
     * @param modelInMemory   whether the catalog already holds the model
     */
    public static Estimate write(long rows, int width, int idDimension, int batchSize, boolean modelInMemory) {
        Map<String, Long> c = new LinkedHashMap<>();
        long model = rows * (width * 4L + idDimension * 4L + 8) + 3 * ARRAY_HEADER;
        c.put("model", model);
        c.put("modelLoading", modelInMemory ? 0 : 2 * model); // the file read whole, then its checksummed copy
        // the value copied from the model, the transaction state's value, and at commit the array encoded once more and
        // split into dynamic-record data: four copies; plus about 1 kB of node state, property-map entry, property
        // record and block, dynamic-record objects and commands (measured with GcnProcedureScaleBenchmark: about
        // 2.15 kB per node at width 64 when one transaction writes 3,000 or 10,000 nodes)
        long perNode = 4 * (ARRAY_HEADER + width * 4L) + 1024;
        c.put("writeBatch", Math.min(rows, batchSize) * perNode);
        long total = (modelInMemory ? 0 : model + c.get("modelLoading")) + c.get("writeBatch");
        return new Estimate(total, c);
    }
}
