package rec4j.spark;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import rec4j.embed.TextEncoder;
import rec4j.embed.TextModels;
import rec4j.sentiment.DefaultSentiment;
import rec4j.sentiment.SentimentClassifier;

/**
 * The text models of one executor JVM, loaded on first use by whichever task needs them and shared by all its tasks
 * (the encoder is thread-safe): one {@link TextModels} per (model directory, ONNX threads, max tokens), offline as the
 * plugin is, and the default sentiment classifier fitted once per encoder as rec.sentiment.* does.
 */
final class Models {

    private static final Map<String, TextModels> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, SentimentClassifier> SENTIMENTS = new ConcurrentHashMap<>();

    static {
        // never download: the default model is inside the app jar, others in modelDirectory on each executor
        System.setProperty("ai.djl.offline", "true");
    }

    private Models() {}

    static TextEncoder encoder(SparkEmbedJob.Options o) {
        String key = o.modelDirectory() + "|" + o.onnxThreads() + "|" + o.maxTokens();
        TextModels models = MODELS.computeIfAbsent(key, k -> new TextModels(
                Path.of(o.modelDirectory() == null ? "." : o.modelDirectory()), false, o.onnxThreads(), o.maxTokens()));
        return models.get("textModel", o.textModel());
    }

    static SentimentClassifier sentiment(SparkEmbedJob.Options o, TextEncoder encoder) {
        String key = o.modelDirectory() + "|" + o.onnxThreads() + "|" + o.maxTokens() + "|" + encoder.name();
        SentimentClassifier classifier = SENTIMENTS.computeIfAbsent(key, k -> DefaultSentiment.fit(encoder));
        return o.neutralMargin() == null ? classifier : classifier.withNeutralMargin(o.neutralMargin());
    }
}
