package rec4j.embed;

import java.util.function.Consumer;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Commits work in transactions of its own, each running with the security context of the procedure's caller
 * (so rec4j writes only what the caller may write), and counts what was committed.
 */
public final class BatchWriter {

    private final GraphDatabaseAPI db;
    private final InternalTransaction caller;
    private long committedBatches;

    public BatchWriter(GraphDatabaseService db, Transaction callerTransaction) {
        this.db = (GraphDatabaseAPI) db;
        this.caller = (InternalTransaction) callerTransaction;
    }

    /** Runs {@code work} in a new transaction as the caller and commits it. */
    public void commit(Consumer<Transaction> work) {
        try (InternalTransaction tx = db.beginTransaction(KernelTransaction.Type.EXPLICIT, LoginContext.AUTH_DISABLED)) {
            tx.overrideWith(caller.securityContext());
            work.accept(tx);
            tx.commit();
        }
        committedBatches++;
    }

    public long committedBatches() {
        return committedBatches;
    }
}
