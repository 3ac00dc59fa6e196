package rec4j.proc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.procedure.Description;
import rec4j.model.SentimentCatalog;
import rec4j.sentiment.SentimentClassifier;
import rec4j.sentiment.SentimentMetrics;
import rec4j.sentiment.SentimentTraining;

/** The row of rec.sentiment.train. */
public record SentimentTrainResult(
        @Description("The name the model is stored under.")
        String modelName,
        @Description("The text model whose vectors it classifies.")
        String textModel,
        @Description("Examples per class (all, before the split).")
        Map<String, Object> classCounts,
        @Description("Labelled examples with text.")
        long examples,
        @Description("Examples the model was fitted on.")
        long trainExamples,
        @Description("Examples held out for testAccuracy.")
        long testExamples,
        @Description("Share of the training examples whose most probable class is their own.")
        double trainAccuracy,
        @Description("The same on the held-out examples; null when testFraction is 0.")
        Double testAccuracy,
        @Description("Newton iterations run.")
        long iterations,
        @Description("Whether the gradient fell below the tolerance within maxIterations.")
        boolean converged,
        @Description("Entities skipped because all their text properties are missing or blank.")
        long skippedNoText,
        @Description("Entities with text skipped because the label or rating property is missing.")
        long skippedNoLabel,
        @Description("Neutral examples left out because includeNeutral is false.")
        long skippedNeutral,
        @Description("Milliseconds spent embedding the texts, choosing l2 and fitting.")
        long trainMillis,
        @Description("'balanced': each class weighed as much in the fit as any other; 'none': each example the same.")
        String classWeights,
        @Description("The mean over the classes of their recall on the held-out examples; null when testFraction is 0.")
        Double testBalancedAccuracy,
        @Description("The mean over the classes of their recall on the training examples.")
        double trainBalancedAccuracy,
        @Description("Per class, the share of its held-out examples predicted as it (null: none held out); null when "
                + "testFraction is 0.")
        Map<String, Object> testRecall,
        @Description("'default': the fit was pulled toward the built-in default model's parameters (a fine-tune of it); "
                + "'none': toward zero.")
        String prior,
        @Description("The L2 penalty of the fit: the configured one, or with l2 'auto' the one cross-validation chose; "
                + "Infinity: the default model's parameters kept as they are (no candidate did better).")
        double l2,
        @Description("With l2 'auto': folds (the number of folds), candidates (the l2 values tried), balancedAccuracy "
                + "(per candidate, the balanced accuracy of its out-of-fold predictions on the training part) and "
                + "chosenBalancedAccuracy (that of the chosen l2); null when l2 was given or a class has a single "
                + "training example.")
        Map<String, Object> crossValidation) {

    SentimentTrainResult(SentimentCatalog.StoredSentiment model, SentimentTraining.Outcome outcome,
            SentimentExamples examples, long millis, double l2, SentimentTraining.Selection selection) {
        this(model.name(), model.textModel(), new LinkedHashMap<>(model.classCounts()), outcome.examples(),
                outcome.trainExamples(), outcome.testExamples(), outcome.trainAccuracy(), outcome.testAccuracy(),
                outcome.iterations(), outcome.converged(), examples.skippedNoText(), examples.skippedNoLabel(),
                examples.skippedNeutral(), millis,
                outcome.balanced() ? SentimentTrainConfig.BALANCED : SentimentTrainConfig.NONE,
                outcome.testRecall() == null ? null : outcome.testRecall().balancedAccuracy(),
                outcome.trainRecall().balancedAccuracy(),
                outcome.testRecall() == null ? null : recallByClass(outcome.classifier(), outcome.testRecall()),
                outcome.fromPrior() ? SentimentTrainConfig.DEFAULT_PRIOR : SentimentTrainConfig.NONE, l2,
                selection == null ? null : crossValidation(selection));
    }

    private static Map<String, Object> crossValidation(SentimentTraining.Selection selection) {
        Map<String, Object> cv = new LinkedHashMap<>();
        cv.put("folds", (long) selection.folds());
        cv.put("candidates", Arrays.stream(selection.candidates()).boxed().toList());
        cv.put("balancedAccuracy", Arrays.stream(selection.balancedAccuracy()).boxed().toList());
        cv.put("chosenBalancedAccuracy", selection.chosenBalancedAccuracy());
        return cv;
    }

    /** Class name to recall, in the classifier's class order; null for a class without examples. */
    static Map<String, Object> recallByClass(SentimentClassifier classifier, SentimentMetrics.ClassRecall recall) {
        Map<String, Object> byClass = new LinkedHashMap<>();
        for (int c = 0; c < classifier.classes().size(); c++) {
            double r = recall.recall()[c];
            byClass.put(classifier.classes().get(c), Double.isNaN(r) ? null : r);
        }
        return byClass;
    }
}
