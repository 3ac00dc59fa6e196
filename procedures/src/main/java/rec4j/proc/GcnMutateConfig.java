package rec4j.proc;

import java.util.Map;
import rec4j.config.ConfigMap;

/** The parsed configuration of rec.gcn.mutate; {@link #DOC} is built from its defaults. */
record GcnMutateConfig(String graphName, String mutateProperty) {

    static final String PROCEDURE = "rec.gcn.mutate";

    static final String DOC = "{graphName (default: the graph the model was trained on), mutateProperty: '"
            + GcnWriteConfig.EMBEDDING_PROPERTY + "'}";

    /** @param trainedOn the graph the model was trained on, the default graphName */
    static GcnMutateConfig parse(Map<String, Object> config, String trainedOn) {
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        String graphName = map.string("graphName", trainedOn);
        String property = map.string("mutateProperty", GcnWriteConfig.EMBEDDING_PROPERTY);
        map.rejectUnknown();
        return new GcnMutateConfig(graphName, property);
    }
}
