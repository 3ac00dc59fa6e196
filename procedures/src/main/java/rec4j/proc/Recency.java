package rec4j.proc;

import rec4j.config.ConfigMap;
import rec4j.feedback.Times;

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
}
