package rec4j.proc;

import java.time.Instant;
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
import rec4j.embed.TextEncoder;
import rec4j.model.SentimentCatalog;
import rec4j.sentiment.DefaultSentiment;
import rec4j.sentiment.SentimentClassifier;
import rec4j.sentiment.SentimentTrainer;
import rec4j.sentiment.SentimentTraining;

/** {@code rec.sentiment.train}: fits a sentiment classifier on labelled entities and stores it. */
public class SentimentTrainProc {

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

    @Procedure(name = "rec.sentiment.train", mode = Mode.WRITE)
    @Description("Trains a sentiment classifier (multinomial logistic regression with L2, fitted by Newton's method) on "
            + "the text vectors of labelled nodes or relationships -- an explicit label property, or star ratings mapped to "
            + "labels -- and stores it in rec4j's sentiment catalog for rec.sentiment.text/nodes/relationships. A seeded "
            + "random share of the examples is held out and the model's accuracy on it reported; the stored model is the "
            + "one fitted on the rest. By default the fit starts from the built-in default model: its L2 penalty pulls "
            + "toward the default model's parameters (prior 'default'; 'none': toward zero), and l2 'auto' chooses its "
            + "strength by stratified cross-validation on the training part, scored by balanced accuracy, the default "
            + "model itself among the candidates: a fine-tune is stored only when it did clearly better than the default "
            + "model on training examples it was not fitted on. Writes nothing to the graph.")
    public Stream<SentimentTrainResult> train(
            @Name(value = "config", description = SentimentTrainConfig.DOC) Map<String, Object> config) {
        String procedure = SentimentTrainConfig.PROCEDURE;
        SentimentTrainConfig c = SentimentTrainConfig.of(config);
        if (c.onNodes()) {
            Entities.requireKnown(procedure, "nodeLabels", "label", c.nodeLabels(), Entities.labelsInUse(tx));
        } else {
            Entities.requireKnown(procedure, "relationshipTypes", "relationship type", c.relationshipTypes(),
                    Entities.typesInUse(tx));
        }
        Entities.requireKnownProperties(tx, procedure, "textProperties", c.textProperties());
        Entities.requireKnownProperties(tx, procedure, c.targetKey(), List.of(c.targetProperty()));
        TextEncoder encoder = runtime.textModels().get("textModel", c.textModel());

        SentimentExamples examples = SentimentExamples.read(tx, c, encoder);
        List<String> classes = examples.classes();
        if (!classes.contains(SentimentClassifier.POSITIVE) || !classes.contains(SentimentClassifier.NEGATIVE)) {
            throw new IllegalArgumentException(procedure + ": training needs positive and negative examples; the "
                    + c.kind() + "s with text and a '" + c.targetProperty() + "' give "
                    + SentimentSupport.counts(examples.classNames(), DefaultSentiment.CLASSES));
        }
        // a seeded shuffle, the first testFraction held out
        SentimentTraining.Split split = SentimentTraining.split(examples.texts(), examples.labels(classes),
                c.testFraction(), c.randomSeed());
        List<String> trainClasses = Arrays.stream(split.trainLabels()).mapToObj(classes::get).toList();
        if (!trainClasses.contains(SentimentClassifier.POSITIVE) || !trainClasses.contains(SentimentClassifier.NEGATIVE)) {
            throw new IllegalArgumentException(procedure + ": after holding out testFraction " + c.testFraction()
                    + ", the training part lacks positive or negative examples: "
                    + SentimentSupport.counts(trainClasses, classes) + "; lower testFraction or label more examples");
        }

        long t0 = System.nanoTime();
        float[][] trainX = encoder.embed(split.trainTexts(), 8, c.concurrency(), () -> Entities.terminated(guard));
        float[][] testX = encoder.embed(split.testTexts(), 8, c.concurrency(), () -> Entities.terminated(guard));
        long embedMillis = (System.nanoTime() - t0) / 1_000_000;
        log.info("%s: %d training and %d test texts embedded in %d ms", procedure, trainX.length, testX.length, embedMillis);
        // the default model of this text model (fitted on first use): the parameters the penalty pulls toward
        SentimentClassifier prior = c.fromDefault() ? runtime.sentiments().defaultClassifier(encoder) : null;
        SentimentTraining.Outcome outcome;
        SentimentTraining.Selection selection = null;
        double l2 = c.autoL2() ? c.fallbackL2() : c.l2();
        try {
            if (c.autoL2()) {
                // l2 'auto': stratified cross-validation on the training part only
                long s0 = System.nanoTime();
                selection = SentimentTraining.selectL2(trainX, split.trainLabels(), classes, c.parameters(l2),
                        c.balanced(), prior, c.l2Candidates(), c.randomSeed(), () -> Entities.terminated(guard));
                if (selection != null) {
                    l2 = selection.l2();
                    log.info("%s: l2 %s chosen by %d-fold cross-validation (balanced accuracy %s for l2 %s) in %d ms",
                            procedure, l2, selection.folds(), Arrays.toString(selection.balancedAccuracy()),
                            Arrays.toString(selection.candidates()), (System.nanoTime() - s0) / 1_000_000);
                }
            }
            outcome = SentimentTraining.fitAndTest(trainX, split.trainLabels(), testX, split.testLabels(), classes,
                    c.parameters(l2), c.balanced(), prior, () -> Entities.terminated(guard));
        } catch (SentimentTrainer.StoppedException e) {
            guard.check();
            throw e;
        }
        log.info("%s: model '%s' (classWeights '%s', prior '%s', l2 %s) fitted in %d Newton iterations (%d ms), converged %s, train accuracy "
                + "%.4f, test accuracy %s, test balanced accuracy %s", procedure, c.modelName(), c.classWeights(), c.prior(), l2,
                outcome.iterations(), outcome.fitMillis(), outcome.converged(), outcome.trainAccuracy(),
                outcome.testAccuracy(), outcome.testRecall() == null ? null : outcome.testRecall().balancedAccuracy());

        SentimentCatalog.StoredSentiment stored = new SentimentCatalog.StoredSentiment(c.modelName(), db.databaseName(),
                c.textModel(), outcome.classifier(), SentimentSupport.counts(examples.classNames(), classes),
                Instant.now(), c.trainInfo(outcome, l2, selection));
        runtime.sentiments().store(stored);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return Stream.of(new SentimentTrainResult(stored, outcome, examples, millis, l2, selection));
    }
}
