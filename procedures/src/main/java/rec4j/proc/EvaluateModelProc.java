package rec4j.proc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import rec4j.config.ConfigMap;
import rec4j.evaluate.OfflineEvaluation;
import rec4j.evaluate.Scorers;
import rec4j.recommend.ServingModel;

/** {@code rec.evaluate.model}: top-k metrics of a trained model (and baselines) on the split recorded in the database. */
public class EvaluateModelProc {

    static final String PROCEDURE = EvaluateModelConfig.PROCEDURE;

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

    @Procedure(name = EvaluateModelConfig.PROCEDURE, mode = Mode.READ)
    @Description(EvaluateModelConfig.DESCRIPTION)
    public Stream<EvaluationRow> model(
            @Name(value = "modelName", description = Docs.MODEL_NAME) String modelName,
            @Name(value = "config", defaultValue = "{}", description = EvaluateModelConfig.DOC) Map<String, Object> config) {
        long start = System.nanoTime();
        ConfigMap map = new ConfigMap(PROCEDURE, config);
        // a GCN or an EASE model (the catalog's cached serving form; a node that took over a deleted node's id is not
        // the model's node)
        ServingModel serving = runtime.models().serving(PROCEDURE, db.databaseName(), modelName);
        EvaluateModelConfig cfg = EvaluateModelConfig.parse(map, List.of(serving.userLabel(), serving.itemLabel()));
        List<String> labels = cfg.labels();
        String splitProperty = cfg.splitProperty();
        String candidatesName = cfg.candidates();
        if (serving.itemItem() && candidatesName.startsWith("cold")) {
            // its scores of such items are all 0: the ranking would be the order of the nodes, not the model's
            throw new IllegalArgumentException(PROCEDURE + ": 'candidates': '" + candidatesName + "' ranks items without "
                    + "training interactions, and model '" + modelName + "' is an EASE model, which scores an item only "
                    + "through the training items it shares users with, so it gives every such item 0; allowed for it: '"
                    + EvaluateModelConfig.ALL + "', '" + EvaluateModelConfig.TEST + "' (rank cold items with a GCN or a "
                    + "hybrid that has a text tower)");
        }
        String featureProperty = cfg.featureProperty();
        Double minRating = cfg.minRating();
        String ratingProperty = cfg.ratingProperty();
        int[] ks = cfg.ks();
        int concurrency = cfg.concurrency();

        if (featureProperty != null && java.util.stream.StreamSupport.stream(tx.getAllPropertyKeys().spliterator(), false)
                .noneMatch(featureProperty::equals)) {
            throw new IllegalArgumentException(PROCEDURE + ": 'featureProperty': no node in the database has a property '"
                    + featureProperty + "'");
        }
        EvaluateSupport.Read read = EvaluateSupport.read(PROCEDURE, tx, guard, labels.get(0), labels.get(1), cfg.types(),
                Arrays.asList(splitProperty, minRating == null ? null : ratingProperty));
        int users = read.userIds().length, items = read.itemIds().length;
        List<List<Integer>> train = new ArrayList<>(), test = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            train.add(new ArrayList<>());
            test.add(new ArrayList<>());
        }
        boolean[] hasTrain = new boolean[items], hasTest = new boolean[items];
        long testInteractions = 0;
        for (int e = 0; e < read.size(); e++) {
            Object split = read.properties()[e][0];
            int u = read.userOf()[e], i = read.itemOf()[e];
            if ("train".equals(split)) {
                train.get(u).add(i);
                hasTrain[i] = true;
            } else if ("test".equals(split)) {
                Object rating = read.properties()[e][1];
                if (minRating != null && !(rating instanceof Number)) {
                    throw new IllegalArgumentException(PROCEDURE + ": 'minRating' needs a number in '" + ratingProperty
                            + "' of every test interaction; relationship " + read.relationshipIds()[e] + " has "
                            + (rating == null ? "none" : rec4j.embed.EntityTextEmbedder.typeName(rating)));
                }
                hasTest[i] = true;
                if (minRating == null || ((Number) rating).doubleValue() >= minRating) {
                    test.get(u).add(i);
                    testInteractions++;
                }
            }
        }
        if (testInteractions == 0) {
            throw new IllegalArgumentException(PROCEDURE + ": the test set is empty: no interaction between '" + labels.get(0)
                    + "' and '" + labels.get(1) + "' nodes has the 'splitProperty' " + splitProperty + " = 'test'"
                    + (minRating == null ? "" : " and '" + ratingProperty + "' >= " + minRating)
                    + "; run rec.evaluate.split first");
        }
        int[] candidates = java.util.stream.IntStream.range(0, items).filter(i -> switch (candidatesName) {
            case "test" -> hasTest[i];
            case EvaluateModelConfig.COLD_ITEMS -> !hasTrain[i];
            case EvaluateModelConfig.COLD_TEST_ITEMS -> hasTest[i] && !hasTrain[i];
            default -> true;
        }).toArray();
        if (candidates.length == 0) {
            throw new IllegalArgumentException(PROCEDURE + ": candidates '" + candidatesName + "' selects no item"
                    + (candidatesName.startsWith("cold") ? " (every item has training interactions; split with "
                    + "strategy 'coldItems')" : ""));
        }
        OfflineEvaluation.Input input = new OfflineEvaluation.Input(users, items, rows(train), rows(test), candidates,
                featureProperty == null ? null : features(read.itemIds(), featureProperty));
        int evaluated = 0;
        boolean[] evaluatedUser = new boolean[users];
        for (int u = 0; u < users; u++) {
            evaluatedUser[u] = input.relevant(u).length > 0;
            evaluated += evaluatedUser[u] ? 1 : 0;
        }
        if (evaluated == 0) {
            throw new IllegalArgumentException(PROCEDURE + ": no user has a test item among the " + candidates.length
                    + " candidates '" + candidatesName + "' that is not also one of their training items");
        }

        // the model's rows for the database's users and items
        int[] userRow = new int[users], itemRow = new int[items];
        int unscoredUsers = 0, unscoredItems = 0;
        for (int u = 0; u < users; u++) {
            // an item-item model scores every user from its training items: it has no user rows to miss
            userRow[u] = serving.itemItem() ? u : serving.userRow(tx.getNodeById(read.userIds()[u]));
            unscoredUsers += userRow[u] < 0 && evaluatedUser[u] ? 1 : 0;
        }
        for (int i = 0; i < items; i++) {
            int r = serving.itemRow(tx.getNodeById(read.itemIds()[i]));
            itemRow[i] = r;
        }
        for (int i : candidates) {
            unscoredItems += itemRow[i] < 0 ? 1 : 0;
        }
        if (unscoredItems == candidates.length) {
            throw new IllegalArgumentException(PROCEDURE + ": model '" + modelName + "' has none of the " + candidates.length
                    + " candidate items ('" + candidatesName + "')" + (candidatesName.startsWith("cold")
                    ? ": a graph model never saw items without training interactions, so it cannot rank them; fit a text "
                    + "tower (rec.gcn.textTower) and fold the cold items in from their text alone (rec.gcn.foldIn with "
                    + "{users: false, fromInteractions: false}, so that their held-out interactions are not used)"
                    : "; was it trained on these '" + labels.get(1) + "' nodes?"));
        }
        if (unscoredUsers == evaluated) {
            throw new IllegalArgumentException(PROCEDURE + ": model '" + modelName + "' has none of the " + evaluated
                    + " users with test items; was it trained on these '" + labels.get(0) + "' nodes?");
        }

        List<EvaluationRow> out = new ArrayList<>();
        OfflineEvaluation.Scorer model = serving.itemItem() ? Scorers.itemItem(serving::contribution, itemRow, input)
                : Scorers.dotProduct(serving.space(), userRow, itemRow);
        if (serving.hybrid() != null) {
            // a hybrid: its GCN part's dot products and its EASE part's scores, blended as served
            ServingModel ease = serving.hybrid().ease();
            int[] easeRow = new int[items];
            for (int i = 0; i < items; i++) {
                easeRow[i] = itemRow[i] < 0 ? -1 : serving.hybrid().easeRow()[itemRow[i]];
            }
            model = rec4j.evaluate.Blend.of(model, Scorers.itemItem(ease::contribution, easeRow, input),
                    serving.hybrid().weight());
        }
        java.util.function.BooleanSupplier terminated = () -> Entities.terminated(guard);
        try {
            add(out, OfflineEvaluation.evaluate(input, modelName, model, ks, concurrency, terminated), candidates.length,
                    unscoredUsers, unscoredItems);
            for (String baseline : cfg.baselines()) {
                guard.check();
                OfflineEvaluation.Scorer scorer = switch (baseline) {
                    case EvaluateModelConfig.POPULARITY -> Scorers.popularity(input);
                    case EvaluateModelConfig.ITEM_KNN -> Scorers.itemKnn(input, cfg.itemKnnNeighbours(), concurrency, terminated);
                    default -> EvaluateSupport.easeBaseline(input, cfg, terminated);
                };
                add(out, OfflineEvaluation.evaluate(input, baseline, scorer, ks, concurrency, terminated), candidates.length,
                        0, 0);
            }
        } catch (RuntimeException e) {
            if (Entities.terminated(guard)) {
                log.warn("%s %s was terminated", PROCEDURE, modelName);
                guard.check();
            }
            throw e;
        }
        log.info("%s %s: %d users evaluated on %d candidates ('%s'), %d test interactions, %d users and %d candidates "
                + "unknown to the model; %d ms", PROCEDURE, modelName, evaluated, candidates.length, candidatesName,
                testInteractions, unscoredUsers, unscoredItems, (System.nanoTime() - start) / 1_000_000);
        return out.stream();
    }

    private static void add(List<EvaluationRow> out, List<OfflineEvaluation.Row> rows, int candidates, int unscoredUsers,
            int unscoredItems) {
        for (OfflineEvaluation.Row r : rows) {
            out.add(new EvaluationRow(r, candidates, unscoredUsers, unscoredItems));
        }
    }

    private static int[][] rows(List<List<Integer>> lists) {
        int[][] out = new int[lists.size()][];
        for (int u = 0; u < out.length; u++) {
            out[u] = lists.get(u).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private float[][] features(long[] itemIds, String property) {
        float[][] out = new float[itemIds.length][];
        for (int i = 0; i < itemIds.length; i++) {
            Object v = tx.getNodeById(itemIds[i]).getProperty(property, null);
            if (v == null) {
                continue;
            }
            out[i] = v instanceof long[] ? null : rec4j.serving.Vectors.toFloats(v);
            if (out[i] == null) {
                throw new IllegalArgumentException(PROCEDURE + ": 'featureProperty' '" + property + "' must hold a list of "
                        + "floats; node " + itemIds[i] + " has " + rec4j.embed.EntityTextEmbedder.typeName(v));
            }
        }
        return out;
    }
}
