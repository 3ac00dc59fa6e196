package rec4j.gcn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Heap that {@link GcnTrainer} needs, from the sizes alone: what the procedure reads from GDS, the normalised
 * adjacency, the network's matrices, Adam's state, the gradients and the evaluation copies.
 */
public final class GcnMemoryEstimate {

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
        c.put("readFromGds", interactions * INTERACTION_WHILE_READING + nodes * 8 * 2);
        long perUser = 2 * ARRAY_HEADER;
        c.put("interactions", interactions * 8 + nodes * perUser + (validation ? interactions * 8 + nodes * perUser : 0));
        c.put("adjacency", 4 * (nodes + 1) * 2 + 2 * interactions * (4 + 4 + 4) + 3 * 4 * interactions);
        c.put("features", text ? 2 * nodes * f * 4 : 0); // a heap copy, and ND4J's off-heap one
        c.put("embeddingsAndAdam", nodes * d * 4 * 4 + (text ? f * d * 4 * 4 + 3 * nodes * d * 4 : 0)
                + (p.fusion() == GcnParameters.Fusion.ATTENTION ? (2 * d + 1) * 4 * 4 + nodes * 4 : 0));
        c.put("propagationBuffers", 6 * nodes * w * 4);
        c.put("evaluation", 2 * nodes * w * 4 + nodes * 64);
        long total = c.values().stream().mapToLong(Long::longValue).sum();
        return new Estimate(total, c);
    }
}
