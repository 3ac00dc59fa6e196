package rec4j.proc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.TerminationGuard;
import rec4j.gcn.GcnFit;
import rec4j.gcn.GcnParameters;
import rec4j.gcn.GcnTrainer;
import rec4j.gcn.GdsInteractions;
import rec4j.gcn.Interactions;
import rec4j.gcn.WarmStart;
import rec4j.model.StoredModel;

/**
 * What rec.gcn.train, .stats and .estimate share: the parsed configuration, the checked GDS graph ({@link GdsGraph}), reading it,
 * training with progress logging and termination checks, and their result rows. A record of the calling procedure's
 * context; public only because {@link TrainResult} is a procedure's output.
 */
public record GcnSupport(GraphDatabaseService db, Transaction tx, Log log, TerminationGuard guard) {

    /**
     * fusion 'tower': the ridge map from the items' text features (read with the graph) to their final embeddings in
     * the trained model, fitted on the items with interactions and features (as rec.gcn.textTower does); the graph's
     * items without interactions are then placed by it (a trained row of such an item is noise). Without fusion
     * 'tower', the model as trained and no tower.
     */
    Towered textTower(GcnTrainConfig c, GdsInteractions.Loaded loaded, rec4j.gcn.GcnModel model) {
        if (!c.textTower()) {
            return new Towered(model, null, new int[0]);
        }
        Interactions data = loaded.data();
        int f = data.featureDimension();
        float[] itemFeatures = java.util.Arrays.copyOfRange(data.features(), data.users() * f, data.nodes() * f);
        try {
            rec4j.gcn.TextTower.Weights tower = rec4j.gcn.TextTower.fit(model, data, itemFeatures, f,
                    rec4j.gcn.TextTower.DEFAULT_L2, c.parameters().concurrency());
            rec4j.gcn.TextTower.Placed placed = rec4j.gcn.TextTower.placeItemsWithoutInteractions(model, data, itemFeatures,
                    tower);
            log.info("%s %s: text tower fitted on %d items; %d items without interactions placed by their text",
                    c.procedure(), c.modelName(), tower.fittedItems(), placed.items().length);
            return new Towered(placed.model(), tower, placed.items());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.procedure() + ": the text tower (fusion 'tower'): " + e.getMessage());
        }
    }

    /**
     * A trained model and its text tower (null: none): {@code model} is the trained one with the graph's items that
     * have no interaction (but text) placed by the tower, {@code placedItems} those items (rows from 0, ascending).
     */
    record Towered(rec4j.gcn.GcnModel model, rec4j.gcn.TextTower.Weights tower, int[] placedItems) {

        /** {@code stored} (built from {@link #model}) with the tower on {@code properties}, if there is one. */
        StoredModel attach(StoredModel stored, java.util.List<String> properties) {
            return tower == null ? stored : stored.withTextTower(tower, properties);
        }
    }

    /** The GDS graph a configuration names, checked: its labels, types and weight property exist. */
    static GdsGraph graph(GcnTrainConfig c, GraphDatabaseService db, Transaction tx, String graphName) {
        return GdsGraph.resolve(c.procedure(), db, tx, graphName, c.labels(), c.types(), c.weightProperty());
    }

    static GdsInteractions.Loaded read(GcnTrainConfig c, GdsGraph input) {
        GdsInteractions.Loaded loaded = GdsInteractions.read(input.graph(), c.labels().get(0), c.labels().get(1),
                c.featureProperties());
        // a text tower fits on the items that have features; users and items without them simply have none
        if (loaded.missingFeatures() > 0 && !c.zeroMissingFeatures() && !c.textTower()) {
            throw new IllegalArgumentException(c.procedure() + ": " + loaded.missingFeatures() + " of "
                    + loaded.data().nodes() + " users and items have none of the featureProperties " + c.featureProperties()
                    + "; pass missingFeatures: 'zero' to give them a zero text vector (their ID embedding carries them)");
        }
        return c.recency() == null ? loaded : Recency.weigh(c, input, loaded);
    }

    /**
     * Trains as configured ({@link GcnFit}): with validation, picks the epoch count on the training part and, with
     * refit on, trains again on all interactions for that many epochs. Logs one INFO line at the start and one per run
     * at the end (per epoch at DEBUG only); a termination, a divergence or bad data fail the call and register nothing.
     */
    GcnFit.Outcome fit(GcnTrainConfig c, GdsInteractions.Loaded loaded) {
        return fit(c, loaded, null);
    }

    /** As {@link #fit(GcnTrainConfig, GdsInteractions.Loaded)}, warm-started from {@code initial} (null: none). */
    GcnFit.Outcome fit(GcnTrainConfig config, GdsInteractions.Loaded loaded, GcnStart.Initial initial) {
        GcnTrainConfig c = config.forInteractions(loaded.data().interactionCount());
        GcnParameters p = c.parameters();
        String name = c.modelName() == null ? "(stats)" : c.modelName();
        Interactions data = loaded.data();
        boolean validation = c.validationFraction() > 0;
        log.info("%s %s: training on %d users, %d items, %d interactions for up to %d epochs, batch %d, learning rate %s%s",
                c.procedure(), name, data.users(), data.items(), data.interactionCount(), p.epochs(), p.batchSize(),
                p.learningRate(), !validation ? ""
                        : String.format(" (%s of each validated user's interactions held out to pick the epoch count%s)",
                                c.validationFraction(), c.refit() == null ? ", then a refit on all of them if they are at "
                                + "least " + GcnFit.AUTO_REFIT_SHARE + " of the interactions"
                                : c.refit() ? ", then a refit on all of them" : ""));
        GcnFit.Outcome outcome;
        try {
            GcnStart start = new GcnStart(tx, log, guard);
            GcnTrainer.HardNegatives hard = c.hardNegativeType() == null ? null : start.hardNegatives(c, loaded);
            WarmStart warm = initial == null ? null : start.warmStart(c, loaded, initial);
            outcome = GcnFit.fit(data, c.validationFraction(), c.refit(), p, hard, warm, c.recency() != null, (run, s) -> {
                // per epoch at DEBUG only: INFO has one line at the start and one per run
                if (log.isDebugEnabled()) {
                    log.debug("%s %s: %s epoch %d loss %.5f%s", c.procedure(), name, run, s.epoch(), s.loss(),
                            Double.isNaN(s.validationRecall()) ? "" : String.format(" validation Recall@20 %.4f", s.validationRecall()));
                }
            }, () -> Entities.terminated(guard));
        } catch (GcnTrainer.TerminatedException e) {
            log.warn("%s %s was terminated (%s); no model was registered", c.procedure(), name, e.getMessage());
            guard.check(); // throws the termination Neo4j reports to the caller
            throw e;
        } catch (GcnTrainer.DivergedException e) {
            log.warn("%s %s: %s", c.procedure(), name, e.getMessage());
            throw new IllegalArgumentException(c.procedure() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.procedure() + ": " + e.getMessage());
        }
        GcnTrainer.Result selection = outcome.selection();
        if (selection != null) {
            log.info("%s %s: select: trained %d epochs in %d ms on the training part; picked %d epochs (validation "
                    + "Recall@20 %.4f)%s%s", c.procedure(), name, selection.epochs().size(), selection.trainMillis(),
                    selection.bestEpoch(), selection.bestValidationRecall(), selection.didConverge() ? ", early stopped" : "",
                    outcome.refitted() ? "" : c.refit() == null ? "; kept that model (refit 'auto': the validation part "
                            + "held out under " + GcnFit.AUTO_REFIT_SHARE + " of the interactions)"
                            : "; kept that model (refit: false)");
        }
        if (selection == null || outcome.refitted()) {
            GcnTrainer.Result model = outcome.model();
            log.info("%s %s: %s: trained %d epochs in %d ms on all interactions", c.procedure(), name,
                    outcome.refitted() ? "refit" : "train", model.epochs().size(), model.trainMillis());
        }
        return outcome;
    }

    /** How a train result describes its calibration. */
    static final String CALIBRATION_DOC = "The Platt scaling that turns a user's score into the probability of "
            + "interaction that rec.recommend.forUser yields, p = 1 / (1 + exp(-(a x score + b))), fitted on the "
            + "validation part (its held-out items against a weighted sample of the other unseen items), as {a, b, "
            + "pairs, positives, users}; null without validation.";

    /** A fitted calibration as a result column (null stays null). */
    static Map<String, Object> calibration(rec4j.evaluate.Calibration.Fitted f) {
        if (f == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", f.platt().a());
        m.put("b", f.platt().b());
        m.put("pairs", f.pairs());
        m.put("positives", f.positives());
        m.put("users", (long) f.users());
        return m;
    }

    public record TrainResult(
            @Description("The name the model is registered under (null for rec.gcn.stats).")
            String modelName,
            @Description("Users in the graph.")
            long users,
            @Description("Items in the graph.")
            long items,
            @Description("User-item interactions in the graph.")
            long interactions,
            @Description("Per epoch of each run, in order: run ('select': on the training part with validation; "
                    + "'refit': on all interactions; 'train': on all interactions without validation), epoch, loss (mean "
                    + "BPR loss + L2) and validationRecall (Recall@20 on the held-out part, on the evaluated epochs of "
                    + "'select', else null).")
            List<Map<String, Object>> epochs,
            @Description("The epochs the kept model was trained for: with validation selectedEpochs (the refit ran that "
                    + "many; without a refit it is the selection run's model of that epoch), without it every epoch run.")
            long bestEpoch,
            @Description("The best validation Recall@20 of the selection run (at selectedEpochs), or null without "
                    + "validation.")
            Double validationRecall,
            @Description("True when early stopping ended the selection run before 'epochs'.")
            boolean didConverge,
            @Description("Milliseconds spent training: the selection and the refit run together.")
            long trainMillis,
            @Description("The epoch count picked on validation (the selection run's epoch with the best validation "
                    + "Recall@20), or null without validation.")
            Long selectedEpochs,
            @Description("True when the kept model was retrained on all interactions for selectedEpochs epochs (refit: "
                    + "true, or 'auto' with a validation part of at least " + GcnFit.AUTO_REFIT_SHARE + " of the "
                    + "interactions); false when it is the selection run's model or there was no validation.")
            boolean refit,
            @Description(CALIBRATION_DOC)
            Map<String, Object> calibration,
            @Description("The batch size trained with: the one given, or what batchSize 'auto' chose for this graph's "
                    + "interactions.")
            long batchSize,
            @Description("The learning rate trained with: the one given, or the default scaled to the batch size.")
            double learningRate) {

        TrainResult(String name, GdsInteractions.Loaded loaded, GcnFit.Outcome outcome) {
            this(name, loaded.data().users(), loaded.data().items(), loaded.data().interactionCount(), epochs(outcome),
                    outcome.epochs(), validationRecall(outcome), outcome.selection() != null
                            ? outcome.selection().didConverge() : outcome.model().didConverge(),
                    outcome.trainMillis(), selectedEpochs(outcome), outcome.refitted(), GcnSupport.calibration(
                            outcome.calibration()), outcome.model().model().parameters().batchSize(),
                    outcome.model().model().parameters().learningRate());
        }

        /** The stored model's training facts, the same as this row's (which came from {@code outcome}). */
        StoredModel.Training training(GcnFit.Outcome outcome) {
            return new StoredModel.Training(bestEpoch, validationRecall, didConverge, trainMillis, selectedEpochs, refit,
                    outcome.calibration() == null ? null : outcome.calibration().platt());
        }

        static Double validationRecall(GcnFit.Outcome outcome) {
            return outcome.selection() == null || outcome.selection().bestValidationRecall() < 0 ? null
                    : outcome.selection().bestValidationRecall();
        }

        static Long selectedEpochs(GcnFit.Outcome outcome) {
            return outcome.selection() == null ? null : (long) outcome.selection().bestEpoch();
        }

        private static List<Map<String, Object>> epochs(GcnFit.Outcome outcome) {
            List<Map<String, Object>> rows = new ArrayList<>();
            if (outcome.selection() != null) {
                rows.addAll(epochs("select", outcome.selection()));
            }
            if (outcome.selection() == null || outcome.refitted()) {
                rows.addAll(epochs(outcome.refitted() ? "refit" : "train", outcome.model()));
            }
            return rows;
        }

        private static List<Map<String, Object>> epochs(String run, GcnTrainer.Result result) {
            return result.epochs().stream().map(s -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("run", run);
                row.put("epoch", (long) s.epoch());
                row.put("loss", s.loss());
                row.put("validationRecall", Double.isNaN(s.validationRecall()) ? null : s.validationRecall());
                return row;
            }).toList();
        }
    }
}
