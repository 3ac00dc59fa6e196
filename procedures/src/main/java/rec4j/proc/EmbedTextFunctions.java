package rec4j.proc;

import rec4j.config.Cypher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import org.neo4j.procedure.UserFunction;
import rec4j.Rec4jRuntime;
import rec4j.embed.EmbedConfig;
import rec4j.embed.TextEncoder;
import rec4j.embed.TextModels;

/** {@code rec.embed.text} and {@code rec.embed.texts}: texts given in the call to vectors, with a BERT-family model. */
public class EmbedTextFunctions {

    static final String TEXT = "rec.embed.text";
    static final String TEXTS = "rec.embed.texts";

    @Context
    public Rec4jRuntime runtime;

    @Context
    public TerminationGuard guard;

    @UserFunction(TEXT)
    @Description("The unit-length embedding of a text with the configured text model (default " + TextModels.DEFAULT
            + ", 384 dimensions). Text beyond the model's token limit (server.rec4j.max_tokens, default "
            + TextEncoder.DEFAULT_MAX_TOKENS + ") is truncated.")
    public List<Double> text(
            @Name(value = "text", description = "The text to embed: a non-empty string.") Object text,
            @Name(value = "config", defaultValue = "{}", description = "{" + EmbedConfig.TEXT_MODEL_DOC + "}")
                    Map<String, Object> config) {
        EmbedConfig.Text c = EmbedConfig.Text.of(TEXT, config);
        TextEncoder encoder = runtime.textModels().get(EmbedConfig.TEXT_MODEL, c.textModel());
        float[] vector = encoder.embed(List.of(Entities.requireText(TEXT, "text", text)), 1, 1, () -> false)[0];
        return Cypher.toList(vector);
    }

    @Procedure(name = TEXTS, mode = Mode.READ)
    @Description("Embeds a list of texts in batches sorted by length; one row per text, in the input order.")
    public Stream<TextEmbedding> texts(
            @Name(value = "texts", description = "The texts to embed: a list of non-empty strings.") List<Object> texts,
            @Name(value = "config", defaultValue = "{}", description = EmbedConfig.TEXTS_DOC) Map<String, Object> config) {
        EmbedConfig.Texts c = EmbedConfig.Texts.of(TEXTS, config);
        if (texts == null) {
            throw new IllegalArgumentException(TEXTS + ": 'texts' must be a list of non-empty strings, got null");
        }
        List<String> checked = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            checked.add(Entities.requireText(TEXTS, "texts[" + i + "]", texts.get(i)));
        }
        TextEncoder encoder = runtime.textModels().get(EmbedConfig.TEXT_MODEL, c.textModel());
        float[][] vectors = encoder.embed(checked, c.batchSize(), c.concurrency(), () -> Entities.terminated(guard));
        return IntStream.range(0, vectors.length)
                .mapToObj(i -> new TextEmbedding(i, checked.get(i), Cypher.toList(vectors[i])));
    }

    public record TextEmbedding(
            @Description("The position of the text in the input list, from 0.")
            long index,
            @Description("The text.")
            String text,
            @Description("Its unit-length embedding.")
            List<Double> embedding) {}
}
