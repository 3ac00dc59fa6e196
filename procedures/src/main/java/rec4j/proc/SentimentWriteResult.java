package rec4j.proc;

import org.neo4j.procedure.Description;
import rec4j.embed.EntityTextEmbedder;

/** The row of rec.sentiment.nodes / rec.sentiment.relationships. */
public final class SentimentWriteResult {
    @Description("Nodes (or relationships) whose label and score were written and committed.")
    public final long written;

    @Description("Of those, labelled positive.")
    public final long positive;

    @Description("Of those, labelled negative.")
    public final long negative;

    @Description("Of those, labelled neutral.")
    public final long neutral;

    @Description("Nodes (or relationships) skipped because all their text properties are missing or blank.")
    public final long skippedNoText;

    @Description("Nodes (or relationships) skipped because skipExisting is true and they already have the write property.")
    public final long skippedExisting;

    @Description("Write transactions committed.")
    public final long committedBatches;

    @Description("The sentiment model used.")
    public final String modelName;

    @Description("The text model whose vectors it classified.")
    public final String textModel;

    @Description("Milliseconds spent tokenizing and running the text model.")
    public final long computeMillis;

    @Description("Milliseconds spent classifying, writing and committing.")
    public final long writeMillis;

    /** @param counts positive, negative and neutral labels written */
    SentimentWriteResult(EntityTextEmbedder.Progress p, String modelName, String textModel, long[] counts) {
        this.written = p.embedded;
        this.positive = counts[0];
        this.negative = counts[1];
        this.neutral = counts[2];
        this.skippedNoText = p.skippedNoText;
        this.skippedExisting = p.skippedExisting;
        this.committedBatches = p.committedBatches;
        this.modelName = modelName;
        this.textModel = textModel;
        this.computeMillis = p.computeMillis;
        this.writeMillis = p.writeMillis;
    }
}
