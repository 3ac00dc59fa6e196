package rec4j.proc;

import java.util.List;
import java.util.Map;
import rec4j.config.ConfigMap;
import rec4j.gcn.TextTower;

/** The parsed configuration of rec.gcn.textTower; {@link #DOC} is built from its defaults. */
record GcnTextTowerConfig(List<String> featureProperties, double l2, int concurrency) {

    static final String PROCEDURE = "rec.gcn.textTower";

    /** What SHOW PROCEDURES says the procedure does. */
    static final String DESCRIPTION =
            "Fits the model's text tower: a ridge regression from the items' text vectors (featureProperties, "
            + "e.g. written by rec.embed.nodes) to their final embeddings, over the model's items that have interactions; "
            + "stores it with the model. rec.gcn.foldIn, rec.recommend.forText and profile cold starts then map text "
            + "through it (in preference to a fused model's projection).";

    static final String DOC = "{featureProperties (required; vectors on the item nodes, concatenated), l2: "
            + TextTower.DEFAULT_L2 + " (ridge penalty, > 0), concurrency: min(4, cores)}";

    static GcnTextTowerConfig parse(Map<String, Object> config) {
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        List<String> properties = map.requiredStringList("featureProperties");
        double l2 = map.number("l2", TextTower.DEFAULT_L2);
        int concurrency = map.concurrency();
        map.rejectUnknown();
        // not ConfigMap.positive: this message (checked after the unknown keys) says "a number"
        if (!(l2 > 0)) {
            throw new IllegalArgumentException(PROCEDURE + ": 'l2' must be a number > 0, got " + l2);
        }
        return new GcnTextTowerConfig(properties, l2, concurrency);
    }
}
