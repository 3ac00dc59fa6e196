package rec4j.recommend;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.schema.ConstraintDefinition;
import org.neo4j.graphdb.schema.ConstraintType;

/**
 * How a model recognises its nodes after deletes and id reuse. A row stores the node's internal id, which Neo4j
 * reuses for a node created after a delete; so each row also stores a fingerprint of the node's key: the values of
 * the properties of a uniqueness or node-key constraint on the model's user (item) label, found at training time.
 * A live node is the row's node only when it still has the label and its key hashes to the stored fingerprint.
 * Without such a constraint the check is the label alone (and the model says so: {@code userKeys}/{@code itemKeys}
 * empty). Models from format versions before 4 carry no fingerprints and are checked by label.
 *
 * @param userKeys          key properties of the user label (empty: label only)
 * @param itemKeys          key properties of the item label (empty: label only)
 * @param userFingerprints  per user row (null: label only)
 * @param itemFingerprints  per item row (null: label only)
 */
public record NodeIdentity(List<String> userKeys, List<String> itemKeys, long[] userFingerprints, long[] itemFingerprints) {

    /** A model that checks labels only (older model files, vectors read from node properties). */
    public static final NodeIdentity LABELS_ONLY = new NodeIdentity(List.of(), List.of(), null, null);

    /** Node ids of retired rows (a node that took over a deleted node's id was folded in again): never served. */
    public static final long RETIRED = rec4j.serving.ItemSpace.NO_NODE;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** The identity of freshly trained rows: the constraint keys of each label and every row's fingerprint. */
    public static NodeIdentity of(Transaction tx, String userLabel, String itemLabel, long[] userIds, long[] itemIds,
            Runnable check) {
        List<String> userKeys = keyProperties(tx, userLabel);
        List<String> itemKeys = keyProperties(tx, itemLabel);
        return new NodeIdentity(userKeys, itemKeys, fingerprints(tx, userIds, userKeys, check),
                fingerprints(tx, itemIds, itemKeys, check));
    }

    /** The properties of the smallest uniqueness or node-key constraint on the label (by name on ties), or none. */
    public static List<String> keyProperties(Transaction tx, String label) {
        List<ConstraintDefinition> keys = new ArrayList<>();
        for (ConstraintDefinition c : tx.schema().getConstraints(Label.label(label))) {
            if (c.isConstraintType(ConstraintType.UNIQUENESS) || c.isConstraintType(ConstraintType.NODE_KEY)) {
                keys.add(c);
            }
        }
        return keys.stream()
                .min(Comparator.<ConstraintDefinition>comparingInt(c -> sizeOf(c.getPropertyKeys()))
                        .thenComparing(ConstraintDefinition::getName))
                .map(c -> { List<String> out = new ArrayList<>(); c.getPropertyKeys().forEach(out::add); return List.copyOf(out); })
                .orElse(List.of());
    }

    private static int sizeOf(Iterable<String> keys) {
        int n = 0;
        for (String ignored : keys) {
            n++;
        }
        return n;
    }

    static long[] fingerprints(Transaction tx, long[] ids, List<String> keys, Runnable check) {
        long[] out = new long[ids.length];
        for (int r = 0; r < ids.length; r++) {
            if ((r & 4095) == 0) {
                check.run();
            }
            try {
                out[r] = fingerprint(tx.getNodeById(ids[r]), keys);
            } catch (NotFoundException deleted) {
                out[r] = 0; // never equal to a live node's fingerprint, which is never 0 (see below)
            }
        }
        return out;
    }

    /** A 64-bit FNV-1a hash of the node's key properties (type and value), never 0. */
    public static long fingerprint(Node node, List<String> keys) {
        long h = FNV_OFFSET;
        for (String key : keys) {
            h = mix(h, key);
            h = mix(h, "=");
            h = mix(h, canonical(node.getProperty(key, null)));
            h = mix(h, "\u0000");
        }
        return h == 0 ? 1 : h;
    }

    private static String canonical(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double || value instanceof Float) {
            return "d" + ((Number) value).doubleValue();
        }
        if (value instanceof Number n) {
            return "l" + n.longValue();
        }
        if (value.getClass().isArray()) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(value); i++) {
                s.append(canonical(Array.get(value, i))).append(',');
            }
            return s.append(']').toString();
        }
        return "s" + value;
    }

    private static long mix(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= FNV_PRIME;
        }
        return h;
    }

    /** Whether a live node is the node of a user (or item) row. */
    public boolean matches(boolean user, int row, Node node, String label) {
        if (!node.hasLabel(Label.label(label))) {
            return false;
        }
        long[] stored = user ? userFingerprints : itemFingerprints;
        return stored == null || stored[row] == fingerprint(node, user ? userKeys : itemKeys);
    }

    /**
     * The live node of a row whose stored node id is {@code id}: null when the row is retired, the node was deleted,
     * or its id now belongs to another node (wrong label or key).
     */
    public Node live(Transaction tx, boolean user, int row, long id, String label) {
        if (id == RETIRED) {
            return null;
        }
        Node node;
        try {
            node = tx.getNodeById(id);
        } catch (NotFoundException deleted) {
            return null;
        }
        return matches(user, row, node, label) ? node : null;
    }

    /** Whether the model has fingerprints (format 4 and later). */
    public boolean hasFingerprints() {
        return userFingerprints != null && itemFingerprints != null;
    }

    /** This identity with rows appended (a fold-in); a model without fingerprints stays without. */
    public NodeIdentity append(long[] users, long[] items) {
        if (!hasFingerprints()) {
            return this;
        }
        return new NodeIdentity(userKeys, itemKeys, concat(userFingerprints, users), concat(itemFingerprints, items));
    }

    /** Fingerprints of new rows on one side, by this identity's keys. */
    public long[] fingerprintsOf(boolean user, List<Node> nodes) {
        long[] out = new long[nodes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fingerprint(nodes.get(i), user ? userKeys : itemKeys);
        }
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** What the model checks, for its training info: e.g. "User(userId), Item(itemId)" or "labels only". */
    public String describe(String userLabel, String itemLabel) {
        return userLabel + (userKeys.isEmpty() ? " (label only)" : "(" + String.join(", ", userKeys) + ")") + ", "
                + itemLabel + (itemKeys.isEmpty() ? " (label only)" : "(" + String.join(", ", itemKeys) + ")");
    }
}
