package rec4j.proc;

/** Argument and result-column descriptions that several procedures share, as SHOW PROCEDURES lists them. */
final class Docs {

    private Docs() {}

    static final String MODEL_NAME = "The name of a model trained with rec.gcn.train.";

    static final String GRAPH_NAME = "The name of a GDS graph holding users, items and their interactions.";

    /** Result columns of the procedures that write in batched transactions. */
    static final String COMMITTED_BATCHES = "Write transactions committed.";

    static final String SKIPPED_NO_TEXT =
            "Nodes (or relationships) skipped because all their text properties are missing or blank.";

    static final String SKIPPED_EXISTING =
            "Nodes (or relationships) skipped because skipExisting is true and they already have the write property.";
}
