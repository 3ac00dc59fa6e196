package rec4j.proc;

import java.util.Map;
import rec4j.config.ConfigMap;

/** The parsed configuration of rec.gcn.write and rec.gcn.write.estimate; {@link #DOC} is built from its defaults. */
record GcnWriteConfig(String writeProperty, int batchSize, boolean sudo) {

    /** The node property a model's embeddings go to by default (rec.gcn.write, rec.gcn.mutate). */
    static final String EMBEDDING_PROPERTY = "gcnEmbedding";
    static final int BATCH_SIZE = 10_000, MAX_BATCH_SIZE = 1_000_000;
    static final boolean SUDO = false;

    static final String DOC = "{writeProperty: '" + EMBEDDING_PROPERTY + "', batchSize: " + BATCH_SIZE + ", sudo: "
            + SUDO + " (true: write although the memory estimate exceeds the free heap)}";

    static GcnWriteConfig parse(String procedure, Map<String, Object> config) {
        ConfigMap map = new ConfigMap(procedure, config);
        String property = map.string("writeProperty", EMBEDDING_PROPERTY);
        int batchSize = map.batchSize(BATCH_SIZE, MAX_BATCH_SIZE);
        boolean sudo = map.bool("sudo", SUDO);
        map.rejectUnknown();
        return new GcnWriteConfig(property, batchSize, sudo);
    }
}
