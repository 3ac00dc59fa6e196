package rec4j.proc;

import rec4j.config.Cypher;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import rec4j.Rec4jRuntime;
import rec4j.embed.BatchWriter;
import rec4j.model.StoredModel;
import rec4j.recommend.NodeVectors;
import rec4j.recommend.PropertyModel;
import rec4j.recommend.ServingModel;
import rec4j.serving.Vectors;

/**
 * {@code rec.recommend.createIndex}: a Neo4j vector index over a model's items, for catalogs too large to rank exactly
 * per request. Scores are dot products, which a cosine index cannot search directly; so each item vector x is written
 * as [x / M, sqrt(1 - |x|^2 / M^2)] (M the largest item norm, all of unit length) and queried with [q / |q|, 0]: the
 * cosine is then q.x / (|q| M), in the same order as the dot product (maximum inner product search reduced to
 * nearest neighbours, Bachrach et al. 2014).
 */
public class RecommendIndexProc {

    @Context
    public Rec4jRuntime runtime;

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = RecommendIndexConfig.PROCEDURE, mode = Mode.SCHEMA)
    @Description(RecommendIndexConfig.DESCRIPTION)
    public Stream<IndexResult> createIndex(
            @Name(value = "modelName", description = "The model whose items to index; null to index the vectors kept "
                    + "on the item nodes (embeddingProperty and itemLabel in the config).") String modelName,
            @Name(value = "config", defaultValue = "{}", description = RecommendIndexConfig.DOC) Map<String, Object> config) {
        String procedure = RecommendIndexConfig.PROCEDURE;
        RecommendIndexConfig cfg = RecommendIndexConfig.parse(modelName, config);
        String indexName = cfg.indexName();
        String property = cfg.writeProperty();
        int batchSize = cfg.batchSize();
        long start = System.nanoTime();
        BatchWriter writer = new BatchWriter(db, tx);
        long written = 0;
        int width;
        String itemLabel;
        if (cfg.properties() == null) {
            StoredModel stored = runtime.models().require(procedure, db.databaseName(), modelName);
            ServingModel model = runtime.models().serving(stored);
            itemLabel = stored.itemLabel();
            float max = 0;
            for (int row = 0; row < model.items(); row++) {
                max = Math.max(max, model.space().itemNorm(row));
            }
            float m = max == 0 ? 1 : max;
            width = model.width();
            for (int from = 0; from < model.items(); from += batchSize) {
                guard.check();
                int to = Math.min(model.items(), from + batchSize);
                int first = from;
                long[] count = new long[1];
                writer.commit(wtx -> {
                    for (int row = first; row < to; row++) {
                        Node node = model.itemNode(wtx, row);
                        if (node != null) { // else deleted, or its id now belongs to another node
                            node.setProperty(property, augmented(model.itemVector(row), m));
                            count[0]++;
                        }
                    }
                });
                written += count[0];
                log.info("%s %s: %d of %d item vectors written", procedure, modelName, to, model.items());
            }
        } else {
            // vectors kept on nodes: one pass for the largest norm (only the node ids kept), one to write
            PropertyModel p = cfg.properties();
            itemLabel = p.itemLabel();
            long[] ids = new long[1024];
            int n = 0;
            int w = -1;
            double max = 0;
            try (ResourceIterator<Node> nodes = tx.findNodes(Label.label(itemLabel))) {
                while (nodes.hasNext()) {
                    Node node = nodes.next();
                    if (!node.hasProperty(p.embeddingProperty())) {
                        continue;
                    }
                    if ((n & 0xFFF) == 0) {
                        guard.check();
                    }
                    float[] x = NodeVectors.vector(procedure, node, p.embeddingProperty());
                    if (w >= 0 && x.length != w) {
                        throw new IllegalArgumentException(procedure + ": property '" + p.embeddingProperty() + "' of "
                                + NodeVectors.describe(node) + " has " + x.length + " values, others have " + w);
                    }
                    w = x.length;
                    max = Math.max(max, Vectors.norm(x));
                    if (n == ids.length) {
                        ids = Arrays.copyOf(ids, n * 2);
                    }
                    ids[n++] = node.getId();
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException(procedure + ": no :" + itemLabel + " node has the property '"
                        + p.embeddingProperty() + "'");
            }
            width = w;
            int dims = w;
            float m = max == 0 ? 1 : (float) max;
            long[] all = ids;
            for (int from = 0; from < n; from += batchSize) {
                guard.check();
                int to = Math.min(n, from + batchSize);
                int first = from;
                long[] count = new long[1];
                writer.commit(wtx -> {
                    for (int i = first; i < to; i++) {
                        Node node;
                        try {
                            node = wtx.getNodeById(all[i]);
                        } catch (NotFoundException deleted) {
                            continue;
                        }
                        Object v = node.getProperty(p.embeddingProperty(), null);
                        if (v != null && node.hasLabel(Label.label(itemLabel))) {
                            float[] x = NodeVectors.vector(procedure, node, p.embeddingProperty());
                            if (x.length == dims) { // else rewritten meanwhile: the next run of this procedure
                                node.setProperty(property, augmented(x, m));
                                count[0]++;
                            }
                        }
                    }
                });
                written += count[0];
                log.info("%s :%s(%s): %d of %d item vectors written", procedure, itemLabel, p.embeddingProperty(), to, n);
            }
        }
        String label = Cypher.quote(itemLabel);
        writer.commit(wtx -> wtx.execute("DROP INDEX " + Cypher.quote(indexName) + " IF EXISTS").close());
        writer.commit(wtx -> wtx.execute("CREATE VECTOR INDEX " + Cypher.quote(indexName) + " FOR (n:" + label
                + ") ON (n." + Cypher.quote(property) + ") OPTIONS {indexConfig: {`vector.dimensions`: $d, "
                + "`vector.similarity_function`: 'cosine', `vector.quantization.enabled`: $quantization, "
                + "`vector.hnsw.m`: $m, `vector.hnsw.ef_construction`: $efConstruction}}",
                Map.of("d", width + 1, "quantization", cfg.quantization(), "m", cfg.hnswM(), "efConstruction",
                        cfg.hnswEfConstruction())).close());
        writer.commit(wtx -> wtx.execute("CALL db.awaitIndex($name, 600)", Map.of("name", indexName)).close());
        return Stream.of(new IndexResult(indexName, property, written, width + 1, (System.nanoTime() - start) / 1_000_000));
    }

    /** x / m with the coordinate sqrt(1 - |x / m|^2) appended: of unit length when |x| <= m. */
    static float[] augmented(float[] x, float m) {
        float[] augmented = new float[x.length + 1];
        double squared = 0;
        for (int c = 0; c < x.length; c++) {
            augmented[c] = x[c] / m;
            squared += (double) augmented[c] * augmented[c];
        }
        augmented[x.length] = (float) Math.sqrt(Math.max(0, 1 - squared));
        return augmented;
    }

    public record IndexResult(
            @Description("The vector index created.")
            String indexName,
            @Description("The item property it indexes.")
            String writeProperty,
            @Description("Item vectors written.")
            long items,
            @Description("Their dimension: the model's embedding width plus one.")
            long dimension,
            @Description("Milliseconds taken, including waiting for the index to come online.")
            long millis) {}
}
