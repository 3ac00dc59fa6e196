package rec4j.proc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.UserFunction;
import rec4j.Rec4jRuntime;
import rec4j.sentiment.SentimentClassifier;

/** {@code rec.sentiment.text}: the sentiment of one text, with the built-in model or a trained one. */
public class SentimentTextFunction {

    @Context
    public Rec4jRuntime runtime;

    @Context
    public GraphDatabaseService db;

    @UserFunction("rec.sentiment.text")
    @Description("The sentiment of a text: {label: 'positive' | 'negative' | 'neutral', score: p(positive) - p(negative) "
            + "in [-1, 1]}, with the built-in model or a trained one.")
    public Map<String, Object> text(
            @Name(value = "text", description = "The text: a non-empty string.") Object text,
            @Name(value = "modelName", defaultValue = "default", description = "'default' (the built-in model) or the "
                    + "name of a model trained with rec.sentiment.train.") String modelName) {
        String checked = Entities.requireText("rec.sentiment.text", "text", text);
        SentimentSupport.Model model = SentimentSupport.model(runtime, db, "rec.sentiment.text", modelName);
        float[] vector = model.encoder().embed(List.of(checked), 1, 1, () -> false)[0];
        SentimentClassifier.Prediction p = model.classifier().predict(vector);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", p.label());
        out.put("score", p.score());
        return out;
    }
}
