package rec4j.proc;

import java.util.Map;
import rec4j.config.ConfigMap;

/** The parsed configuration of rec.gcn.foldIn: which sides to fold in, and from what; {@link #DOC} from its defaults. */
record GcnFoldInConfig(boolean users, boolean items, boolean fromText, boolean fromInteractions) {

    static final String PROCEDURE = "rec.gcn.foldIn";

    /** What SHOW PROCEDURES says the procedure does. */
    static final String DESCRIPTION =
            "Adds the users and items created since a model was trained to the model (no retraining): each gets "
            + "the weighted mean of the embeddings of the known nodes it interacts with, or, without interactions, the "
            + "embedding of its text features through the model's text projection. The model is saved and served at once.";

    static final boolean USERS = true, ITEMS = true, FROM_TEXT = true, FROM_INTERACTIONS = true;

    static final String DOC = "{users: " + USERS + ", items: " + ITEMS + " (which side to fold in), fromText: " + FROM_TEXT
            + " (nodes without interactions: their text features through the model's text tower (rec.gcn.textTower) or "
            + "its trained text projection), fromInteractions: " + FROM_INTERACTIONS + " (false: text only, e.g. to "
            + "evaluate cold items whose held-out interactions are in the database)}";

    static GcnFoldInConfig parse(Map<String, Object> config) {
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        boolean users = map.bool("users", USERS);
        boolean items = map.bool("items", ITEMS);
        boolean fromText = map.bool("fromText", FROM_TEXT);
        boolean fromInteractions = map.bool("fromInteractions", FROM_INTERACTIONS);
        map.rejectUnknown();
        if (!fromText && !fromInteractions) {
            throw new IllegalArgumentException(PROCEDURE + ": 'fromText' and 'fromInteractions' are both false: nothing to "
                    + "fold in from");
        }
        return new GcnFoldInConfig(users, items, fromText, fromInteractions);
    }
}
