package rec4j.proc;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import rec4j.Rec4jRuntime;
import rec4j.config.ModelNames;
import rec4j.ease.Ease;
import rec4j.evaluate.Blend;
import rec4j.gcn.GcnMemoryEstimate;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.GdsInteractions;
import rec4j.gcn.MemoryGuard;
import rec4j.hybrid.HybridFit;
import rec4j.model.EaseModel;
import rec4j.model.StoredModel;
import rec4j.recommend.NodeIdentity;

/**
 * {@code rec.hybrid.train} and its estimate: a GCN and EASE fitted on the same GDS graph ({@link HybridFit}), the
 * blend weight picked on one validation part, both parts refit on all interactions and registered: the GCN part under
 * modelName (served as the blend), the EASE part under modelName + '-ease'.
 */
public class HybridTrainProc {

    static final String TRAIN = "rec.hybrid.train", ESTIMATE = "rec.hybrid.train.estimate";
    static final String EASE_SUFFIX = "-ease";

    static final String DESCRIPTION = "Trains a hybrid recommender on a GDS graph: the GCN (rec.gcn.train's defaults) "
            + "and EASE fitted on the same interactions; one validation part picks the GCN's epoch count, EASE's lambda "
            + "(unless given) and the blend weight (the GCN's share of the per-user z-scores); both are then refit on all "
            + "interactions and registered, the GCN part under modelName (rec.recommend.forUser serves it blended, basis "
            + "'hybrid') and the EASE part under modelName + '-ease'. With featureProperties the GCN part also fits a text "
            + "tower: items without interactions are placed by their text and ranked by the GCN part alone (EASE cannot "
            + "score them), as are items folded in later (rec.gcn.foldIn).";

    static final String DOC = "{modelName (required), nodeLabels: ['User', 'Item'], relationshipTypes (default all), "
            + "relationshipWeightProperty (the GCN's propagation), lambda (EASE's; default picked among "
            + EaseTrainConfig.LAMBDAS_DOC + "), weight (the GCN's share of the blend in [0, 1]; default picked among 0, "
            + "0.1, ..., 1 on the validation part), validationFraction: " + GcnTrainConfig.VALIDATION_FRACTION
            + " (in (0, 1): picks the epochs, lambda and weight), featureProperties: [] (item text vectors on the graph: "
            + "the GCN part's text tower, as rec.gcn.train's fusion 'tower'), the GCN keys of rec.gcn.train "
            + "(embeddingDimension, layers, epochs, batchSize, learningRate, l2, negativeSamples, evaluateEvery, patience, "
            + "randomSeed, concurrency, sudo) with its defaults; not: fusion, refit, hardNegativeType, initialModel, "
            + "halfLifeDays}";

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

    /** The parsed configuration: the GCN part's (rec.gcn.train's keys) and EASE's lambda (null: picked). */
    record Config(GcnTrainConfig gcn, Double lambda, Double weight, String easeName) {

        static Config parse(String procedure, Map<String, Object> config, boolean named) {
            if (config == null) {
                throw new IllegalArgumentException(procedure + ": 'config' must be a map, got null");
            }
            Map<String, Object> rest = new HashMap<>(config);
            Object lambdaValue = rest.remove("lambda");
            Object weightValue = rest.remove("weight");
            for (String key : List.of("fusion", "refit", "hardNegativeType", "hardNegativeRate",
                    "initialModel", "halfLifeDays", "timeProperty", "idDropout", "missingFeatures")) {
                if (rest.containsKey(key)) {
                    throw new IllegalArgumentException(procedure + ": '" + key + "' is not a key of a hybrid (its GCN part "
                            + "is graph-only, refit on all interactions, with a text tower when featureProperties are "
                            + "given); train the GCN with rec.gcn.train for it");
                }
            }
            GcnTrainConfig gcn = GcnTrainConfig.parse(procedure, rest, named);
            Double lambda = null;
            if (lambdaValue != null) {
                if (!(lambdaValue instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
                    throw new IllegalArgumentException(procedure + ": 'lambda' must be a finite number > 0, got "
                            + rec4j.config.ConfigMap.shown(lambdaValue));
                }
                lambda = n.doubleValue();
            }
            Double weight = null;
            if (weightValue != null) {
                if (!(weightValue instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
                    throw new IllegalArgumentException(procedure + ": 'weight' must be a number in [0, 1] (the GCN's share), "
                            + "got " + rec4j.config.ConfigMap.shown(weightValue));
                }
                weight = n.doubleValue();
            }
            if (!(gcn.validationFraction() > 0)) {
                throw new IllegalArgumentException(procedure + ": 'validationFraction' must be in (0, 1): a hybrid picks its "
                        + "blend weight on a validation part, got " + gcn.validationFraction());
            }
            String easeName = gcn.modelName() == null ? null
                    : ModelNames.require(procedure, "modelName", gcn.modelName() + EASE_SUFFIX);
            return new Config(gcn, lambda, weight, easeName);
        }

        EaseTrainConfig ease() {
            return new EaseTrainConfig(gcn.procedure(), easeName, gcn.labels(), gcn.types(), lambda, gcn.validationFraction(),
                    gcn.parameters().randomSeed(), gcn.parameters().concurrency(), gcn.sudo());
        }
    }

    /**
     * The heap of both parts from the graph's sizes: the GCN's training; then EASE's fit while the GCN's two models
     * (selection and refit: final and layer-0 rows each) and the interactions are held, and a second EASE model (the
     * validation one, for the weight) next to the kept one.
     */
    private GcnMemoryEstimate.Estimate estimate(Config h, GdsGraph input) {
        GcnMemoryEstimate.Estimate gcn = GcnEstimates.train(h.gcn(), input, tx).estimate();
        GcnEstimates.Sizes s = GcnEstimates.sizes(input.graph(), h.gcn().labels());
        GcnMemoryEstimate.Estimate ease = Ease.estimate(s.users(), s.items(), s.interactions(), h.gcn().parameters().concurrency());
        // the GCN's models; the interactions read from GDS are in EASE's estimate (its 'interactions')
        long gcnKept = 4L * (s.users() + s.items()) * h.gcn().parameters().embeddingDimension() * 4;
        long secondEase = ease.components().getOrDefault("itemItemWeights", 0L);
        Map<String, Long> parts = new LinkedHashMap<>();
        gcn.components().forEach((k, v) -> parts.put("gcn." + k, v));
        ease.components().forEach((k, v) -> parts.put("ease." + k, v));
        parts.put("gcnModelsHeld", gcnKept);
        parts.put("validationEase", secondEase);
        return new GcnMemoryEstimate.Estimate(Math.max(gcn.bytes(), gcnKept + ease.bytes() + secondEase), parts);
    }

    @Procedure(name = TRAIN, mode = Mode.WRITE)
    @Description(DESCRIPTION)
    public Stream<Result> train(
            @Name(value = "graphName", description = Docs.GRAPH_NAME) String graphName,
            @Name(value = "config", description = DOC) Map<String, Object> config) {
        Config h = Config.parse(TRAIN, config, true);
        GcnTrainConfig c = h.gcn();
        GcnSupport support = new GcnSupport(db, tx, log, guard);
        GdsGraph input = GcnSupport.graph(c, db, tx, graphName);
        EaseSupport.checkMemory(h.ease(), new EaseSupport.Input(input, GcnEstimates.sizes(input.graph(), c.labels())));
        MemoryGuard.check(TRAIN, estimate(h, input), c.sudo(), GcnTrainConfig.MEMORY_KEYS);
        GdsInteractions.Loaded loaded = GcnSupport.read(c, input);
        log.info("%s %s: fitting a GCN and EASE on %d users, %d items, %d interactions", TRAIN, c.modelName(),
                loaded.data().users(), loaded.data().items(), loaded.data().interactionCount());
        HybridFit.Outcome o;
        try {
            GcnParameters p = c.forInteractions(loaded.data().interactionCount()).parameters();
            o = HybridFit.fit(loaded.data(), p, h.lambda(), c.validationFraction(), p.concurrency(),
                    (run, s) -> { }, () -> Entities.terminated(guard));
        } catch (GcnTrainer.TerminatedException | CancellationException e) {
            log.warn("%s %s was terminated; no model was registered", TRAIN, c.modelName());
            guard.check();
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TRAIN + ": " + e.getMessage());
        }
        double weight = h.weight() != null ? h.weight() : o.weight().weight();
        log.info("%s %s: weight %.2f (%s), %d epochs, lambda %s", TRAIN, c.modelName(), weight,
                h.weight() != null ? "given" : String.format("picked: validation Recall@20 %.4f", o.weight().recall()),
                o.gcn().epochs(), o.ease().lambda());
        NodeIdentity identity = NodeIdentity.of(tx, c.labels().get(0), c.labels().get(1), loaded.userNodeIds(),
                loaded.itemNodeIds(), guard::check);
        NodeIdentity itemsOnly = new NodeIdentity(List.of(), identity.itemKeys(), new long[0], identity.itemFingerprints());
        GcnSupport.Towered towered = support.textTower(c, loaded, o.gcn().model().model());
        int[] fromText = towered.placedItems();
        // EASE's rows of the items placed by text are all zero (no interaction): its part does not claim those items,
        // so the blend ranks them by the GCN part's z-score alone
        long[] easeItems = loaded.itemNodeIds().clone();
        for (int i : fromText) {
            easeItems[i] = NodeIdentity.RETIRED;
        }
        Instant now = Instant.now();
        runtime.models().storeEase(TRAIN, new EaseModel(h.easeName(), db.databaseName(), o.ease().model(),
                easeItems, identity.hasFingerprints() ? itemsOnly : NodeIdentity.LABELS_ONLY, graphName,
                c.labels().get(0), c.labels().get(1), input.relationshipTypes(), now, EaseSupport.training(o.ease(), loaded)));
        GcnSupport.TrainResult gcnRow = new GcnSupport.TrainResult(c.modelName(), loaded, o.gcn());
        StoredModel model = towered.attach(StoredModel.builder(c.modelName(), db.databaseName(), towered.model())
                .nodes(loaded.userNodeIds(), loaded.itemNodeIds(), identity)
                .graph(graphName, c.labels().get(0), c.labels().get(1), input.relationshipTypes(), c.weightProperty(),
                        c.featureProperties())
                .trained(now, gcnRow.training(o.gcn()).withHybrid(new StoredModel.Hybrid(h.easeName(), weight)))
                .build(), c.featureProperties());
        try {
            runtime.models().store(model);
        } catch (RuntimeException e) {
            runtime.models().drop(TRAIN, db.databaseName(), h.easeName()); // nothing half-written
            throw e;
        }
        return Stream.of(new Result(c.modelName(), h.easeName(), weight, o, gcnRow, fromText.length));
    }

    @Procedure(name = ESTIMATE, mode = Mode.READ)
    @Description("The heap rec.hybrid.train needs for this graph and config (both parts: the GCN's and EASE's), from the "
            + "graph's sizes, without training.")
    public Stream<MemoryEstimateResult> estimate(
            @Name(value = "graphName", description = Docs.GRAPH_NAME) String graphName,
            @Name(value = "config", description = DOC) Map<String, Object> config) {
        Config h = Config.parse(ESTIMATE, config, false);
        GdsGraph input = GcnSupport.graph(h.gcn(), db, tx, graphName);
        GcnEstimates.Sizes s = GcnEstimates.sizes(input.graph(), h.gcn().labels());
        return Stream.of(new MemoryEstimateResult(estimate(h, input), s.users() + s.items(),
                input.graph().relationshipCount()));
    }

    public record Result(
            @Description("The hybrid's name: its GCN part, served blended.")
            String modelName,
            @Description("The name of its EASE part (modelName + '-ease').")
            String easeModel,
            @Description("The GCN's share of the blend (of per-user z-scores): picked on validation, or as given.")
            double weight,
            @Description("Validation Recall@20 of the blend for each weight tried (0: EASE alone, 1: the GCN alone).")
            Map<String, Object> validationRecalls,
            @Description("Validation NDCG@20 of the blend for each weight tried.")
            Map<String, Object> validationNdcgs,
            @Description("The GCN's epoch count, picked on the validation part; the refit on all interactions ran that many.")
            long epochs,
            @Description("EASE's lambda (picked on the validation part unless given).")
            double lambda,
            @Description("Users in the graph.")
            long users,
            @Description("Items in the graph.")
            long items,
            @Description("User-item interactions in the graph.")
            long interactions,
            @Description("Items without interactions in the graph placed by the GCN part's text tower (featureProperties; "
                    + "0 without): ranked by the GCN part alone.")
            long itemsFromText,
            @Description("Milliseconds spent fitting both parts (selection, refits, the weight's evaluation).")
            long trainMillis) {

        Result(String name, String ease, double weight, HybridFit.Outcome o, GcnSupport.TrainResult gcn, long fromText) {
            this(name, ease, weight, byWeight(o.weight().recalls()), byWeight(o.weight().ndcgs()),
                    o.gcn().epochs(), o.ease().lambda(), gcn.users(), gcn.items(), gcn.interactions(), fromText,
                    o.gcn().trainMillis() + o.ease().fitMillis());
        }

        private static Map<String, Object> byWeight(double[] values) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int k = 0; k < values.length; k++) {
                out.put(String.valueOf(Blend.GRID[k]), values[k]);
            }
            return out;
        }
    }
}
