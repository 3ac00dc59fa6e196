package rec4j.proc;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import rec4j.evaluate.OnlineEvaluation;
import rec4j.feedback.Times;

/** {@code rec.evaluate.online}: CTR, hit rate and coverage of logged recommendations per model and window. */
public class EvaluateOnlineProc {

    static final long DAY_MILLIS = 86_400_000L;

    @Context
    public Transaction tx;

    @Context
    public TerminationGuard guard;

    @Procedure(name = EvaluateOnlineConfig.PROCEDURE, mode = Mode.READ)
    @Description(EvaluateOnlineConfig.DESCRIPTION)
    public Stream<OnlineRow> online(
            @Name(value = "config", description = EvaluateOnlineConfig.DOC) Map<String, Object> config) {
        String procedure = EvaluateOnlineConfig.PROCEDURE;
        EvaluateOnlineConfig cfg = EvaluateOnlineConfig.parse(config);
        RelationshipType shown = RelationshipType.withName(cfg.shownType());
        RelationshipType[] responses = cfg.responseTypes().stream().map(RelationshipType::withName)
                .toArray(RelationshipType[]::new);
        long attribution = Math.round(cfg.attributionDays() * DAY_MILLIS);
        OnlineEvaluation.Accumulator impressions = new OnlineEvaluation.Accumulator(cfg.k(),
                cfg.windowDays() == null ? null : Math.round(cfg.windowDays() * DAY_MILLIS));
        long users = 0;
        // per user: the times of their responses per item, then each impression against them (O(relationships))
        try (ResourceIterator<Node> nodes = tx.findNodes(Label.label(cfg.userLabel()))) {
            while (nodes.hasNext()) {
                Node user = nodes.next();
                if ((++users & 0x3FF) == 0) {
                    guard.check();
                }
                if (user.getDegree(shown, Direction.OUTGOING) == 0) {
                    continue;
                }
                Map<Long, List<Long>> responded = new HashMap<>();
                for (Relationship r : user.getRelationships(Direction.OUTGOING, responses)) {
                    Long t = Times.millis(r.getProperty(cfg.timeProperty(), null));
                    if (t != null) {
                        responded.computeIfAbsent(r.getEndNodeId(), i -> new ArrayList<>()).add(t);
                    }
                }
                for (Relationship s : user.getRelationships(Direction.OUTGOING, shown)) {
                    Long at = Times.millis(s.getProperty("at", null));
                    Object model = s.getProperty("model", null);
                    Object rank = s.getProperty("rank", null);
                    if (at == null || !(model instanceof String) || !(rank instanceof Number)) {
                        throw new IllegalArgumentException(procedure + ": the " + cfg.shownType() + " relationship "
                                + s.getElementId() + " needs 'at' (" + Times.ALLOWED + "), 'model' (a string) and 'rank' "
                                + "(an integer), as rec.feedback.shown writes them");
                    }
                    long item = s.getEndNodeId();
                    boolean hit = responded.getOrDefault(item, List.of()).stream()
                            .anyMatch(t -> t >= at && t <= at + attribution);
                    impressions.add((String) model, user.getId(), item, ((Number) rank).intValue(), at, hit);
                }
            }
        }
        if (cfg.baseline() != null && !impressions.models().contains(cfg.baseline())) {
            throw new IllegalArgumentException(procedure + ": 'baseline' is '" + cfg.baseline() + "', but no impression "
                    + "at rank <= " + cfg.k() + " was logged for that model; logged: " + impressions.models());
        }
        long catalog = rec4j.recommend.UserItems.labelCount(tx, cfg.itemLabel());
        return impressions.rows(catalog, cfg.baseline(), cfg.confidence()).stream().map(r -> new OnlineRow(r.model(),
                r.window() == null ? null : Times.dateTime(r.window()), r.lists(), r.impressions(), r.responses(), r.ctr(),
                r.ctrLow(), r.ctrHigh(), r.hitRate(), r.hitRateLow(), r.hitRateHigh(), r.itemsShown(), r.coverage(),
                r.ctrDiff(), r.ctrDiffLow(), r.ctrDiffHigh(), r.hitRateDiff(), r.hitRateDiffLow(), r.hitRateDiffHigh()));
    }

    public record OnlineRow(
            @Description("The model (arm) that made the lists, as logged.")
            String model,
            @Description("The start of the time window (UTC); null without windowDays.")
            ZonedDateTime windowStart,
            @Description("Lists shown: distinct (user, time shown).")
            long lists,
            @Description("Impressions at rank <= k.")
            long impressions,
            @Description("Impressions followed by a response within attributionDays.")
            long responses,
            @Description("CTR@k: responses / impressions.")
            double ctr,
            @Description("Lower end of CTR's Wilson interval.")
            double ctrLow,
            @Description("Upper end of CTR's Wilson interval.")
            double ctrHigh,
            @Description("Hit rate@k: lists with at least one response / lists.")
            double hitRate,
            @Description("Lower end of the hit rate's Wilson interval.")
            double hitRateLow,
            @Description("Upper end of the hit rate's Wilson interval.")
            double hitRateHigh,
            @Description("Distinct items shown at rank <= k.")
            long itemsShown,
            @Description("Coverage: distinct items shown / nodes of itemLabel.")
            double coverage,
            @Description("CTR minus the baseline's in the same window; null for the baseline or without one.")
            Double ctrDiff,
            @Description("Lower end of the difference's normal interval.")
            Double ctrDiffLow,
            @Description("Upper end of the difference's normal interval.")
            Double ctrDiffHigh,
            @Description("Hit rate minus the baseline's in the same window; null for the baseline or without one.")
            Double hitRateDiff,
            @Description("Lower end of the difference's normal interval.")
            Double hitRateDiffLow,
            @Description("Upper end of the difference's normal interval.")
            Double hitRateDiffHigh) {}
}
