package rec4j.proc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.procedure.Description;
import rec4j.model.SentimentCatalog;
import rec4j.sentiment.SentimentTraining;

/** The row of rec.sentiment.train. */
public final class SentimentTrainResult {
    @Description("The name the model is stored under.")
    public final String modelName;

    @Description("The text model whose vectors it classifies.")
    public final String textModel;

    @Description("Examples per class (all, before the split).")
    public final Map<String, Object> classCounts;

    @Description("Labelled examples with text.")
    public final long examples;

    @Description("Examples the model was fitted on.")
    public final long trainExamples;

    @Description("Examples held out for testAccuracy.")
    public final long testExamples;

    @Description("Share of the training examples whose most probable class is their own.")
    public final double trainAccuracy;

    @Description("The same on the held-out examples; null when testFraction is 0.")
    public final Double testAccuracy;

    @Description("Newton iterations run.")
    public final long iterations;

    @Description("Whether the gradient fell below the tolerance within maxIterations.")
    public final boolean converged;

    @Description("Entities skipped because all their text properties are missing or blank.")
    public final long skippedNoText;

    @Description("Entities with text skipped because the label or rating property is missing.")
    public final long skippedNoLabel;

    @Description("Neutral examples left out because includeNeutral is false.")
    public final long skippedNeutral;

    @Description("Milliseconds spent embedding the texts and fitting.")
    public final long trainMillis;

    SentimentTrainResult(SentimentCatalog.StoredSentiment model, SentimentTraining.Outcome outcome,
            SentimentExamples examples, long millis) {
        this.modelName = model.name();
        this.textModel = model.textModel();
        this.classCounts = new LinkedHashMap<>(model.classCounts());
        this.examples = outcome.examples();
        this.trainExamples = outcome.trainExamples();
        this.testExamples = outcome.testExamples();
        this.trainAccuracy = outcome.trainAccuracy();
        this.testAccuracy = outcome.testAccuracy();
        this.iterations = outcome.iterations();
        this.converged = outcome.converged();
        this.skippedNoText = examples.skippedNoText();
        this.skippedNoLabel = examples.skippedNoLabel();
        this.skippedNeutral = examples.skippedNeutral();
        this.trainMillis = millis;
    }
}
