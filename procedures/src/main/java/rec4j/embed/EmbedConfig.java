package rec4j.embed;

import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.RelationshipType;
import rec4j.config.ConfigMap;
import rec4j.config.Defaults;

/**
 * The configuration of each {@code rec.embed.*} procedure, read once from its Cypher map into an immutable record.
 * Defaults and bounds are declared here once: the records read them and the {@code @Name} descriptions are built from
 * the {@code *_DOC} constants (compile-time constants), so the two cannot drift.
 */
public final class EmbedConfig {

    private EmbedConfig() {}

    /** The key that names the text model, as in rec.sentiment.train and rec.recommend.forText. */
    public static final String TEXT_MODEL = "textModel";
    /** The former name of {@link #TEXT_MODEL}, refused with a message that says so. */
    static final String RENAMED_TEXT_MODEL = "model";

    public static final int TEXTS_BATCH_SIZE = 8;
    public static final int MAX_TEXTS_BATCH_SIZE = 10_000;
    public static final int WRITE_BATCH_SIZE = 64;
    public static final int MAX_WRITE_BATCH_SIZE = 1_000_000;
    public static final int PROFILE_BATCH_SIZE = 1000;
    public static final int MAX_PROFILE_BATCH_SIZE = 1_000_000;
    public static final String EMBEDDING_PROPERTY = "textEmbedding";
    public static final String PROFILE_PROPERTY = "textProfile";
    public static final boolean SKIP_EXISTING = false;
    public static final boolean COERCE_NON_STRINGS = false;
    public static final boolean VECTOR_INDEX = false;
    public static final String OUTGOING = "OUTGOING";
    public static final String INCOMING = "INCOMING";
    public static final String BOTH = "BOTH";
    private static final List<String> DIRECTIONS = List.of(OUTGOING, INCOMING, BOTH);

    /** How {@code textModel} reads in a description. */
    public static final String TEXT_MODEL_DOC = TEXT_MODEL + ": '" + TextModels.DEFAULT + "' (or a model directory under "
            + "server.rec4j.model_directory, or a DJL URL when downloads are allowed)";
    /** How rec.embed.texts' keys read in its description. */
    public static final String TEXTS_DOC = "{" + TEXT_MODEL_DOC + ", batchSize: " + TEXTS_BATCH_SIZE + " (texts per "
            + "inference batch, 1.." + MAX_TEXTS_BATCH_SIZE + "), " + Defaults.CONCURRENCY_DOC + " (inference threads)}";
    /** How the keys that rec.embed.nodes and rec.embed.relationships share read in their descriptions. */
    public static final String ENTITY_TEXT_DOC = "writeProperty: '" + EMBEDDING_PROPERTY + "', batchSize: "
            + WRITE_BATCH_SIZE + " (entities per transaction, 1.." + MAX_WRITE_BATCH_SIZE + "), " + Defaults.CONCURRENCY_DOC
            + " (inference threads), skipExisting: " + SKIP_EXISTING + ", coerceNonStrings: " + COERCE_NON_STRINGS + ", "
            + TEXT_MODEL_DOC;
    /** How rec.embed.profiles' keys read in its description. */
    public static final String PROFILES_DOC = "{nodeLabels: ['User'] (required), relationshipTypes: ['RATED'] (required), "
            + "embeddingProperty: '" + EMBEDDING_PROPERTY + "' (on the items), writeProperty: '" + PROFILE_PROPERTY + "', "
            + "weightProperty: null (weight 1), minWeight: null (e.g. 4: only ratings >= 4), direction: '" + OUTGOING
            + "' | '" + INCOMING + "' | '" + BOTH + "', batchSize: " + PROFILE_BATCH_SIZE + " (users per transaction, 1.."
            + MAX_PROFILE_BATCH_SIZE + ")}";

    /** The configuration map of {@code procedure}, with the renamed key refused. */
    private static ConfigMap open(String procedure, Map<String, Object> config) {
        ConfigMap map = new ConfigMap(procedure, config);
        if (config.containsKey(RENAMED_TEXT_MODEL)) {
            throw new IllegalArgumentException(procedure + ": '" + RENAMED_TEXT_MODEL + "' was renamed to '" + TEXT_MODEL
                    + "'");
        }
        return map;
    }

    /** rec.embed.text: the text model ({@code null}: the default). */
    public record Text(String textModel) {
        public static Text of(String procedure, Map<String, Object> config) {
            ConfigMap map = open(procedure, config);
            Text text = new Text(map.string(TEXT_MODEL, null));
            map.rejectUnknown();
            return text;
        }
    }

    /** rec.embed.texts. */
    public record Texts(String textModel, int batchSize, int concurrency) {
        public static Texts of(String procedure, Map<String, Object> config) {
            ConfigMap map = open(procedure, config);
            Texts texts = new Texts(map.string(TEXT_MODEL, null), map.batchSize(TEXTS_BATCH_SIZE, MAX_TEXTS_BATCH_SIZE),
                    map.concurrency());
            map.rejectUnknown();
            return texts;
        }
    }

    /** What rec.embed.nodes and rec.embed.relationships share: which text, where it goes, how. */
    public record EntityText(String procedure, List<String> textProperties, String writeProperty, int batchSize,
            int concurrency, boolean skipExisting, boolean coerceNonStrings, String textModel) {

        static EntityText read(ConfigMap map) {
            EntityText text = new EntityText(map.procedure(), map.requiredStringList("textProperties"),
                    map.string("writeProperty", EMBEDDING_PROPERTY), map.batchSize(WRITE_BATCH_SIZE, MAX_WRITE_BATCH_SIZE),
                    map.concurrency(), map.bool("skipExisting", SKIP_EXISTING),
                    map.bool("coerceNonStrings", COERCE_NON_STRINGS), map.string(TEXT_MODEL, null));
            if (text.textProperties.contains(text.writeProperty)) {
                throw new IllegalArgumentException(text.procedure + ": 'writeProperty' '" + text.writeProperty
                        + "' is also one of the textProperties " + text.textProperties);
            }
            return text;
        }

        /** The job for {@link EntityTextEmbedder}; {@code kind}: "node" or "relationship". */
        public EntityTextEmbedder.Job job(String kind, TextEncoder encoder) {
            return new EntityTextEmbedder.Job(procedure, kind, textProperties, writeProperty, skipExisting,
                    coerceNonStrings, batchSize, concurrency, encoder);
        }
    }

    /** rec.embed.nodes. */
    public record Nodes(List<String> nodeLabels, EntityText text, boolean vectorIndex) {
        public static Nodes of(String procedure, Map<String, Object> config) {
            ConfigMap map = open(procedure, config);
            List<String> labels = map.requiredStringList("nodeLabels");
            Nodes nodes = new Nodes(labels, EntityText.read(map), map.bool("vectorIndex", VECTOR_INDEX));
            map.rejectUnknown();
            return nodes;
        }
    }

    /** rec.embed.relationships. */
    public record Relationships(List<String> relationshipTypes, EntityText text) {
        public static Relationships of(String procedure, Map<String, Object> config) {
            ConfigMap map = open(procedure, config);
            List<String> types = map.requiredStringList("relationshipTypes");
            Relationships relationships = new Relationships(types, EntityText.read(map));
            map.rejectUnknown();
            return relationships;
        }
    }

    /** rec.embed.profiles. */
    public record Profiles(List<String> nodeLabels, List<String> relationshipTypes, String embeddingProperty,
            String writeProperty, String weightProperty, Double minWeight, Direction direction, int batchSize) {

        public static Profiles of(String procedure, Map<String, Object> config) {
            ConfigMap map = open(procedure, config);
            Profiles profiles = new Profiles(map.requiredStringList("nodeLabels"), map.requiredStringList("relationshipTypes"),
                    map.string("embeddingProperty", EMBEDDING_PROPERTY), map.string("writeProperty", PROFILE_PROPERTY),
                    map.string("weightProperty", null), map.number("minWeight", null),
                    Direction.valueOf(map.oneOf("direction", OUTGOING, DIRECTIONS)),
                    map.batchSize(PROFILE_BATCH_SIZE, MAX_PROFILE_BATCH_SIZE));
            map.rejectUnknown();
            return profiles;
        }

        /** The job for {@link ProfileBuilder}. */
        public ProfileBuilder.Job job() {
            RelationshipType[] types = relationshipTypes.stream().map(RelationshipType::withName)
                    .toArray(RelationshipType[]::new);
            return new ProfileBuilder.Job(embeddingProperty, writeProperty, weightProperty, minWeight, direction, types,
                    batchSize);
        }
    }
}
