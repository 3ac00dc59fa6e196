package rec4j.recommend;

import java.util.List;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import rec4j.evaluate.Calibration;
import rec4j.serving.ItemSpace;
import rec4j.serving.Ranker;
import rec4j.serving.Vectors;

/**
 * A model as recommendations read it: its embedding space (plain arrays, {@link ItemSpace}) and how its rows map to
 * live nodes - the user and item labels and the {@link NodeIdentity} that tells a node the model was trained on from
 * one that took over its id. Built by the catalog once per stored model (see ModelCatalog#serving), or from vectors
 * kept on nodes ({@link PropertyModel}).
 *
 * @param name              the model's name, for messages
 * @param relationshipTypes the interactions it learned from (the user's own items to exclude)
 * @param itemItem          the space's coordinates are the items themselves (EASE: item i's vector holds B[j][i] for
 *                          every item j): a set of items is queried as its indicator vector, an item as its unit
 *                          vector, and a contribution is B[j][i]; otherwise (an embedding model) a set of items is
 *                          queried as the mean of their embeddings and a contribution is a dot product of embeddings
 * @param calibration       maps the score of a user's own query (a GCN user's vector, an EASE user's items) to a
 *                          probability of interaction; null when the model has none
 * @param hybrid            a hybrid's EASE part, blended with this (GCN) model's scores; null for a plain model
 */
public record ServingModel(String name, ItemSpace space, String userLabel, String itemLabel, NodeIdentity identity,
        List<String> relationshipTypes, boolean itemItem, Calibration.Platt calibration, Hybrid hybrid) {

    /**
     * The EASE part of a hybrid: per user, the z-scores of this model's dot products and of EASE's scores over the
     * items are mixed as {@code weight * gcn + (1 - weight) * ease} ({@link rec4j.evaluate.Blend#mix}).
     *
     * @param easeRow per item row of the GCN part, the item's row in the EASE part (-1: EASE does not know it)
     */
    public record Hybrid(ServingModel ease, double weight, int[] easeRow) {}

    /** An embedding model's serving form. */
    public ServingModel(String name, ItemSpace space, String userLabel, String itemLabel, NodeIdentity identity,
            List<String> relationshipTypes) {
        this(name, space, userLabel, itemLabel, identity, relationshipTypes, false, null, null);
    }

    /** This model with a calibration (null: none). */
    public ServingModel withCalibration(Calibration.Platt value) {
        return new ServingModel(name, space, userLabel, itemLabel, identity, relationshipTypes, itemItem, value, hybrid);
    }

    /** This (GCN) model blended with an EASE model's scores: a hybrid. */
    public ServingModel withHybrid(ServingModel ease, double weight) {
        int[] easeRow = new int[items()];
        for (int row = 0; row < easeRow.length; row++) {
            long id = space.nodeId(false, row);
            int r = id == ItemSpace.NO_NODE ? -1 : ease.rowHoldingId(false, id);
            // the same node only: a row of the other part that holds the id for another node (reused id) is not it
            easeRow[row] = r >= 0 && java.util.Objects.equals(identityKey(row), ease.identityKey(r)) ? r : -1;
        }
        return new ServingModel(name, space, userLabel, itemLabel, identity, relationshipTypes, itemItem, calibration,
                new Hybrid(ease, weight, easeRow));
    }

    /** An item row's node fingerprint (null without fingerprints), to tell two parts' rows of one node. */
    private Long identityKey(int row) {
        return identity.hasFingerprints() && identity.itemFingerprints() != null ? identity.itemFingerprints()[row] : null;
    }

    /**
     * A hybrid's blended score of every item row for a user: this model's dot products with {@code query} and the EASE
     * part's scores of the user's {@code items} (rows of this model), each standardised, then mixed.
     */
    public float[] hybridScores(float[] query, int[] items) {
        int n = items();
        float[] gcn = new float[n], ease = new float[n];
        int[] easeItems = java.util.Arrays.stream(items).map(row -> hybrid.easeRow()[row]).filter(r -> r >= 0).toArray();
        Ranker.Scorer easeScorer = hybrid.ease().scorer(hybrid.ease().queryFromItems(easeItems), false);
        space.scores(query, java.util.stream.IntStream.range(0, n).toArray(), gcn);
        for (int row = 0; row < n; row++) {
            ease[row] = hybrid.easeRow()[row] < 0 ? Float.NaN : easeScorer.score(hybrid.easeRow()[row]);
        }
        rec4j.evaluate.Blend.mix(gcn, ease, hybrid.weight());
        return gcn;
    }

    /** An item-item model's serving form (see {@code itemItem}); it has no user rows. */
    public static ServingModel itemItem(String name, ItemSpace space, String userLabel, String itemLabel,
            NodeIdentity identity, List<String> relationshipTypes) {
        return new ServingModel(name, space, userLabel, itemLabel, identity, relationshipTypes, true, null, null);
    }

    /** The query of a set of the model's items (a user's items, seed items): see {@code itemItem}. */
    public float[] queryFromItems(int[] rows) {
        return queryFromItems(rows, null);
    }

    /**
     * The query of a set of the model's items, each weighted (null: each 1): the weighted mean of their embeddings, or
     * for an item-item model their weighted indicator vector.
     */
    public float[] queryFromItems(int[] rows, float[] weights) {
        if (!itemItem) {
            return Vectors.weightedMean(space, rows, weights);
        }
        float[] q = new float[space.width()];
        for (int k = 0; k < rows.length; k++) {
            q[rows[k]] = weights == null ? 1 : weights[k];
        }
        return q;
    }

    /** The query of one item: its embedding, or for an item-item model its unit vector (scores B[row][·]). */
    public float[] queryForItem(int row) {
        return itemItem ? queryFromItems(new int[] {row}) : space.itemVector(row);
    }

    /**
     * Scores items against a query: dot products (divided by the item's norm with {@code cosine}); for an item-item
     * model only the query's non-zero coordinates are read, and cosine does not apply (a score is a sum of B[j][i]).
     */
    public Ranker.Scorer scorer(float[] query, boolean cosine) {
        if (!itemItem) {
            return Ranker.byQuery(space, query, cosine);
        }
        int[] nonZero = java.util.stream.IntStream.range(0, query.length).filter(j -> query[j] != 0).toArray();
        return row -> {
            float s = 0;
            for (int j : nonZero) {
                s += query[j] * space.itemValue(row, j);
            }
            return s;
        };
    }

    /** How much the model's item {@code via} adds to the score of item {@code row} (see {@code itemItem}). */
    public float contribution(int via, int row) {
        return itemItem ? space.itemValue(row, via) : space.itemDot(via, row);
    }

    public int width() {
        return space.width();
    }

    public int items() {
        return space.items();
    }

    /**
     * The row of a user node, or -1 when the model has no embedding for it: also when the node only took over the id
     * of a deleted node the model was trained on (its label or key differs).
     */
    public int userRow(Node node) {
        int row = space.rowHoldingId(true, node.getId());
        return row >= 0 && identity.matches(true, row, node, userLabel) ? row : -1;
    }

    /** The row of an item node, or -1 when the model has no embedding for it (checked as {@link #userRow}). */
    public int itemRow(Node node) {
        int row = space.rowHoldingId(false, node.getId());
        return row >= 0 && identity.matches(false, row, node, itemLabel) ? row : -1;
    }

    /** The embedding row (users, then items) of a user or item node, or -1 (checked as {@link #userRow}). */
    public int row(Node node) {
        int user = userRow(node);
        if (user >= 0) {
            return user;
        }
        int item = itemRow(node);
        return item < 0 ? -1 : space.users() + item;
    }

    /** The live node of item {@code row}, or null when it was deleted or its id now belongs to another node. */
    public Node itemNode(Transaction tx, int row) {
        return identity.live(tx, false, row, space.nodeId(false, row), itemLabel);
    }

    /** The row holding a node id on one side, unchecked (a fold-in retires such rows of reused ids). */
    public int rowHoldingId(boolean user, long nodeId) {
        return space.rowHoldingId(user, nodeId);
    }

    public float[] userVector(int row) {
        return space.userVector(row);
    }

    public float[] itemVector(int row) {
        return space.itemVector(row);
    }
}
