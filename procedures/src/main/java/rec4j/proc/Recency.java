package rec4j.proc;

import rec4j.config.ConfigMap;
import org.neo4j.gds.RelationshipType;
import rec4j.feedback.Times;
import rec4j.gcn.GdsInteractions;
import rec4j.gcn.Interactions;
import rec4j.serving.Decay;

/**
 * Recency as rec.gcn.train and rec.recommend.forUser take it: an interaction's weight halves every
 * {@code halfLifeDays} of its age ({@link rec4j.serving.Decay}), its time read from {@code timeProperty}.
 *
 * @param atMillis the time the ages are measured from (forUser's context time; later interactions do not count);
 *                 null: the latest interaction's (training)
 */
record Recency(double halfLifeDays, String timeProperty, Long atMillis) {

    static final double MAX_HALF_LIFE_DAYS = 365_000;

    /** How the keys read in a description. */
    static final String DOC = "halfLifeDays (recency: an interaction's weight halves every so many days of its age; "
            + "default none), timeProperty (with halfLifeDays, required: the interactions' time, "
            + Times.ALLOWED + ")";

    /**
     * The recency keys of a config, or null without halfLifeDays; {@code withAt}: also 'at' (default now).
     * timeProperty without halfLifeDays, or 'at' without it, is refused.
     */
    static Recency parse(ConfigMap map, boolean withAt) {
        Double halfLife = map.number("halfLifeDays", null);
        String timeProperty = map.string("timeProperty", null);
        Object at = withAt ? map.raw("at") : null;
        if (halfLife == null) {
            for (String key : withAt ? new String[] {"timeProperty", "at"} : new String[] {"timeProperty"}) {
                if (map.raw(key) != null) {
                    throw new IllegalArgumentException(map.procedure() + ": '" + key + "' goes with 'halfLifeDays' (recency: "
                            + "the days in which an interaction's weight halves)");
                }
            }
            return null;
        }
        if (!(halfLife > 0 && halfLife <= MAX_HALF_LIFE_DAYS)) {
            throw map.invalidValue("halfLifeDays", halfLife, "a number of days in (0, " + (long) MAX_HALF_LIFE_DAYS + "]");
        }
        if (timeProperty == null) {
            throw new IllegalArgumentException(map.procedure() + ": 'halfLifeDays' needs 'timeProperty', the property that "
                    + "holds each interaction's time (" + Times.ALLOWED + ")");
        }
        Long atMillis = null;
        if (withAt) {
            atMillis = at == null ? Long.valueOf(System.currentTimeMillis()) : Times.millis(at);
            if (atMillis == null) {
                throw map.invalidValue("at", at, Times.ALLOWED);
            }
        }
        return new Recency(halfLife, timeProperty, atMillis);
    }

    /**
     * The interactions with their weights times their recency ({@link Decay}, ages from the latest interaction): the
     * times are a second read of the same relationships with {@code timeProperty} (epoch seconds; float precision, about
     * two minutes today, is plenty for half-lives in days).
     */
    static GdsInteractions.Loaded weigh(GcnTrainConfig c, GdsGraph input, GdsInteractions.Loaded loaded) {
        String key = c.recency().timeProperty();
        java.util.List<RelationshipType> types = input.relationshipTypes().stream().map(RelationshipType::of).toList();
        for (RelationshipType type : types) {
            if (!input.store().hasRelationshipProperty(type, key)) {
                throw new IllegalArgumentException(c.procedure() + ": 'timeProperty': the graph has no relationship "
                        + "property '" + key + "' on " + type.name() + "; project the interactions' time as a number of "
                        + "epoch seconds, e.g. relationshipProperties: {" + key + ": r." + key + ".epochSeconds}");
            }
        }
        Interactions data = loaded.data();
        Interactions times = GdsInteractions.read(input.store().getGraph(input.store().nodeLabels(), types,
                java.util.Optional.of(key)), c.labels().get(0), c.labels().get(1), java.util.List.of()).data();
        if (!java.util.Arrays.deepEquals(times.positives(), data.positives())) {
            throw new IllegalStateException("the interactions read with '" + key + "' differ from those read without it");
        }
        double[] flat = new double[(int) data.interactionCount()];
        int at = 0;
        for (float[] row : times.weights()) {
            for (float t : row) {
                if (!Float.isFinite(t) || t < 0 || t > 1e11) {
                    throw new IllegalArgumentException(c.procedure() + ": 'timeProperty': an interaction's '" + key + "' is "
                            + t + "; every interaction needs a time in epoch seconds (0 to 1e11; epoch milliseconds are "
                            + "1000x too large: project r." + key + ".epochSeconds or r." + key + " / 1000)");
                }
                flat[at++] = t;
            }
        }
        double latest = java.util.Arrays.stream(flat).max().orElse(0);
        float[] decay = Decay.weights(flat, latest, c.recency().halfLifeDays());
        float[][] weights = new float[data.users()][];
        at = 0;
        for (int u = 0; u < data.users(); u++) {
            float[] w = data.weights()[u].clone();
            for (int k = 0; k < w.length; k++) {
                w[k] = Math.max(Float.MIN_NORMAL, w[k] * decay[at++]);
            }
            weights[u] = w;
        }
        return new GdsInteractions.Loaded(new Interactions(data.users(), data.items(), data.positives(), weights,
                data.features(), data.featureDimension()), loaded.userNodeIds(), loaded.itemNodeIds(),
                loaded.missingFeatures());
    }
}
