package rec4j.proc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;
import rec4j.config.ConfigMap;
import rec4j.embed.EntityTextEmbedder;
import rec4j.embed.TextEncoder;

/** What the procedures that read text from nodes or relationships share: finding them, checking config names, stopping. */
final class Entities {

    private Entities() {}

    /** Logs what was committed before {@code cause} and rethrows it with that count in the message. */
    static RuntimeException stopped(Log log, TerminationGuard guard, String procedure, String what, long written,
            long batches, RuntimeException cause) {
        return stopped(log, guard, procedure, what, written, batches, cause, true);
    }

    /**
     * Like {@link #stopped(Log, TerminationGuard, String, String, long, long, RuntimeException)}; {@code skipExisting}:
     * whether the procedure has that option, so that the advice can name it (without it, a rerun redoes everything).
     */
    static RuntimeException stopped(Log log, TerminationGuard guard, String procedure, String what, long written,
            long batches, RuntimeException cause, boolean skipExisting) {
        String committed = written + " " + what + " were written in " + batches + " committed batches before this";
        String rerun = skipExisting ? "rerun with skipExisting: true to complete the rest" : "rerun it to write them all";
        if (terminated(guard) || cause instanceof TextEncoder.EmbeddingCancelledException) {
            log.warn("%s was terminated; %s. To finish, %s.", procedure, committed, rerun);
            guard.check(); // throws the termination the caller expects
            return cause;
        }
        log.warn("%s failed: %s; %s", procedure, cause.getMessage(), committed);
        if (cause instanceof IllegalArgumentException) {
            // no cause: Neo4j reports the root cause's message, and this one says more
            return new IllegalArgumentException(cause.getMessage() + " (" + committed + "; fix the data and " + rerun + ")");
        }
        return cause;
    }

    static boolean terminated(TerminationGuard guard) {
        try {
            guard.check();
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    static long[] nodeIds(Transaction tx, List<String> labels) {
        return distinctIds(labels, label -> tx.findNodes(Label.label(label)));
    }

    static long[] relationshipIds(Transaction tx, List<String> types) {
        return distinctIds(types, type -> tx.findRelationships(RelationshipType.withName(type)));
    }

    /** The ids of what {@code find} returns for each name, each once, in the order found. */
    private static long[] distinctIds(List<String> names, Function<String, ResourceIterator<? extends Entity>> find) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String name : names) {
            try (ResourceIterator<? extends Entity> entities = find.apply(name)) {
                entities.forEachRemaining(e -> ids.add(e.getId()));
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    static List<String> labelsInUse(Transaction tx) {
        return StreamSupport.stream(tx.getAllLabelsInUse().spliterator(), false).map(Label::name).toList();
    }

    static List<String> typesInUse(Transaction tx) {
        return StreamSupport.stream(tx.getAllRelationshipTypesInUse().spliterator(), false).map(RelationshipType::name).toList();
    }

    /** Fails unless some node or relationship has each property; {@code key}: the configuration key that named them. */
    static void requireKnownProperties(Transaction tx, String procedure, String key, List<String> properties) {
        Set<String> known = new java.util.HashSet<>();
        tx.getAllPropertyKeys().forEach(known::add);
        for (String property : properties) {
            if (!known.contains(property)) {
                throw new IllegalArgumentException(procedure + ": no node or relationship in the database has a property "
                        + ConfigMap.quoted(property) + " (given in '" + key + "')");
            }
        }
    }

    static void requireKnown(String procedure, String key, String what, List<String> asked, List<String> inUse) {
        for (String name : asked) {
            if (!inUse.contains(name)) {
                throw new IllegalArgumentException(procedure + ": unknown " + what + " " + ConfigMap.quoted(name) + " in '"
                        + key + "'; the database has " + inUse.stream().sorted().toList());
            }
        }
    }

    static String requireText(String procedure, String key, Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(procedure + ": '" + key + "' must be a non-empty string, got "
                    + (value == null ? "null" : EntityTextEmbedder.typeName(value)));
        }
        if (s.isBlank()) {
            throw new IllegalArgumentException(procedure + ": '" + key + "' must be a non-empty string, got an empty string");
        }
        return s;
    }
}
