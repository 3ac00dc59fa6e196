package rec4j.proc;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import rec4j.embed.BatchWriter;
import rec4j.evaluate.HoldoutSplit;

/** {@code rec.evaluate.split}: a seeded train/test holdout of user-item interactions, recorded on the relationships. */
public class EvaluateSplitProc {

    static final String PROCEDURE = EvaluateSplitConfig.PROCEDURE;

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = PROCEDURE, mode = Mode.WRITE)
    @Description("Splits the interactions between users and items into training and test, reproducibly for a seed, and "
            + "records it on each relationship: splitProperty = 'train' or 'test'. Strategies: 'random' (per user, "
            + "round(n x testFraction) of the user's n positives, keeping at least one for training), 'temporal' (per user "
            + "the latest by timestampProperty), 'coldItems' (round(items x testFraction) of the items, with all their "
            + "interactions). With minRating, only interactions rated >= minRating are positives; the others lose the "
            + "split property (neither train nor test). Everything is checked before anything is written; writes go "
            + "in batched transactions with the caller's rights.")
    public Stream<SplitResult> split(
            @Name(value = "config", defaultValue = "{}", description = EvaluateSplitConfig.DOC) Map<String, Object> config) {
        long start = System.nanoTime();
        EvaluateSplitConfig cfg = EvaluateSplitConfig.parse(config);
        List<String> labels = cfg.labels();
        List<String> types = cfg.types();
        String strategyName = cfg.strategyName();
        HoldoutSplit.Strategy strategy = cfg.strategy();
        double fraction = cfg.testFraction();
        Double minRating = cfg.minRating();
        String ratingProperty = cfg.ratingProperty();
        String timestampProperty = cfg.timestampProperty();
        String splitProperty = cfg.splitProperty();
        int seed = cfg.seed();
        int batchSize = cfg.batchSize();

        if (minRating != null) {
            requireProperty("'minRating' needs a number in '" + ratingProperty + "' of every interaction", ratingProperty,
                    "ratingProperty");
        }
        if (strategy == HoldoutSplit.Strategy.TEMPORAL) {
            requireProperty("strategy 'temporal' needs a number in '" + timestampProperty + "' of every positive interaction",
                    timestampProperty, "timestampProperty");
        }

        EvaluateSupport.Read read = EvaluateSupport.read(PROCEDURE, tx, guard, labels.get(0), labels.get(1), types,
                Arrays.asList(minRating == null ? null : ratingProperty,
                        strategy == HoldoutSplit.Strategy.TEMPORAL ? timestampProperty : null));
        if (read.size() == 0) {
            throw new IllegalArgumentException(PROCEDURE + ": no relationship" + (types.isEmpty() ? "" : " of " + types)
                    + " between '" + labels.get(0) + "' and '" + labels.get(1) + "' nodes");
        }
        boolean[] positive = EvaluateSupport.positives(PROCEDURE, read, 0, ratingProperty, minRating);
        int[] index = java.util.stream.IntStream.range(0, read.size()).filter(e -> positive[e]).toArray();
        int[] userOf = new int[index.length], itemOf = new int[index.length];
        double[] time = strategy == HoldoutSplit.Strategy.TEMPORAL ? new double[index.length] : null;
        long noTime = 0;
        for (int k = 0; k < index.length; k++) {
            userOf[k] = read.userOf()[index[k]];
            itemOf[k] = read.itemOf()[index[k]];
            if (time != null) {
                Object t = read.properties()[index[k]][1];
                if (t instanceof Number n) {
                    time[k] = n.doubleValue();
                } else {
                    noTime++;
                }
            }
        }
        if (noTime > 0) {
            throw new IllegalArgumentException(PROCEDURE + ": strategy 'temporal' needs a number in '" + timestampProperty
                    + "' of every positive interaction; " + noTime + " of " + index.length + " have none (set "
                    + "'timestampProperty')");
        }
        if (index.length == 0) {
            throw new IllegalArgumentException(PROCEDURE + ": no interaction is a positive ('" + ratingProperty + "' >= "
                    + minRating + "); nothing to split");
        }
        HoldoutSplit.Result split = HoldoutSplit.split(read.userIds().length, read.itemIds().length, userOf, itemOf, time,
                strategy, fraction, seed);
        if (split.testCount() == 0) {
            throw new IllegalArgumentException(PROCEDURE + ": testFraction " + fraction + " holds out no interaction of the "
                    + index.length + " positives (" + strategyName + "; a user keeps at least one training interaction, "
                    + "and coldItems keeps at least one item); raise 'testFraction'");
        }

        // what to write per relationship: 1 train, 2 test, 0 not a positive (property removed)
        byte[] code = new byte[read.size()];
        for (int k = 0; k < index.length; k++) {
            code[index[k]] = (byte) (split.test()[k] ? 2 : 1);
        }
        BatchWriter writer = new BatchWriter(db, tx);
        long[] missing = {0};
        for (int from = 0; from < code.length; from += batchSize) {
            guard.check();
            int first = from, last = Math.min(code.length, from + batchSize);
            writer.commit(wtx -> {
                for (int e = first; e < last; e++) {
                    Relationship r;
                    try {
                        r = wtx.getRelationshipById(read.relationshipIds()[e]);
                    } catch (NotFoundException deleted) {
                        missing[0]++;
                        continue;
                    }
                    if (code[e] == 0) {
                        r.removeProperty(splitProperty);
                    } else {
                        r.setProperty(splitProperty, code[e] == 2 ? "test" : "train");
                    }
                }
            });
        }
        long test = split.testCount();
        long train = index.length - test;
        long ignored = read.size() - index.length;
        log.info("%s %s (seed %d): %d train, %d test, %d not positive, %d users with test interactions, %d cold items; "
                + "%d relationships deleted meanwhile", PROCEDURE, strategyName, seed, train, test, ignored,
                split.usersWithTest(), split.coldItems().length, missing[0]);
        return Stream.of(new SplitResult(strategyName, splitProperty, train, test, ignored, read.userIds().length,
                split.usersWithTest(), read.itemIds().length, split.coldItems().length, writer.committedBatches(),
                (System.nanoTime() - start) / 1_000_000));
    }

    /** Fails with {@code need} when no node or relationship has {@code property}, the value of the key {@code key}. */
    private void requireProperty(String need, String property, String key) {
        for (String known : tx.getAllPropertyKeys()) {
            if (known.equals(property)) {
                return;
            }
        }
        throw new IllegalArgumentException(PROCEDURE + ": " + need + ", but no node or relationship in the database has a "
                + "property '" + property + "' (set '" + key + "')");
    }

    public record SplitResult(
            @Description("The strategy used.")
            String strategy,
            @Description("The relationship property that holds 'train' or 'test'.")
            String splitProperty,
            @Description("Positive interactions marked 'train'.")
            long trainRelationships,
            @Description("Positive interactions marked 'test'.")
            long testRelationships,
            @Description("Interactions below minRating: neither train nor test (their split property is removed).")
            long ignoredRelationships,
            @Description("Nodes with the user label.")
            long users,
            @Description("Users with at least one test interaction.")
            long usersWithTest,
            @Description("Nodes with the item label.")
            long items,
            @Description("Items held out with all their interactions (coldItems; 0 otherwise).")
            long coldItems,
            @Description(Docs.COMMITTED_BATCHES)
            long committedBatches,
            @Description("Milliseconds spent reading, splitting and writing.")
            long millis) {}
}
