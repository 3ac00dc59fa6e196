package rec4j.proc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.neo4j.gds.api.Graph;
import org.neo4j.gds.api.GraphStore;
import org.neo4j.gds.core.loading.GraphStoreCatalog;
import org.neo4j.gds.RelationshipType;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import rec4j.Rec4jRuntime;
import rec4j.config.ConfigMap;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.GdsInteractions;
import rec4j.gcn.Interactions;
import rec4j.model.ModelCatalog;

/** {@code rec.gcn.train} and {@code rec.gcn.stream}, {@code rec.model.list} and {@code rec.model.drop}. */
public class GcnProcedures {

    @Context
    public Rec4jRuntime runtime;

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "rec.gcn.train", mode = Mode.READ)
    @Description("Trains the GCN recommender (symmetric-normalised, edge-weighted propagation; BPR; Adam) on a GDS "
            + "graph of users and items, optionally fusing node text vectors with learned ID embeddings, and registers "
            + "it in rec4j's model catalog. Early stopping on a validation split of the training interactions.")
    public Stream<TrainResult> train(
            @Name(value = "graphName", description = "The name of a GDS graph holding users, items and their interactions.")
                    String graphName,
            @Name(value = "config", description = "{modelName (required), nodeLabels: ['User', 'Item'] (users, then items), "
                    + "relationshipTypes (default all), relationshipWeightProperty, featureProperties: [], fusion: 'none' | "
                    + "'sum' | 'concat' | 'attention', embeddingDimension: 64, layers: 3, epochs: 200, batchSize: 2048, "
                    + "learningRate: 0.001, l2: 1e-4, negativeSamples: 1, idDropout: 0.0, validationFraction: 0.1, "
                    + "evaluateEvery: 10, patience: 5, randomSeed: 42, concurrency: min(4, cores), missingFeatures: 'error' | 'zero'}")
                    Map<String, Object> config) {
        TrainConfig c = TrainConfig.parse("rec.gcn.train", config, true);
        Input input = resolve(c, graphName);
        GdsInteractions.Loaded loaded = read(c, input);
        List<Map<String, Object>> epochs = new ArrayList<>();
        GcnTrainer.Result result = fit(c, loaded, epochs);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("bestEpoch", (long) result.bestEpoch());
        info.put("validationRecall", result.bestValidationRecall() < 0 ? null : result.bestValidationRecall());
        info.put("didConverge", result.didConverge());
        info.put("trainMillis", result.trainMillis());
        runtime.models().store(new ModelCatalog.StoredModel(c.modelName(), db.databaseName(), result.model(),
                loaded.userNodeIds(), loaded.itemNodeIds(), graphName, c.labels().get(0), c.labels().get(1),
                c.weightProperty(), c.featureProperties(), Instant.now(), info));
        return Stream.of(new TrainResult(c.modelName(), loaded, result, epochs));
    }

    @Procedure(name = "rec.gcn.stats", mode = Mode.READ)
    @Description("Trains the GCN like rec.gcn.train and returns the same statistics, but registers no model.")
    public Stream<TrainResult> stats(
            @Name(value = "graphName", description = "The name of a GDS graph holding users, items and their interactions.")
                    String graphName,
            @Name(value = "config", description = "rec.gcn.train's configuration; modelName is not used.") Map<String, Object> config) {
        TrainConfig c = TrainConfig.parse("rec.gcn.stats", config, false);
        Input input = resolve(c, graphName);
        GdsInteractions.Loaded loaded = read(c, input);
        List<Map<String, Object>> epochs = new ArrayList<>();
        return Stream.of(new TrainResult(null, loaded, fit(c, loaded, epochs), epochs));
    }

    @Procedure(name = "rec.gcn.train.estimate", mode = Mode.READ)
    @Description("Estimates the heap that rec.gcn.train needs on a GDS graph with a configuration, without training.")
    public Stream<MemoryEstimate> trainEstimate(
            @Name(value = "graphName", description = "The name of a GDS graph holding users, items and their interactions.")
                    String graphName,
            @Name(value = "config", description = "rec.gcn.train's configuration.") Map<String, Object> config) {
        TrainConfig c = TrainConfig.parse("rec.gcn.train.estimate", config, false);
        Input input = resolve(c, graphName);
        org.neo4j.gds.NodeLabel users = org.neo4j.gds.NodeLabel.of(c.labels().get(0));
        org.neo4j.gds.NodeLabel items = org.neo4j.gds.NodeLabel.of(c.labels().get(1));
        long nodes = 0;
        for (long n = 0; n < input.graph().nodeCount(); n++) {
            if (input.graph().hasLabel(n, users) || input.graph().hasLabel(n, items)) {
                nodes++;
            }
        }
        int featureDimension = 0;
        for (String key : c.featureProperties()) {
            if (input.graph().availableNodeProperties().contains(key)) {
                featureDimension += input.graph().nodeProperties(key).dimension().orElse(0);
            }
        }
        rec4j.gcn.GcnMemoryEstimate.Estimate e = rec4j.gcn.GcnMemoryEstimate.train(nodes, input.graph().relationshipCount(),
                featureDimension, c.parameters(), c.validationFraction() > 0);
        return Stream.of(new MemoryEstimate(e, nodes, input.graph().relationshipCount()));
    }

    /** What one memory estimate says, GDS style. */
    public static final class MemoryEstimate {
        @Description("The estimate, human-readable.")
        public final String requiredMemory;

        @Description("The estimate in bytes (lower end).")
        public final long bytesMin;

        @Description("The estimate in bytes (upper end).")
        public final long bytesMax;

        @Description("Share of the maximum heap that bytesMax needs, in percent.")
        public final double heapPercentageMax;

        @Description("Nodes (users and items) counted.")
        public final long nodeCount;

        @Description("Relationships counted (both directions of an undirected projection).")
        public final long relationshipCount;

        @Description("The estimate by component, in bytes.")
        public final Map<String, Object> mapView;

        MemoryEstimate(rec4j.gcn.GcnMemoryEstimate.Estimate e, long nodes, long relationships) {
            this.bytesMin = e.bytes();
            this.bytesMax = e.bytes();
            this.requiredMemory = humanBytes(e.bytes());
            this.heapPercentageMax = Math.round(1000.0 * e.bytes() / Runtime.getRuntime().maxMemory()) / 10.0;
            this.nodeCount = nodes;
            this.relationshipCount = relationships;
            this.mapView = new LinkedHashMap<>(e.components());
        }
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " Bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** The parsed configuration of rec.gcn.train, .stats and .estimate. */
    record TrainConfig(String modelName, List<String> labels, List<String> types, String weightProperty,
            List<String> featureProperties, GcnParameters parameters, double validationFraction, boolean zeroMissingFeatures,
            String procedure) {

        static TrainConfig parse(String procedure, Map<String, Object> config, boolean named) {
            ConfigMap map = new ConfigMap(procedure, config);
            String modelName = named ? ModelCatalog.requireValidName(procedure, map.requiredString("modelName"))
                    : map.string("modelName", null);
            List<String> labels = map.stringList("nodeLabels", List.of("User", "Item"));
            List<String> types = map.stringList("relationshipTypes", List.of());
            String weightProperty = map.string("relationshipWeightProperty", null);
            List<String> featureProperties = map.stringList("featureProperties", List.of());
            String fusionName = map.oneOf("fusion", featureProperties.isEmpty() ? "none" : "sum",
                    List.of("none", "sum", "concat", "attention"));
            GcnParameters p = new GcnParameters(
                    map.intInRange("embeddingDimension", 64, 1, 4096),
                    map.intInRange("layers", 3, 0, 10),
                    map.intInRange("epochs", 200, 1, 100_000),
                    map.intInRange("batchSize", 2048, 1, 10_000_000),
                    positive(procedure, map, "learningRate", 0.001),
                    nonNegative(procedure, map, "l2", 1e-4),
                    map.intInRange("negativeSamples", 1, 1, 100),
                    GcnParameters.Fusion.valueOf(fusionName.toUpperCase()),
                    fraction(procedure, map, "idDropout", 0.0),
                    map.intInRange("evaluateEvery", 10, 1, 100_000),
                    map.intInRange("patience", 5, 1, 100_000),
                    map.intInRange("randomSeed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE),
                    map.intInRange("concurrency", EmbedProcedures.DEFAULT_CONCURRENCY, 1, 64));
            double validationFraction = fraction(procedure, map, "validationFraction", 0.1);
            String missingFeatures = map.oneOf("missingFeatures", "error", List.of("error", "zero"));
            map.rejectUnknown();
            if (labels.size() != 2) {
                throw new IllegalArgumentException(procedure + ": 'nodeLabels' must name two labels, users then items, got " + labels);
            }
            if (p.fusion() != GcnParameters.Fusion.NONE && featureProperties.isEmpty()) {
                throw new IllegalArgumentException(procedure + ": fusion '" + fusionName + "' needs 'featureProperties'");
            }
            if (p.fusion() == GcnParameters.Fusion.NONE && !featureProperties.isEmpty()) {
                throw new IllegalArgumentException(procedure + ": fusion 'none' ignores text; drop 'featureProperties' or "
                        + "pick 'sum', 'concat' or 'attention'");
            }
            return new TrainConfig(modelName, labels, types, weightProperty, featureProperties, p, validationFraction,
                    missingFeatures.equals("zero"), procedure);
        }
    }

    /** The GDS graph a configuration names, checked: its labels, types and weight property exist. */
    record Input(GraphStore store, Graph graph) {}

    private Input resolve(TrainConfig c, String graphName) {
        String procedure = c.procedure();
        String database = db.databaseName();
        String user = ((InternalTransaction) tx).securityContext().subject().executingUser();
        if (!GraphStoreCatalog.exists(user, database, graphName)) {
            throw new IllegalArgumentException(procedure + ": no GDS graph named '" + graphName + "'; graphs: "
                    + GraphStoreCatalog.getGraphStores(user).stream().map(e -> e.config().graphName()).sorted().toList());
        }
        GraphStore store = GraphStoreCatalog.get(user, database, graphName).graphStore();
        for (String label : c.labels()) {
            if (store.nodeLabels().stream().noneMatch(l -> l.name().equals(label))) {
                throw new IllegalArgumentException(procedure + ": graph '" + graphName + "' has no node label '" + label
                        + "'; it has " + store.nodeLabels().stream().map(l -> l.name()).sorted().toList());
            }
        }
        List<RelationshipType> relTypes = c.types().isEmpty() ? new ArrayList<>(store.relationshipTypes())
                : c.types().stream().map(RelationshipType::of).toList();
        if (relTypes.isEmpty()) {
            throw new IllegalArgumentException(procedure + ": graph '" + graphName + "' has no relationships");
        }
        for (RelationshipType type : relTypes) {
            if (!store.relationshipTypes().contains(type)) {
                throw new IllegalArgumentException(procedure + ": graph '" + graphName + "' has no relationship type '"
                        + type.name() + "'; it has " + store.relationshipTypes().stream().map(RelationshipType::name).sorted().toList());
            }
        }
        if (c.weightProperty() != null && !store.hasRelationshipProperty(relTypes.get(0), c.weightProperty())) {
            throw new IllegalArgumentException(procedure + ": graph '" + graphName + "' has no relationship property '"
                    + c.weightProperty() + "'");
        }
        return new Input(store, store.getGraph(store.nodeLabels(), relTypes, java.util.Optional.ofNullable(c.weightProperty())));
    }

    private static GdsInteractions.Loaded read(TrainConfig c, Input input) {
        GdsInteractions.Loaded loaded = GdsInteractions.read(input.graph(), c.labels().get(0), c.labels().get(1),
                c.featureProperties());
        if (loaded.missingFeatures() > 0 && !c.zeroMissingFeatures()) {
            throw new IllegalArgumentException(c.procedure() + ": " + loaded.missingFeatures() + " of "
                    + loaded.data().nodes() + " users and items have none of the featureProperties " + c.featureProperties()
                    + "; pass missingFeatures: 'zero' to give them a zero text vector (their ID embedding carries them)");
        }
        return loaded;
    }

    private GcnTrainer.Result fit(TrainConfig c, GdsInteractions.Loaded loaded, List<Map<String, Object>> epochs) {
        GcnParameters p = c.parameters();
        Interactions.HoldOut split = c.validationFraction() > 0 ? loaded.data().holdOut(c.validationFraction(), p.randomSeed()) : null;
        String name = c.modelName() == null ? "(stats)" : c.modelName();
        try {
            return GcnTrainer.train(split != null ? split.train() : loaded.data(), split != null ? split.heldOut() : null, p,
                    s -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("epoch", (long) s.epoch());
                        row.put("loss", s.loss());
                        row.put("validationRecall", Double.isNaN(s.validationRecall()) ? null : s.validationRecall());
                        epochs.add(row);
                        log.info("%s %s: epoch %d loss %.5f%s", c.procedure(), name, s.epoch(), s.loss(),
                                Double.isNaN(s.validationRecall()) ? "" : String.format(" validation Recall@20 %.4f", s.validationRecall()));
                    }, () -> {
                        guard.check();
                        return false;
                    });
        } catch (GcnTrainer.TerminatedException e) {
            log.warn("%s %s was terminated; no model was registered", c.procedure(), name);
            throw e;
        }
    }

    public static final class TrainResult {
        @Description("The name the model is registered under (null for rec.gcn.stats).")
        public final String modelName;

        @Description("Users in the graph.")
        public final long users;

        @Description("Items in the graph.")
        public final long items;

        @Description("User-item interactions in the graph.")
        public final long interactions;

        @Description("Per epoch: epoch, loss (mean BPR loss + L2) and validationRecall (Recall@20, on evaluated epochs).")
        public final List<Map<String, Object>> epochs;

        @Description("The epoch whose model was kept (best validation Recall@20, or the last without validation).")
        public final long bestEpoch;

        @Description("Validation Recall@20 of the kept model, or null without validation.")
        public final Double validationRecall;

        @Description("True when early stopping ended the training before 'epochs'.")
        public final boolean didConverge;

        @Description("Milliseconds spent training.")
        public final long trainMillis;

        TrainResult(String name, GdsInteractions.Loaded loaded, GcnTrainer.Result result, List<Map<String, Object>> epochs) {
            this.modelName = name;
            this.users = loaded.data().users();
            this.items = loaded.data().items();
            this.interactions = loaded.data().interactionCount();
            this.epochs = epochs;
            this.bestEpoch = result.bestEpoch();
            this.validationRecall = result.bestValidationRecall() < 0 ? null : result.bestValidationRecall();
            this.didConverge = result.didConverge();
            this.trainMillis = result.trainMillis();
        }
    }

    @Procedure(name = "rec.gcn.stream", mode = Mode.READ)
    @Description("The final embedding of every user and item of a trained GCN model.")
    public Stream<NodeEmbedding> stream(
            @Name(value = "modelName", description = "The name of a model trained with rec.gcn.train.") String modelName) {
        ModelCatalog.StoredModel stored = runtime.models().require(db.databaseName(), modelName);
        int width = stored.model().width();
        int users = stored.model().users();
        float[] e = stored.model().embeddings();
        return IntStream.range(0, users + stored.model().items()).mapToObj(r -> {
            List<Double> v = new ArrayList<>(width);
            for (int c = 0; c < width; c++) {
                v.add((double) e[r * width + c]);
            }
            return new NodeEmbedding(r < users ? stored.userNodeIds()[r] : stored.itemNodeIds()[r - users], v);
        });
    }

    public static final class NodeEmbedding {
        @Description("The Neo4j id of the user or item node.")
        public final long nodeId;

        @Description("Its final embedding; user-item scores are dot products.")
        public final List<Double> embedding;

        NodeEmbedding(long nodeId, List<Double> embedding) {
            this.nodeId = nodeId;
            this.embedding = embedding;
        }
    }

    @Procedure(name = "rec.gcn.write", mode = Mode.WRITE)
    @Description("Writes the final embedding of every user and item of a trained GCN model to a node property (a float "
            + "list), in batched transactions with the caller's rights.")
    public Stream<WriteResult> write(
            @Name(value = "modelName", description = "The name of a model trained with rec.gcn.train.") String modelName,
            @Name(value = "config", defaultValue = "{}", description = "{writeProperty: 'gcnEmbedding', batchSize: 10000}")
                    Map<String, Object> config) {
        ConfigMap map = new ConfigMap("rec.gcn.write", config);
        String property = map.string("writeProperty", "gcnEmbedding");
        int batchSize = map.intInRange("batchSize", 10_000, 1, 1_000_000);
        map.rejectUnknown();
        ModelCatalog.StoredModel stored = runtime.models().require(db.databaseName(), modelName);
        long start = System.nanoTime();
        rec4j.embed.BatchWriter writer = new rec4j.embed.BatchWriter(db, tx);
        int users = stored.model().users();
        int rows = users + stored.model().items();
        int width = stored.model().width();
        float[] e = stored.model().embeddings();
        long[] written = {0, 0};
        for (int from = 0; from < rows; from += batchSize) {
            guard.check();
            int first = from, last = Math.min(rows, from + batchSize);
            writer.commit(wtx -> {
                for (int r = first; r < last; r++) {
                    long id = r < users ? stored.userNodeIds()[r] : stored.itemNodeIds()[r - users];
                    try {
                        wtx.getNodeById(id).setProperty(property, java.util.Arrays.copyOfRange(e, r * width, (r + 1) * width));
                        written[0]++;
                    } catch (org.neo4j.graphdb.NotFoundException deleted) {
                        written[1]++;
                    }
                }
            });
        }
        log.info("rec.gcn.write %s: %d node properties written, %d nodes no longer exist", modelName, written[0], written[1]);
        return Stream.of(new WriteResult(written[0], written[1], writer.committedBatches(), (System.nanoTime() - start) / 1_000_000));
    }

    public static final class WriteResult {
        @Description("Nodes whose embedding was written.")
        public final long nodePropertiesWritten;

        @Description("Nodes of the model that no longer exist (deleted since training).")
        public final long nodesMissing;

        @Description("Write transactions committed.")
        public final long committedBatches;

        @Description("Milliseconds spent writing.")
        public final long writeMillis;

        WriteResult(long written, long missing, long batches, long millis) {
            this.nodePropertiesWritten = written;
            this.nodesMissing = missing;
            this.committedBatches = batches;
            this.writeMillis = millis;
        }
    }

    @Procedure(name = "rec.gcn.mutate", mode = Mode.READ)
    @Description("Adds the final embeddings of a trained GCN model to a GDS graph as a node property of its user and item "
            + "nodes, for other GDS algorithms (e.g. KNN) to use.")
    public Stream<MutateResult> mutate(
            @Name(value = "modelName", description = "The name of a model trained with rec.gcn.train.") String modelName,
            @Name(value = "config", description = "{graphName (default: the graph the model was trained on), mutateProperty: "
                    + "'gcnEmbedding'}") Map<String, Object> config) {
        ModelCatalog.StoredModel stored = runtime.models().require(db.databaseName(), modelName);
        ConfigMap map = new ConfigMap("rec.gcn.mutate", config);
        String graphName = map.string("graphName", stored.graphName());
        String property = map.string("mutateProperty", "gcnEmbedding");
        map.rejectUnknown();
        String user = ((InternalTransaction) tx).securityContext().subject().executingUser();
        if (!GraphStoreCatalog.exists(user, db.databaseName(), graphName)) {
            throw new IllegalArgumentException("rec.gcn.mutate: no GDS graph named '" + graphName + "'");
        }
        GraphStore store = GraphStoreCatalog.get(user, db.databaseName(), graphName).graphStore();
        if (store.hasNodeProperty(property)) {
            throw new IllegalArgumentException("rec.gcn.mutate: graph '" + graphName + "' already has a node property '"
                    + property + "'");
        }
        long start = System.nanoTime();
        Map<Long, Integer> rowOf = new java.util.HashMap<>();
        int users = stored.model().users();
        for (int r = 0; r < users; r++) {
            rowOf.put(stored.userNodeIds()[r], r);
        }
        for (int r = 0; r < stored.model().items(); r++) {
            rowOf.put(stored.itemNodeIds()[r], users + r);
        }
        var nodes = store.nodes();
        int width = stored.model().width();
        float[] e = stored.model().embeddings();
        long count = store.nodeCount();
        int[] rows = new int[(int) count];
        long matched = 0;
        for (long n = 0; n < count; n++) {
            Integer r = rowOf.get(nodes.toOriginalNodeId(n));
            rows[(int) n] = r == null ? -1 : r;
            matched += r == null ? 0 : 1;
        }
        org.neo4j.gds.api.properties.nodes.FloatArrayNodePropertyValues values =
                new org.neo4j.gds.api.properties.nodes.FloatArrayNodePropertyValues() {
                    @Override
                    public float[] floatArrayValue(long node) {
                        int r = rows[(int) node];
                        return r < 0 ? null : java.util.Arrays.copyOfRange(e, r * width, (r + 1) * width);
                    }

                    @Override
                    public long nodeCount() {
                        return count;
                    }

                    @Override
                    public java.util.Optional<Integer> dimension() {
                        return java.util.Optional.of(width);
                    }
                };
        store.addNodeProperty(java.util.Set.of(org.neo4j.gds.NodeLabel.of(stored.userLabel()),
                org.neo4j.gds.NodeLabel.of(stored.itemLabel())), property, values);
        return Stream.of(new MutateResult(graphName, property, matched, (System.nanoTime() - start) / 1_000_000));
    }

    public static final class MutateResult {
        @Description("The GDS graph that got the property.")
        public final String graphName;

        @Description("The node property added.")
        public final String mutateProperty;

        @Description("Nodes of the graph that got an embedding.")
        public final long nodePropertiesWritten;

        @Description("Milliseconds spent.")
        public final long mutateMillis;

        MutateResult(String graphName, String property, long written, long millis) {
            this.graphName = graphName;
            this.mutateProperty = property;
            this.nodePropertiesWritten = written;
            this.mutateMillis = millis;
        }
    }

    @Procedure(name = "rec.model.list", mode = Mode.READ)
    @Description("The models in rec4j's catalog for this database.")
    public Stream<ModelInfo> list() {
        return runtime.models().list(db.databaseName()).stream().sorted((a, b) -> a.name().compareTo(b.name())).map(ModelInfo::new);
    }

    @Procedure(name = "rec.model.drop", mode = Mode.READ)
    @Description("Removes a model from rec4j's catalog and returns what it was.")
    public Stream<ModelInfo> drop(@Name(value = "modelName", description = "The name of the model to drop.") String modelName) {
        return Stream.of(runtime.models().drop(db.databaseName(), modelName).map(ModelInfo::new)
                .orElseGet(() -> new ModelInfo(modelName)));
    }

    public static final class ModelInfo {
        @Description("The model's name.")
        public final String modelName;

        @Description("The kind of model: 'gcn'.")
        public final String modelType;

        @Description("The GDS graph it was trained on.")
        public final String graphName;

        @Description("Users and items it has embeddings for.")
        public final long nodes;

        @Description("The dimension of its final embeddings.")
        public final long dimension;

        @Description("How layer 0 fuses text and ID embeddings: none, sum, concat or attention.")
        public final String fusion;

        @Description("When it was trained (ISO-8601).")
        public final String trainedAt;

        @Description("bestEpoch, validationRecall, didConverge and trainMillis of its training.")
        public final Map<String, Object> trainInfo;

        /** A model whose file was damaged: only its name is known. */
        ModelInfo(String name) {
            this.modelName = name;
            this.modelType = "gcn";
            this.graphName = null;
            this.nodes = 0;
            this.dimension = 0;
            this.fusion = null;
            this.trainedAt = null;
            this.trainInfo = Map.of("damaged", true);
        }

        ModelInfo(ModelCatalog.StoredModel m) {
            this.modelName = m.name();
            this.modelType = "gcn";
            this.graphName = m.graphName();
            this.nodes = m.model().users() + m.model().items();
            this.dimension = m.model().width();
            this.fusion = m.model().parameters().fusion().name().toLowerCase();
            this.trainedAt = m.trainedAt().toString();
            this.trainInfo = m.trainInfo();
        }
    }

    private static double positive(String procedure, ConfigMap map, String key, double defaultValue) {
        double v = map.number(key, defaultValue);
        if (!(v > 0)) {
            throw new IllegalArgumentException(procedure + ": '" + key + "' must be > 0, got " + v);
        }
        return v;
    }

    private static double nonNegative(String procedure, ConfigMap map, String key, double defaultValue) {
        double v = map.number(key, defaultValue);
        if (v < 0) {
            throw new IllegalArgumentException(procedure + ": '" + key + "' must be >= 0, got " + v);
        }
        return v;
    }

    private static double fraction(String procedure, ConfigMap map, String key, double defaultValue) {
        double v = map.number(key, defaultValue);
        if (v >= 1 || v < 0) {
            throw new IllegalArgumentException(procedure + ": '" + key + "' must be in [0, 1), got " + v);
        }
        return v;
    }
}
