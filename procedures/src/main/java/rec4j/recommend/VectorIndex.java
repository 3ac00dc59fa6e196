package rec4j.recommend;

import java.util.Arrays;
import org.neo4j.common.EntityType;
import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.IndexQueryConstraints;
import org.neo4j.internal.kernel.api.InternalIndexState;
import org.neo4j.internal.kernel.api.NodeValueIndexCursor;
import org.neo4j.internal.kernel.api.PropertyIndexQuery;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.internal.schema.IndexType;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.values.storable.NumberValue;
import rec4j.serving.Vectors;

/**
 * Nearest-neighbour queries of a Neo4j node vector index through the kernel's index seek: what
 * {@code db.index.vector.queryNodes} does, without running a Cypher query inside the procedure for each request
 * (about 0.3-0.4 ms less per query of 120 candidates at 50,000 items, half the cost of the search itself). The seek
 * runs in the caller's transaction, with the caller's rights.
 */
public final class VectorIndex {

    private VectorIndex() {}

    /** Whether the database has an index of that name, and in which state: null when it has none. */
    public static InternalIndexState state(Transaction tx, String name) {
        KernelTransaction ktx = kernel(tx);
        IndexDescriptor index = ktx.schemaRead().indexGetForName(name);
        if (index == IndexDescriptor.NO_INDEX) {
            return null;
        }
        try {
            return ktx.schemaRead().indexGetState(index);
        } catch (KernelException dropped) { // dropped since it was looked up
            return null;
        }
    }

    /** Whether a query has a direction to search: a norm above 0 and finite (else {@link #nearest} refuses it). */
    public static boolean searchable(float[] query) {
        float norm = Vectors.norm(query);
        return norm > 0 && Float.isFinite(norm);
    }

    /**
     * The ids of at most {@code n} nodes of the online node vector index {@code name} nearest to {@code query}, nearest
     * first. A query of norm 0, or not finite, is refused.
     *
     * @throws IllegalArgumentException when there is no such index, it is not a node vector index, it is not online,
     *     or its vectors have another dimension than the query
     */
    public static long[] nearest(Transaction tx, String name, float[] query, int n) {
        if (!searchable(query)) {
            throw new IllegalArgumentException("the query vector for the vector index '" + name + "' has norm "
                    + Vectors.norm(query) + ", which gives no direction to search; rank exactly (candidates: 'exact')");
        }
        KernelTransaction ktx = kernel(tx);
        IndexDescriptor index = ktx.schemaRead().indexGetForName(name);
        if (index == IndexDescriptor.NO_INDEX || index.getIndexType() != IndexType.VECTOR
                || index.schema().entityType() != EntityType.NODE) {
            throw new IllegalArgumentException("'indexName' is '" + name + "', which is not a vector index on nodes; "
                    + "create it with rec.recommend.createIndex");
        }
        if (index.getIndexConfig().get("vector.dimensions") instanceof NumberValue d && d.longValue() != query.length) {
            throw new IllegalArgumentException("the vector index '" + name + "' holds vectors of " + d.longValue()
                    + " dimensions, but the model's queries have " + query.length + "; run rec.recommend.createIndex "
                    + "again after retraining");
        }
        try (NodeValueIndexCursor cursor = ktx.cursors().allocateNodeValueIndexCursor(ktx.cursorContext(),
                ktx.memoryTracker())) {
            InternalIndexState state = ktx.schemaRead().indexGetState(index);
            if (state != InternalIndexState.ONLINE) {
                throw new IllegalArgumentException("the vector index '" + name + "' is " + state + ", not ONLINE; wait "
                        + "for it with CALL db.awaitIndex('" + name + "') or rank exactly (candidates: 'exact')");
            }
            Read read = ktx.dataRead();
            read.nodeIndexSeek(ktx.queryContext(), read.indexReadSession(index), cursor,
                    IndexQueryConstraints.unconstrained(), PropertyIndexQuery.nearestNeighbors(n, query));
            long[] ids = new long[n];
            int count = 0;
            while (count < n && cursor.next()) {
                ids[count++] = cursor.nodeReference();
            }
            return count == n ? ids : Arrays.copyOf(ids, count);
        } catch (KernelException e) { // dropped meanwhile, or failed
            throw new IllegalArgumentException("the vector index '" + name + "' cannot be queried: " + e.getMessage(), e);
        }
    }

    private static KernelTransaction kernel(Transaction tx) {
        return ((InternalTransaction) tx).kernelTransaction();
    }
}
