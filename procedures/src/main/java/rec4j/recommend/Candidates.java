package rec4j.recommend;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.InternalIndexState;
import rec4j.serving.Ranker;
import rec4j.serving.Vectors;

/**
 * Where the items of a recommendation come from and in which order: exact scores over the whole catalog, or for
 * large catalogs candidates from the model's vector index, over-fetched and re-scored exactly; exclusions and the
 * allowed list as cheap tests on every row; the node check (the row's node is still the model's node) and the
 * property filter lazily, in score order; then MMR when diversity > 0.
 *
 * @param candidates    'auto' | 'exact' | 'index'
 * @param exactMaxItems catalogs up to this size are ranked exactly under 'auto'
 */
public record Candidates(int k, ItemFilter filter, List<Node> items, double diversity, String candidates, String indexName,
        int overFetch, int exactMaxItems) {

    /** The most items one call returns. */
    public static final int MAX_K = 10_000;

    /** The same, ranked exactly over the model given (e.g. a model of the vector index's candidates only). */
    public Candidates exact() {
        return new Candidates(k, filter, items, diversity, "exact", indexName, overFetch, exactMaxItems);
    }

    /** How many items are ranked before MMR picks k of them (k without diversity). */
    public int pool() {
        return diversity > 0 ? Math.min(MAX_K, Math.max(5 * k, 50)) : k;
    }

    /** Ranks the items for a query (null query: no index use, e.g. popularity); {@code excluded} rows never appear. */
    public List<Ranker.Ranked> rank(Transaction tx, ServingModel model, Ranker.Scorer scorer, float[] query,
            Set<Integer> excluded) {
        BitSet excludedRows = new BitSet(model.items());
        excluded.forEach(excludedRows::set);
        BitSet allowedRows = null;
        if (items != null) {
            allowedRows = new BitSet(model.items());
            for (Node n : items) {
                int row = model.itemRow(n);
                if (row >= 0) {
                    allowedRows.set(row);
                }
            }
        }
        BitSet allowed = allowedRows;
        IntPredicate eligible = row -> !excludedRows.get(row) && (allowed == null || allowed.get(row));
        IntPredicate accept = row -> {
            Node node = model.itemNode(tx, row);
            return node != null && (filter.isEmpty() || filter.matches(node));
        };
        int pool = pool();
        List<Ranker.Ranked> ranked = useIndex(tx, model, query)
                ? fromIndex(tx, model, scorer, query, pool, excluded.size(), eligible, accept)
                : Ranker.top(model.items(), scorer, pool, eligible, accept);
        return Ranker.diversify(model.space(), ranked, k, diversity);
    }

    /**
     * Whether to take candidates from the vector index {@code name}: always in 'index' mode (an IllegalArgumentException
     * when there is no such index; one that is not online is refused by {@link VectorIndex#nearest}), in 'auto' mode
     * when it exists and is online (while it is populated, e.g. rebuilt after retraining, 'auto' ranks exactly).
     */
    public static boolean indexUsable(Transaction tx, String candidates, String name, String create) {
        InternalIndexState state = VectorIndex.state(tx, name);
        if (state == null && candidates.equals("index")) {
            throw new IllegalArgumentException("'candidates' is 'index' but there is no vector index '" + name
                    + "'; create it with " + create);
        }
        return state == InternalIndexState.ONLINE || (state != null && candidates.equals("index"));
    }

    /**
     * A query of a vector index over MIPS-augmented item vectors (see rec.recommend.createIndex): the unit query with a
     * 0 appended, so that the index's cosine orders the items as the dot product does.
     */
    public static float[] indexQuery(float[] query) {
        return Arrays.copyOf(Vectors.unit(query), query.length + 1);
    }

    private boolean useIndex(Transaction tx, ServingModel model, float[] query) {
        if (query == null || candidates.equals("exact") || (candidates.equals("auto") && model.items() <= exactMaxItems)) {
            return false;
        }
        if (!VectorIndex.searchable(query)) { // no direction to search: every item scores the same, exactly
            return false;
        }
        return indexUsable(tx, candidates, indexName, "rec.recommend.createIndex('" + model.name() + "')");
    }

    /**
     * Candidates from the model's vector index (maximum inner product search as cosine over augmented vectors, see
     * rec.recommend.createIndex), over-fetched, then re-scored exactly; the fetch grows until enough candidates survive
     * the exclusions and checks, or the whole catalog was fetched.
     */
    private List<Ranker.Ranked> fromIndex(Transaction tx, ServingModel model, Ranker.Scorer scorer, float[] query, int pool,
            int excludedCount, IntPredicate eligible, IntPredicate accept) {
        float[] q = indexQuery(query);
        long fetch = (long) (pool + excludedCount) * overFetch;
        while (true) {
            int n = (int) Math.min(fetch, model.items());
            int[] rows = new int[n];
            int count = 0;
            for (long id : VectorIndex.nearest(tx, indexName, q, n)) {
                // unchecked here: the node check runs once, lazily in score order, in accept
                int row = model.rowHoldingId(false, id);
                if (row >= 0 && eligible.test(row)) {
                    rows[count++] = row;
                }
            }
            List<Ranker.Ranked> ranked = Ranker.topAmong(Arrays.copyOf(rows, count), scorer, pool, accept);
            if (ranked.size() >= pool || n >= model.items()) {
                return ranked;
            }
            fetch *= 4;
        }
    }
}
