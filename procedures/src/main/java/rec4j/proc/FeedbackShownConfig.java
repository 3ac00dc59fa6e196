package rec4j.proc;

import java.util.Map;
import rec4j.config.ConfigMap;
import rec4j.feedback.Times;

/** The parsed configuration of rec.feedback.shown; {@link #DOC} is built from the defaults declared here. */
record FeedbackShownConfig(String model, String context, long atMillis, String relationshipType) {

    static final String PROCEDURE = "rec.feedback.shown";
    static final String SHOWN = "SHOWN";

    static final String DESCRIPTION = "Logs that a user was shown items (an impression): one (user)-[:SHOWN {at, model, "
            + "rank, context}]->(item) per item, rank = position in the list from 1, in the caller's transaction and with "
            + "the caller's rights. Responses are the user's own interaction relationships (clicks, purchases, ratings) "
            + "with a time property; rec.evaluate.online compares models from both.";

    static final String DOC = "{model: the name of the model or variant (arm) that made the list (required), context: "
            + "a free label such as the page (optional), at: the time shown (" + Times.ALLOWED + "; default: now), "
            + "relationshipType: '" + SHOWN + "'}";

    static FeedbackShownConfig parse(Map<String, Object> config) {
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        String model = map.requiredString("model");
        String context = map.string("context", null);
        Object at = map.raw("at");
        Long millis = at == null ? Long.valueOf(System.currentTimeMillis()) : Times.millis(at);
        if (millis == null) {
            throw map.invalidValue("at", at, Times.ALLOWED);
        }
        String type = map.string("relationshipType", SHOWN);
        map.rejectUnknown();
        return new FeedbackShownConfig(model, context, millis, type);
    }
}
