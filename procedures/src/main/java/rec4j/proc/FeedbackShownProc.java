package rec4j.proc;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import rec4j.config.ConfigMap;
import rec4j.feedback.Times;

/** {@code rec.feedback.shown}: impressions of recommendations, logged in the graph. */
public class FeedbackShownProc {

    /** The most items one call logs (a recommendation list, not a bulk import). */
    static final int MAX_ITEMS = 10_000;

    @Context
    public Transaction tx;

    @Procedure(name = FeedbackShownConfig.PROCEDURE, mode = Mode.WRITE)
    @Description(FeedbackShownConfig.DESCRIPTION)
    public Stream<ShownResult> shown(
            @Name(value = "user", description = "The user node the items were shown to.") Object user,
            @Name(value = "items", description = "The item nodes shown, in the order shown (e.g. collect(item) of "
                    + "rec.recommend.forUser); at most " + MAX_ITEMS + ".") Object items,
            @Name(value = "config", description = FeedbackShownConfig.DOC) Map<String, Object> config) {
        String procedure = FeedbackShownConfig.PROCEDURE;
        FeedbackShownConfig cfg = FeedbackShownConfig.parse(config);
        if (!(items instanceof List<?> list) || list.stream().anyMatch(n -> !(n instanceof Node))) {
            throw new IllegalArgumentException(procedure + ": 'items' is " + (items instanceof List<?> l ? "a list of "
                    + l.size() + " values that are not all nodes" : ConfigMap.shown(items)) + "; a list of item nodes is needed");
        }
        if (list.size() > MAX_ITEMS) {
            throw new IllegalArgumentException(procedure + ": 'items' has " + list.size() + " nodes; at most " + MAX_ITEMS
                    + " per call");
        }
        if (!(user instanceof Node userNode)) {
            throw new IllegalArgumentException(procedure + ": 'user' is " + ConfigMap.shown(user) + "; a node is needed");
        }
        // checked before anything is written
        RelationshipType type = RelationshipType.withName(cfg.relationshipType());
        ZonedDateTime at = Times.dateTime(cfg.atMillis());
        for (int i = 0; i < list.size(); i++) {
            Relationship shown = userNode.createRelationshipTo((Node) list.get(i), type);
            shown.setProperty("at", at);
            shown.setProperty("model", cfg.model());
            shown.setProperty("rank", (long) (i + 1));
            if (cfg.context() != null) {
                shown.setProperty("context", cfg.context());
            }
        }
        return Stream.of(new ShownResult(list.size(), at));
    }

    public record ShownResult(
            @Description("Impressions written: one relationship per item.")
            long relationshipsWritten,
            @Description("The time recorded on them (UTC).")
            ZonedDateTime at) {}
}
