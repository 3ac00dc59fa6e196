package rec4j.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import rec4j.Rec4jRuntime;
import rec4j.gcn.TextTower;
import rec4j.model.StoredModel;
import rec4j.recommend.NodeVectors;
import rec4j.recommend.ServingModel;
import rec4j.recommend.UserItems;

/**
 * {@code rec.gcn.textTower}: fits a map from item text vectors to the model's final item embeddings (ridge regression
 * over the items that have interactions), so that items with text but no interactions - new items, cold starts, a
 * free-text query - get an embedding in the model's space; works for graph-only models too.
 */
public class GcnTextTowerProc {

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

    @Procedure(name = GcnTextTowerConfig.PROCEDURE, mode = Mode.WRITE)
    @Description(GcnTextTowerConfig.DESCRIPTION)
    public Stream<TowerResult> textTower(
            @Name(value = "modelName", description = Docs.MODEL_NAME) String modelName,
            @Name(value = "config", description = GcnTextTowerConfig.DOC) Map<String, Object> config) {
        String procedure = GcnTextTowerConfig.PROCEDURE;
        GcnTextTowerConfig cfg = GcnTextTowerConfig.parse(config);
        List<String> properties = cfg.featureProperties();
        double l2 = cfg.l2();
        int concurrency = cfg.concurrency();
        long start = System.nanoTime();
        TowerResult[] result = new TowerResult[1];
        runtime.models().update(procedure, db.databaseName(), modelName, stored -> {
            StoredModel fitted = fit(procedure, stored, properties, l2, concurrency, start, result);
            return fitted;
        });
        return Stream.of(result[0]);
    }

    private StoredModel fit(String procedure, StoredModel stored, List<String> properties, double l2, int concurrency,
            long start, TowerResult[] result) {
        String modelName = stored.name();
        ServingModel serving = runtime.models().serving(stored);
        RelationshipType[] types = UserItems.types(stored.relationshipTypes());
        int items = serving.items(), width = serving.width();
        float[][] rowsFeatures = new float[items][];
        int dimension = -1;
        long withoutFeatures = 0, withoutInteractions = 0;
        List<Integer> fitRows = new ArrayList<>();
        for (int row = 0; row < items; row++) {
            if (row % 10_000 == 0) {
                guard.check();
            }
            Node node = stored.node(tx, stored.model().users() + row);
            if (node == null) {
                continue; // deleted, or its id now belongs to another node
            }
            if (!properties.stream().allMatch(node::hasProperty)) {
                withoutFeatures++;
                continue;
            }
            float[] f = NodeVectors.features(procedure, node, properties);
            if (dimension < 0) {
                dimension = f.length;
            } else if (f.length != dimension) {
                throw new IllegalArgumentException(procedure + ": the featureProperties " + properties + " of "
                        + NodeVectors.describe(node) + " hold " + f.length + " values, those of other items " + dimension);
            }
            rowsFeatures[row] = f;
            if (foldedIn(stored, row)) {
                // its embedding came from a fold-in (neighbour mean or text), not from training: not a target to learn
                withoutInteractions++;
                continue;
            }
            if (UserItems.degree(node, types) == 0) {
                withoutInteractions++;
                continue;
            }
            fitRows.add(row);
        }
        if (fitRows.size() < 2) {
            throw new IllegalArgumentException(procedure + ": " + fitRows.size() + " of the " + items + " items of model '"
                    + modelName + "' have both the 'featureProperties' " + properties + " and interactions; at least 2 are needed ("
                    + withoutFeatures + " lack the properties)");
        }
        float[] features = new float[items * dimension];
        float[] targets = new float[items * width];
        for (int row = 0; row < items; row++) {
            if (rowsFeatures[row] != null) {
                System.arraycopy(rowsFeatures[row], 0, features, row * dimension, dimension);
            }
            System.arraycopy(serving.itemVector(row), 0, targets, row * width, width);
        }
        TextTower.Weights tower = TextTower.fit(features, dimension, targets, width,
                fitRows.stream().mapToInt(Integer::intValue).toArray(), l2, concurrency);
        long millis = (System.nanoTime() - start) / 1_000_000;
        log.info("%s %s: fitted on %d items (%d without %s, %d without interactions) in %d ms", procedure, modelName,
                fitRows.size(), withoutFeatures, properties, withoutInteractions, millis);
        result[0] = new TowerResult(modelName, fitRows.size(), withoutFeatures, withoutInteractions, dimension, width, l2,
                millis);
        return stored.withTextTower(tower, properties);
    }

    /** Fold-in appends rows whose ID embedding is zero; trained rows have a learned, non-zero one. */
    private static boolean foldedIn(StoredModel stored, int itemRow) {
        float[] ids = stored.model().idEmbeddings();
        int d = stored.model().parameters().embeddingDimension();
        int at = (stored.model().users() + itemRow) * d;
        if (ids == null || ids.length < at + d) {
            return false;
        }
        for (int c = 0; c < d; c++) {
            if (ids[at + c] != 0) {
                return false;
            }
        }
        return true;
    }

    public record TowerResult(
            @Description("The model the tower belongs to.")
            String modelName,
            @Description("Items it was fitted on (with the featureProperties and at least one interaction).")
            long fittedItems,
            @Description("Items of the model without all the featureProperties (not fitted on).")
            long itemsWithoutFeatures,
            @Description("Items with features but no interaction in the database, or added by rec.gcn.foldIn (not fitted on).")
            long itemsWithoutInteractions,
            @Description("The number of feature values per item.")
            long featureDimension,
            @Description("The model's embedding width the tower maps into.")
            long embeddingDimension,
            @Description("The ridge penalty used.")
            double l2,
            @Description("Milliseconds taken.")
            long millis) {}
}
