package rec4j.proc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.TerminationGuard;
import rec4j.ease.Ease;
import rec4j.ease.EaseFit;
import rec4j.gcn.GcnMemoryEstimate;
import rec4j.gcn.GdsInteractions;
import rec4j.gcn.MemoryGuard;

/** What rec.ease.train, .stats and .train.estimate share: the checked graph, the estimate and its guard, the fit. */
record EaseSupport(GraphDatabaseService db, Transaction tx, Log log, TerminationGuard guard) {

    /** The graph to fit on and its sizes. */
    record Input(GdsGraph graph, GcnEstimates.Sizes sizes) {}

    Input resolve(EaseTrainConfig c, String graphName) {
        GdsGraph graph = GdsGraph.resolve(c.procedure(), db, tx, graphName, c.labels(), c.types(), null);
        return new Input(graph, GcnEstimates.sizes(graph.graph(), c.labels()));
    }

    static GcnMemoryEstimate.Estimate estimate(EaseTrainConfig c, Input input) {
        GcnEstimates.Sizes s = input.sizes();
        return Ease.estimate(s.users(), s.items(), s.interactions(), c.concurrency());
    }

    /** Refuses, before anything is read, a fit that does not fit the free heap or the native memory JavaCPP may use. */
    static void checkMemory(EaseTrainConfig c, Input input) {
        if (input.sizes().items() > Ease.MAX_ITEMS) {
            throw new IllegalArgumentException(c.procedure() + ": the graph has " + input.sizes().items() + " '"
                    + c.labels().get(1) + "' nodes; EASE keeps items^2 weights and takes at most " + Ease.MAX_ITEMS);
        }
        GcnMemoryEstimate.Estimate e = estimate(c, input);
        MemoryGuard.check(c.procedure(), e, c.sudo(), EaseTrainConfig.MEMORY_KEYS);
        MemoryGuard.checkOffHeap(c.procedure(), e.components().get("offHeapGram"), c.sudo(), EaseTrainConfig.MEMORY_KEYS);
    }

    GdsInteractions.Loaded read(EaseTrainConfig c, Input input) {
        return GdsInteractions.read(input.graph().graph(), c.labels().get(0), c.labels().get(1), java.util.List.of());
    }

    EaseFit.Outcome fit(EaseTrainConfig c, GdsInteractions.Loaded loaded) {
        String name = c.modelName() == null ? "(stats)" : c.modelName();
        log.info("%s %s: fitting EASE on %d users, %d items, %d interactions (lambda %s)", c.procedure(), name,
                loaded.data().users(), loaded.data().items(), loaded.data().interactionCount(),
                c.lambda() == null ? "picked on validation" : c.lambda());
        EaseFit.Outcome o;
        try {
            o = EaseFit.fit(loaded.data(), c.lambda(), c.validationFraction(), c.randomSeed(), c.concurrency(),
                    () -> Entities.terminated(guard));
        } catch (CancellationException e) {
            log.warn("%s %s was terminated; no model was registered", c.procedure(), name);
            guard.check(); // throws the termination Neo4j reports to the caller
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.procedure() + ": " + e.getMessage());
        }
        log.info("%s %s: lambda %s, fitted in %d ms", c.procedure(), name, o.lambda(), o.fitMillis());
        return o;
    }

    /** The stored model's training facts of a fit on {@code loaded}. */
    static rec4j.model.EaseModel.Training training(EaseFit.Outcome o, GdsInteractions.Loaded loaded) {
        return new rec4j.model.EaseModel.Training(o.validationRecalls().length > 0, recallsByLambda(o),
                loaded.data().users(), loaded.data().interactionCount(), o.fitMillis(),
                o.calibration() == null ? null : o.calibration().platt());
    }

    /** Validation Recall@20 per lambda tried (empty when lambda was given), in the order tried. */
    static Map<Double, Double> recallsByLambda(EaseFit.Outcome o) {
        Map<Double, Double> out = new LinkedHashMap<>();
        for (int l = 0; l < o.validationRecalls().length; l++) {
            out.put(EaseFit.LAMBDAS[l], o.validationRecalls()[l]);
        }
        return out;
    }

    public record TrainResult(
            @Description("The name the model is registered under (null for rec.ease.stats).")
            String modelName,
            @Description("Users with interactions in the graph.")
            long users,
            @Description("Items in the graph (the model keeps items^2 weights).")
            long items,
            @Description("Distinct user-item interactions fitted on.")
            long interactions,
            @Description("The lambda of the kept model.")
            double lambda,
            @Description("Whether lambda was picked on a validation split (else it was given).")
            boolean lambdaPicked,
            @Description("Validation Recall@20 per lambda tried (empty when lambda was given).")
            Map<String, Object> validationRecalls,
            @Description("Milliseconds spent fitting (all lambdas tried and the final fit).")
            long trainMillis,
            @Description(GcnSupport.CALIBRATION_DOC)
            Map<String, Object> calibration) {

        TrainResult(String modelName, GdsInteractions.Loaded loaded, EaseFit.Outcome o) {
            this(modelName, loaded.data().users(), loaded.data().items(), loaded.data().interactionCount(), o.lambda(),
                    o.validationRecalls().length > 0, rec4j.model.EaseModel.asCypher(recallsByLambda(o)), o.fitMillis(),
                    GcnSupport.calibration(o.calibration()));
        }
    }
}
