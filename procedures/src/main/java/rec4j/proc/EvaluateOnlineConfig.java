package rec4j.proc;

import java.util.List;
import java.util.Map;
import rec4j.config.ConfigMap;
import rec4j.recommend.Candidates;

/** The parsed configuration of rec.evaluate.online; {@link #DOC} is built from the defaults declared here. */
record EvaluateOnlineConfig(List<String> responseTypes, String shownType, String userLabel, String itemLabel,
        String timeProperty, int k, double attributionDays, Double windowDays, String baseline, double confidence) {

    static final String PROCEDURE = "rec.evaluate.online";
    static final int K = 10;
    static final double ATTRIBUTION_DAYS = 7, CONFIDENCE = 0.95;
    static final String TIME_PROPERTY = "at";

    static final String DESCRIPTION = "Online metrics of logged recommendations (rec.feedback.shown), per model and time "
            + "window, for A/B tests inside Neo4j: an impression at rank <= k counts as a response when the user has a "
            + "relationship of responseTypes to the item whose timeProperty lies from the time shown to attributionDays "
            + "after it. CTR@k (responses / impressions), hit rate@k (lists with a response / lists), coverage (items "
            + "shown / items), Wilson intervals at the confidence level, and with a baseline each model's difference "
            + "to it in the same window with a normal interval (CTR's interval treats the impressions of a list as "
            + "independent and is optimistic; hit rate, one outcome per list, is the sounder test).";

    static final String DOC = "{responseTypes: [relationship types of responses] (required), shownType: '"
            + FeedbackShownConfig.SHOWN + "', userLabel: 'User', itemLabel: 'Item' (the catalog for coverage), "
            + "timeProperty: '" + TIME_PROPERTY + "' (on responses: " + rec4j.feedback.Times.ALLOWED + "), k: " + K
            + ", attributionDays: " + ATTRIBUTION_DAYS + ", windowDays (default: one window), baseline (a model name), "
            + "confidence: " + CONFIDENCE + " (in (0, 1))}";

    static EvaluateOnlineConfig parse(Map<String, Object> config) {
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        List<String> responseTypes = map.requiredStringList("responseTypes");
        String shownType = map.string("shownType", FeedbackShownConfig.SHOWN);
        if (responseTypes.contains(shownType)) {
            throw map.invalidValue("responseTypes", responseTypes, "relationship types other than the shownType '"
                    + shownType + "'");
        }
        String userLabel = map.string("userLabel", "User");
        String itemLabel = map.string("itemLabel", "Item");
        String timeProperty = map.string("timeProperty", TIME_PROPERTY);
        int k = map.intInRange("k", K, 1, Candidates.MAX_K);
        double attribution = map.positive("attributionDays", ATTRIBUTION_DAYS);
        Double window = map.raw("windowDays") == null ? null : map.positive("windowDays", 1);
        String baseline = map.string("baseline", null);
        double confidence = EvaluateSupport.openFraction(PROCEDURE, map, "confidence", CONFIDENCE);
        map.rejectUnknown();
        return new EvaluateOnlineConfig(responseTypes, shownType, userLabel, itemLabel, timeProperty, k, attribution,
                window, baseline, confidence);
    }
}
