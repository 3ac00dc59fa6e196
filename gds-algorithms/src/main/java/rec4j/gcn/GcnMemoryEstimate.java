package rec4j.gcn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Heap that training needs, from the sizes alone. Training goes through four phases whose live data differ: reading
 * the GDS graph (boxed pairs, then sorting them into per-user rows), building the normalised adjacency (edge lists and
 * raw weights), training (adjacency, the network's matrices, Adam's state, gradients, the batch's triples, evaluation
 * copies) and saving the model (its serialised bytes). The estimate is the largest phase. Every size is computed in
 * {@code long}: a configuration whose arrays could not even be allocated gets a huge estimate, not an overflow.
 *
 * <p>Measured against the live heap peak of rec.gcn.train with {@code MemoryEstimateBenchmark} (bench module).
 */
public final class GcnMemoryEstimate {

    /** {@code bytes} = the largest of the phases; {@code components} lists the parts and the phase totals. */
    public record Estimate(long bytes, Map<String, Long> components) {}

    private static final long ARRAY_HEADER = 16;
    /** Object references: 4 bytes with compressed oops (heaps below 32 GiB), else 8. */
    private static final long REF = Runtime.getRuntime().maxMemory() < (32L << 30) ? 4 : 8;
    private static final long OBJECT_HEADER = REF == 4 ? 12 : 16;
    /** G1's region size (0 with another collector): G1 stores an array of half a region or more in whole regions. */
    private static final long REGION = g1RegionSize();

    private GcnMemoryEstimate() {}

    private static long g1RegionSize() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (vm == null || !Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) {
                return 0;
            }
            return Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /** The heap one array of {@code payload} bytes takes: its header, and under G1 whole regions when it is humongous. */
    static long array(long payload) {
        long bytes = ARRAY_HEADER + payload;
        if (REGION > 0 && bytes >= REGION / 2) {
            return (bytes + REGION - 1) / REGION * REGION;
        }
        return bytes;
    }

    /**
     * @param nodes          users and items
     * @param relationships  relationships of the projection (an undirected projection counts each interaction twice)
     */
    /**
     * Reading a graph-only user-item graph from GDS ({@link GdsInteractions}), as the GCN's estimate counts it: {peak of
     * the read (component readFromGds), what stays of it (component interactions: the per-user rows and node ids)}.
     */
    public static long[] read(long users, long items, long interactions) {
        Map<String, Long> c = train(users, items, interactions, 0, GcnParameters.defaults(), 0.0).components();
        return new long[] {c.get("readFromGds"), c.get("interactions")};
    }

    public static Estimate train(long nodes, long relationships, int featureDimension, GcnParameters p, boolean validation) {
        long interactions = relationships / 2 == 0 ? relationships : relationships / 2;
        return train(nodes / 2, nodes - nodes / 2, interactions, featureDimension, p, validation ? 0.1 : 0.0);
    }

    /**
     * @param users              nodes with the user label
     * @param items              nodes with the item label
     * @param interactions       user-item relationships (each interaction once)
     * @param featureDimension   the width of the concatenated text features (ignored with fusion NONE)
     * @param validationFraction the share of each user's interactions held out for early stopping (0: none)
     */
    public static Estimate train(long users, long items, long interactions, int featureDimension, GcnParameters p,
            double validationFraction) {
        return train(users, items, interactions, featureDimension, p, validationFraction, false);
    }

    /**
     * As {@link #train(long, long, long, int, GcnParameters, double)}, for {@link GcnFit}: with validation and
     * {@code refit}, a second run on all interactions follows the selection run. The selection's network is closed
     * before it, so the runs' working sets do not add up; but the selection's model (its final and ID embeddings and
     * projection) stays referenced through the refit and the saving, and the refit evaluates nothing.
     */
    public static Estimate train(long users, long items, long interactions, int featureDimension, GcnParameters p,
            double validationFraction, boolean refit) {
        long n = users + items;
        long i = interactions;
        long d = p.embeddingDimension();
        long w = p.outputDimension();
        boolean text = p.fusion() != GcnParameters.Fusion.NONE;
        boolean attention = p.fusion() == GcnParameters.Fusion.ATTENTION;
        boolean validation = validationFraction > 0;
        long f = text ? featureDimension : 0;
        long idMatrix = array(n * d * 4);   // n x d floats
        long matrix = array(n * w * 4);     // n x width floats
        long textMatrix = text ? array(f * d * 4) : 0;
        Map<String, Long> c = new LinkedHashMap<>();

        // what stays from reading to the end: the rows of the interactions (a sorted int[] and float[] per user), the
        // node ids, the text features; with validation also the training split and the held-out items
        long perUserRows = 2 * (ARRAY_HEADER + REF);
        long rows = i * 8 + users * perUserRows;
        long data = rows + array(users * 8) + array(items * 8)
                + (validation ? rows + i * 4 + users * (ARRAY_HEADER + REF) : 0);
        long features = text ? array(n * f * 4) : 0;
        c.put("interactions", data);
        c.put("features", features);

        // reading: per interaction an int[2] and a boxed Float in two growing lists, copied into three parallel
        // arrays; then (the lists emptied) the sort of boxed indices (and TimSort's buffer) into the per-user rows;
        // per node a boxed id and a row index
        long pair = (ARRAY_HEADER + 8) + (OBJECT_HEADER + 4 + 4);
        long lists = 2 * array(i * REF * 3 / 2);
        long collect = i * pair + lists + 3 * array(i * 4);
        long sorting = 3 * array(i * 4) + i * (OBJECT_HEADER + 4) + array(i * REF) + array(i * REF / 2) + rows;
        long read = Math.max(collect, sorting) + array(n * 4) + n * (OBJECT_HEADER + 4) + array(n * REF * 3 / 2)
                + array(users * 8) + array(items * 8) + features + (text ? 2 * f * 8 : 0);
        c.put("readFromGds", read);

        // the adjacency: CSR offsets, targets and normalised weights of both directions; built from three edge lists,
        // a cursor, the raw weights and the degrees
        long adjacency = array(4 * (n + 1)) + 2 * array(2 * i * 4);
        c.put("adjacency", adjacency);
        long adjacencyBuild = 3 * array(4 * i) + array(2 * i * 4) + array(4 * (n + 1)) + array(8 * n);
        c.put("adjacencyBuild", adjacencyBuild);

        // parameters with Adam's two moments and the gradient; text: the projection likewise and the projected rows
        long parameters = idMatrix + textMatrix + (text ? idMatrix : 0) + (attention ? (2 * d + 1) * 4 + array(n * 4) : 0);
        long network = parameters + 3 * idMatrix + 3 * textMatrix + (attention ? 3 * (2 * d + 1) * 4 : 0);
        c.put("embeddingsAndAdam", network);
        // the parameters averaged over the checkpoints (ParameterAverage, when it averages): one copy
        long gateBytes = attention ? array((2 * d + 1) * 4) : 0;
        long mean = idMatrix + textMatrix + gateBytes;
        long average = ParameterAverage.averages(p) ? mean : 0;
        c.put("parameterAverage", average);
        // E0, E, two propagation buffers, dE and dE0; the dropout mask; the users with positives
        long buffers = 6 * matrix + (p.idDropout() > 0 ? array(n) : 0) + array(users * 4);
        c.put("propagationBuffers", buffers);
        // (user, positive, negative) of one batch and each triple's loss gradient: a batch never exceeds one epoch's
        // interactions
        long batchTriples = 4 * array(4 * Math.min(p.batchSize(), i) * p.negativeSamples());
        c.put("batchTriples", batchTriples);
        // per step with text: the gradient of the projected rows, and of the projection
        long textStep = text ? idMatrix + textMatrix : 0;
        c.put("textStep", textStep);
        // validation: the best embeddings so far and their (averaged) parameters, the current ones, the per-user
        // metrics, the item rows transposed and a row of item scores per thread
        long evaluation = validation ? 2 * matrix + mean + users * 56 + array(items * w * 4)
                + p.concurrency() * array(items * 4) : 0;
        c.put("evaluation", evaluation);
        // after the last epoch (Adam's state, gradients and batch no longer referenced): the model's copies of the
        // final embeddings, the ID embeddings and the projection beside the network
        long modelCopies = matrix + idMatrix + textMatrix;
        c.put("modelCopies", modelCopies);
        // saving: the model (final and ID embeddings, projection, node ids and their key fingerprints) serialised into a
        // growing byte buffer, then copied
        long model = n * (w + d) * 4 + f * d * 4 + n * 16;
        c.put("modelSave", 3 * array(model));

        // a refit after the selection run: the selection's model copies stay live beside the refit's network
        long selectionModel = validation && refit ? modelCopies : 0;
        if (selectionModel > 0) {
            c.put("selectionModel", selectionModel);
        }

        // after the selection run: its Platt scaling on the validation part, a float per sampled pair, beside its model
        long calibration = validation ? rec4j.evaluate.Calibration.estimate(users, items,
                (long) Math.ceil(validationFraction * i) + users) : 0;
        if (calibration > 0) {
            c.put("calibration", calibration);
        }

        long kept = data + features;
        long phaseRead = read + (validation ? rows + i * 4 : 0);
        long phaseBuild = kept + adjacency + adjacencyBuild + selectionModel;
        long phaseTrain = kept + adjacency + network + average + buffers + batchTriples
                + Math.max(Math.max(textStep, evaluation), textStep + selectionModel);
        long phaseEnd = kept + adjacency + parameters + average + 4 * matrix + modelCopies + selectionModel;
        long phaseSave = kept + modelCopies + 3 * array(model) + selectionModel;
        long phaseCalibrate = kept + modelCopies + calibration;
        c.put("phaseRead", phaseRead);
        c.put("phaseBuild", phaseBuild);
        c.put("phaseTrain", phaseTrain);
        c.put("phaseEnd", phaseEnd);
        c.put("phaseSave", phaseSave);
        long max = Math.max(Math.max(Math.max(phaseRead, phaseBuild), Math.max(Math.max(phaseTrain, phaseEnd), phaseSave)),
                phaseCalibrate);
        return new Estimate(max, c);
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
