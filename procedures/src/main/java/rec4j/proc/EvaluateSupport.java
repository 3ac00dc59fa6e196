package rec4j.proc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.TerminationGuard;
import rec4j.config.ConfigMap;

/**
 * What rec.evaluate.split and rec.evaluate.model share: reading the user-item interactions of the database (users and
 * items in node id order, a user's interactions by item, then relationship id) with the relationship properties asked
 * for, and the checks of labels, types and numbers.
 */
final class EvaluateSupport {

    /** The interactions: users / items by index (node ids ascending); per interaction its user, item, relationship id and the asked properties. */
    record Read(long[] userIds, long[] itemIds, int[] userOf, int[] itemOf, long[] relationshipIds, Object[][] properties) {
        int size() {
            return userOf.length;
        }
    }

    private EvaluateSupport() {}

    static Read read(String procedure, Transaction tx, TerminationGuard guard, String userLabel, String itemLabel,
            List<String> types, List<String> properties) {
        requireKnown(procedure, "nodeLabels", "label", List.of(userLabel, itemLabel),
                names(tx.getAllLabelsInUse()));
        if (!types.isEmpty()) {
            requireKnown(procedure, "relationshipTypes", "relationship type", types, names(tx.getAllRelationshipTypesInUse()));
        }
        if (userLabel.equals(itemLabel)) {
            throw new IllegalArgumentException(procedure + ": 'nodeLabels' must name two different labels, users then items, got "
                    + List.of(userLabel, itemLabel));
        }
        long[] itemIds = ids(tx, itemLabel);
        long[] userIds = ids(tx, userLabel);
        Map<Long, Integer> itemIndex = new HashMap<>();
        for (int i = 0; i < itemIds.length; i++) {
            itemIndex.put(itemIds[i], i);
        }
        RelationshipType[] relTypes = types.stream().map(RelationshipType::withName).toArray(RelationshipType[]::new);
        Label users = Label.label(userLabel);
        List<long[]> rows = new ArrayList<>(); // user, item, relationship id
        List<Object[]> values = new ArrayList<>();
        for (int u = 0; u < userIds.length; u++) {
            if (u % 10_000 == 0) {
                guard.check();
            }
            Node user = tx.getNodeById(userIds[u]);
            List<Relationship> mine = new ArrayList<>();
            for (Relationship r : rec4j.recommend.UserItems.relationships(user, relTypes)) {
                Node other = r.getOtherNode(user);
                if (itemIndex.containsKey(other.getId()) && !other.hasLabel(users)) {
                    mine.add(r);
                }
            }
            mine.sort((a, b) -> {
                int ia = itemIndex.get(a.getOtherNode(user).getId()), ib = itemIndex.get(b.getOtherNode(user).getId());
                return ia != ib ? Integer.compare(ia, ib) : Long.compare(a.getId(), b.getId());
            });
            for (Relationship r : mine) {
                rows.add(new long[] {u, itemIndex.get(r.getOtherNode(user).getId()), r.getId()});
                Object[] v = new Object[properties.size()];
                for (int p = 0; p < v.length; p++) {
                    v[p] = properties.get(p) == null ? null : r.getProperty(properties.get(p), null);
                }
                values.add(v);
            }
        }
        int n = rows.size();
        int[] userOf = new int[n], itemOf = new int[n];
        long[] relIds = new long[n];
        for (int e = 0; e < n; e++) {
            userOf[e] = (int) rows.get(e)[0];
            itemOf[e] = (int) rows.get(e)[1];
            relIds[e] = rows.get(e)[2];
        }
        return new Read(userIds, itemIds, userOf, itemOf, relIds, values.toArray(new Object[0][]));
    }

    /**
     * Per interaction: is it a positive (rating >= minRating, or every interaction when minRating is null)? A rating that
     * is missing or not a number is an error naming how many there are.
     */
    static boolean[] positives(String procedure, Read read, int column, String ratingProperty, Double minRating) {
        boolean[] positive = new boolean[read.size()];
        long missing = 0;
        Object example = null;
        for (int e = 0; e < positive.length; e++) {
            if (minRating == null) {
                positive[e] = true;
                continue;
            }
            Object v = read.properties()[e][column];
            if (v instanceof Number number) {
                positive[e] = number.doubleValue() >= minRating;
            } else {
                missing++;
                if (example == null && v != null) {
                    example = v;
                }
            }
        }
        if (missing > 0) {
            throw new IllegalArgumentException(procedure + ": 'minRating' needs a number in '" + ratingProperty + "' of every "
                    + "interaction; " + missing + " of " + positive.length + " have none"
                    + (example == null ? "" : " (e.g. " + rec4j.embed.EntityTextEmbedder.typeName(example) + ")"));
        }
        return positive;
    }

    /** A number key that must lie strictly between 0 and 1. */
    static double openFraction(String procedure, ConfigMap map, String key, double defaultValue) {
        double v = map.number(key, defaultValue);
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException(procedure + ": '" + key + "' must be in (0, 1) (exclusive), got " + v);
        }
        return v;
    }

    static List<String> labels(String procedure, ConfigMap map, List<String> defaultValue) {
        List<String> labels = map.stringList("nodeLabels", defaultValue);
        if (labels.size() != 2) {
            throw new IllegalArgumentException(procedure + ": 'nodeLabels' must name two labels, users then items, got " + labels);
        }
        return labels;
    }

    private static long[] ids(Transaction tx, String label) {
        List<Long> ids = new ArrayList<>();
        try (ResourceIterator<Node> nodes = tx.findNodes(Label.label(label))) {
            nodes.forEachRemaining(n -> ids.add(n.getId()));
        }
        long[] out = ids.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return out;
    }

    private static List<String> names(Iterable<?> tokens) {
        List<String> names = new ArrayList<>();
        for (Object t : tokens) {
            names.add(t instanceof Label l ? l.name() : ((RelationshipType) t).name());
        }
        names.sort(null);
        return names;
    }

    private static void requireKnown(String procedure, String key, String what, List<String> asked, List<String> inUse) {
        for (String name : asked) {
            if (!inUse.contains(name)) {
                throw new IllegalArgumentException(procedure + ": '" + key + "': no " + what + " '" + name
                        + "' in the database; it has " + inUse);
            }
        }
    }

    /**
     * The 'ease' baseline: EASE fitted on the split's training interactions, with easeLambda or the lambda picked on a
     * validation part of them ({@link rec4j.ease.EaseFit}); refused first when it does not fit the memory.
     */
    static rec4j.evaluate.OfflineEvaluation.Scorer easeBaseline(rec4j.evaluate.OfflineEvaluation.Input in,
            EvaluateModelConfig cfg, java.util.function.BooleanSupplier terminated) {
        int[][] train = in.train();
        long interactions = java.util.Arrays.stream(train).mapToLong(r -> r.length).sum();
        rec4j.gcn.GcnMemoryEstimate.Estimate e = rec4j.ease.Ease.estimate(in.users(), in.items(), interactions,
                cfg.concurrency());
        rec4j.gcn.MemoryGuard.check(EvaluateModelConfig.PROCEDURE, e, false, "the baselines (leave out 'ease')");
        rec4j.gcn.MemoryGuard.checkOffHeap(EvaluateModelConfig.PROCEDURE, e.components().get("offHeapGram"), false,
                "the baselines (leave out 'ease')");
        int[] userOf = new int[(int) interactions], itemOf = new int[(int) interactions];
        int at = 0;
        for (int u = 0; u < train.length; u++) {
            for (int i : train[u]) {
                userOf[at] = u;
                itemOf[at++] = i;
            }
        }
        rec4j.gcn.Interactions data = rec4j.gcn.Interactions.of(in.users(), in.items(), userOf, itemOf, null, null, 0);
        rec4j.ease.EaseFit.Outcome o;
        try {
            o = rec4j.ease.EaseFit.fit(data, cfg.easeLambda(), EaseTrainConfig.VALIDATION_FRACTION,
                    rec4j.config.Defaults.RANDOM_SEED, cfg.concurrency(), terminated);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(EvaluateModelConfig.PROCEDURE + ": the 'ease' baseline: " + bad.getMessage()
                    .replace("'lambda'", "'easeLambda'"));
        }
        return rec4j.ease.EaseFit.scorer(o.model(), in);
    }
}
