package rec4j.proc;

import java.util.Map;
import rec4j.config.ConfigMap;
import rec4j.embed.EmbedConfig;
import rec4j.embed.TextModels;

/**
 * The parsed configuration of rec.recommend.forText: the keys every rec.recommend.* takes and its own. Defaults and
 * bounds are declared here once; {@link #DOC} is built from them.
 *
 * @param user      a node or a userIdProperty value; null: none
 * @param textModel null: the default text model
 */
record ForTextConfig(RecommendSupport.Common common, Object user, String userIdProperty, double alpha,
        String textModel) {

    static final String PROCEDURE = "rec.recommend.forText";

    /** What SHOW PROCEDURES says the procedure does. */
    static final String DESCRIPTION =
            "Items for a free-text context (\"a warm jacket for winter hiking\"): the text is embedded with the text "
            + "model and mapped into the model's space through its text tower (models trained with featureProperties, "
            + "or after rec.gcn.textTower) or its trained text projection (fusion sum, concat or attention), "
            + "optionally mixed with a user's embedding.";

    static final double ALPHA = 0.5;

    static final String DOC = "{modelName (required), k: " + RecommendSupport.Common.K + ", user (a node or "
            + "userIdProperty value), userIdProperty, alpha: " + ALPHA + " (weight of the user against the text, both "
            + "unit length), " + EmbedConfig.TEXT_MODEL + " (default " + TextModels.DEFAULT + ": the model that made the "
            + "featureProperties)," + RecommendSupport.Common.DOC + "}";

    static ForTextConfig parse(Map<String, Object> config) {
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        RecommendSupport.Common common = RecommendSupport.Common.parse(map, false);
        Object user = map.raw("user");
        String userIdProperty = map.string("userIdProperty", null);
        double alpha = map.numberInRange("alpha", ALPHA, 0.0, 1.0);
        String textModel = map.string(EmbedConfig.TEXT_MODEL, null);
        map.rejectUnknown();
        return new ForTextConfig(common, user, userIdProperty, alpha, textModel);
    }
}
