package rec4j.proc;

import org.neo4j.procedure.Description;
import rec4j.embed.EntityTextEmbedder;

/** The row of rec.sentiment.nodes / rec.sentiment.relationships. */
public record SentimentWriteResult(
        @Description("Nodes (or relationships) whose label and score were written and committed.")
        long written,
        @Description("Of those, labelled positive.")
        long positive,
        @Description("Of those, labelled negative.")
        long negative,
        @Description("Of those, labelled neutral.")
        long neutral,
        @Description(Docs.SKIPPED_NO_TEXT)
        long skippedNoText,
        @Description(Docs.SKIPPED_EXISTING)
        long skippedExisting,
        @Description(Docs.COMMITTED_BATCHES)
        long committedBatches,
        @Description("The sentiment model used.")
        String modelName,
        @Description("The text model whose vectors it classified.")
        String textModel,
        @Description("Milliseconds spent tokenizing and running the text model.")
        long computeMillis,
        @Description("Milliseconds spent classifying, writing and committing.")
        long writeMillis) {

    /** @param counts positive, negative and neutral labels written */
    SentimentWriteResult(EntityTextEmbedder.Progress p, String modelName, String textModel, long[] counts) {
        this(p.embedded, counts[0], counts[1], counts[2], p.skippedNoText, p.skippedExisting, p.committedBatches,
                modelName, textModel, p.computeMillis, p.writeMillis);
    }
}
