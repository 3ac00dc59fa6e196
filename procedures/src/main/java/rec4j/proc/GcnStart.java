package rec4j.proc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;
import rec4j.Rec4jRuntime;
import rec4j.gcn.GcnModel;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.GdsInteractions;
import rec4j.gcn.Interactions;
import rec4j.gcn.WarmStart;
import rec4j.model.StoredModel;
import rec4j.recommend.ServingModel;

/**
 * What GCN training starts from besides the projected graph, read from the database by the nodes' ids: hard negatives
 * from logged impressions (hardNegativeType) and a warm start from an earlier model (initialModel).
 */
record GcnStart(Transaction tx, Log log, TerminationGuard guard) {

    /**
     * The warm start from an earlier model (see initialModel): its layer-0 rows for the nodes it still recognises (the
     * same checks as serving: id, label and key), the fold-in for the others.
     */
    WarmStart warmStart(GcnTrainConfig c, GdsInteractions.Loaded loaded, Initial initial) {
        int[] userFrom = rows(loaded.userNodeIds(), initial.serving(), true);
        int[] itemFrom = rows(loaded.itemNodeIds(), initial.serving(), false);
        GcnModel m = initial.model();
        WarmStart warm = WarmStart.from(loaded.data(), c.parameters().embeddingDimension(), m.idEmbeddings(), m.users(),
                userFrom, itemFrom);
        log.info("%s %s: warm start from model '%s': %d nodes from it, %d folded in, %d new at random", c.procedure(),
                c.modelName() == null ? "(stats)" : c.modelName(), initial.serving().name(), warm.known(), warm.foldedIn(),
                loaded.data().nodes() - warm.known() - warm.foldedIn());
        return warm;
    }

    /**
     * The initialModel of a config, checked against it (graph-only, same labels and embeddingDimension), or null.
     */
    static Initial initial(Rec4jRuntime runtime, String database, GcnTrainConfig c) {
        if (c.initialModel() == null) {
            return null;
        }
        StoredModel stored = runtime.models().require(c.procedure(), database, c.initialModel());
        GcnParameters old = stored.model().parameters();
        if (old.fusion() != GcnParameters.Fusion.NONE || c.parameters().fusion() != GcnParameters.Fusion.NONE) {
            throw new IllegalArgumentException(c.procedure() + ": 'initialModel' '" + c.initialModel() + "' warm-starts "
                    + "graph-only training (fusion 'none' or 'tower') from a graph-only model; this one "
                    + (old.fusion() != GcnParameters.Fusion.NONE ? "was trained with fusion '" + old.fusion().name().toLowerCase(java.util.Locale.ROOT) + "'"
                    : "is asked for fusion '" + c.parameters().fusion().name().toLowerCase(java.util.Locale.ROOT) + "'"));
        }
        if (old.embeddingDimension() != c.parameters().embeddingDimension()) {
            throw new IllegalArgumentException(c.procedure() + ": 'initialModel' '" + c.initialModel() + "' has "
                    + "embeddingDimension " + old.embeddingDimension() + ", the training asks for "
                    + c.parameters().embeddingDimension() + "; they must be equal");
        }
        if (!stored.userLabel().equals(c.labels().get(0)) || !stored.itemLabel().equals(c.labels().get(1))) {
            throw new IllegalArgumentException(c.procedure() + ": 'initialModel' '" + c.initialModel() + "' was trained on "
                    + "nodeLabels " + List.of(stored.userLabel(), stored.itemLabel()) + ", the training is on " + c.labels());
        }
        return new Initial(stored.model(), runtime.models().serving(stored));
    }

    /** An earlier model to warm-start from: its parameters and its serving form (which maps nodes to its rows). */
    record Initial(GcnModel model, ServingModel serving) {}

    /** Per node id, the earlier model's row of that node (checked as serving checks it), or -1. */
    private int[] rows(long[] nodeIds, ServingModel initial, boolean users) {
        int[] from = new int[nodeIds.length];
        for (int n = 0; n < nodeIds.length; n++) {
            Node node = node(n, nodeIds[n]);
            from[n] = node == null ? -1 : users ? initial.userRow(node) : initial.itemRow(node);
        }
        return from;
    }

    /** The live node of an id, or null when it was deleted; checks termination every 1,024 calls ({@code n}). */
    private Node node(int n, long id) {
        if ((n & 0x3FF) == 0) {
            guard.check();
        }
        try {
            return tx.getNodeById(id);
        } catch (NotFoundException deleted) {
            return null;
        }
    }

    /**
     * Per user row, the items the user has a hardNegativeType relationship to (shown) and no interaction with in the
     * graph, read from the database by the nodes' ids; logs how many.
     */
    GcnTrainer.HardNegatives hardNegatives(GcnTrainConfig c, GdsInteractions.Loaded loaded) {
        Interactions data = loaded.data();
        Map<Long, Integer> itemRow = new HashMap<>();
        for (int i = 0; i < loaded.itemNodeIds().length; i++) {
            itemRow.put(loaded.itemNodeIds()[i], i);
        }
        RelationshipType type = RelationshipType.withName(c.hardNegativeType());
        int[][] items = new int[data.users()][];
        long pairs = 0;
        for (int u = 0; u < data.users(); u++) {
            Node user = node(u, loaded.userNodeIds()[u]);
            if (user == null) {
                items[u] = new int[0];
                continue;
            }
            TreeSet<Integer> shown = new TreeSet<>();
            for (Relationship r : user.getRelationships(Direction.OUTGOING, type)) {
                Integer row = itemRow.get(r.getEndNodeId());
                if (row != null && !data.isPositive(u, row)) {
                    shown.add(row);
                }
            }
            items[u] = shown.stream().mapToInt(Integer::intValue).toArray();
            pairs += items[u].length;
        }
        log.info("%s %s: %d (user, item) pairs shown and not taken (%s) are hard negatives at rate %s", c.procedure(),
                c.modelName() == null ? "(stats)" : c.modelName(), pairs, c.hardNegativeType(), c.hardNegativeRate());
        return new GcnTrainer.HardNegatives(items, c.hardNegativeRate());
    }
}
