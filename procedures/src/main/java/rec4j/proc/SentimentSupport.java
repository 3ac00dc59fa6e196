package rec4j.proc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import rec4j.Rec4jRuntime;
import rec4j.embed.TextEncoder;
import rec4j.model.ModelCatalog;
import rec4j.model.SentimentCatalog;
import rec4j.sentiment.SentimentClassifier;

/** What the rec.sentiment.* procedures share (not a procedure class): the model lookup and two checks. */
final class SentimentSupport {

    private SentimentSupport() {}

    /** A classifier and the encoder whose vectors it reads. */
    record Model(String name, TextEncoder encoder, SentimentClassifier classifier) {

        Model withNeutralMargin(double margin) {
            return new Model(name, encoder, classifier.withNeutralMargin(margin));
        }
    }

    /** The model {@code modelName} names: 'default' (the built-in one) or a trained one of this database. */
    static Model model(Rec4jRuntime runtime, GraphDatabaseService db, String procedure, String modelName) {
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException(procedure + ": 'modelName' must be 'default' or the name of a trained "
                    + "sentiment model, got " + (modelName == null ? "null" : "an empty string"));
        }
        if (!modelName.equals(SentimentCatalog.DEFAULT)) {
            // the name becomes a file name in the sentiment catalog: the one check for model names first
            ModelCatalog.requireValidName(procedure, modelName);
        }
        if (modelName.equals(SentimentCatalog.DEFAULT)) {
            TextEncoder encoder = runtime.textModels().get(null);
            return new Model(modelName, encoder, runtime.sentiments().defaultClassifier(encoder));
        }
        SentimentCatalog.StoredSentiment stored = runtime.sentiments().require(procedure, db.databaseName(), modelName);
        return new Model(modelName, runtime.textModels().get(stored.textModel()), stored.classifier());
    }

    /** {@code neutralMargin} in [0, 1). */
    static double neutralMargin(String procedure, double margin) {
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException(procedure + ": 'neutralMargin' must be in [0, 1), got " + margin);
        }
        return margin;
    }

    /** How often each of {@code classes} occurs in {@code values}, in the order of classes. */
    static Map<String, Long> counts(List<String> values, List<String> classes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String c : classes) {
            counts.put(c, values.stream().filter(c::equals).count());
        }
        return counts;
    }
}
