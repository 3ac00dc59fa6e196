package rec4j.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.Transaction;
import rec4j.embed.EntityTextEmbedder;
import rec4j.embed.TextEncoder;
import rec4j.sentiment.DefaultSentiment;
import rec4j.sentiment.SentimentClassifier;
import rec4j.sentiment.SentimentLabels;

/**
 * The labelled texts of rec.sentiment.train, read from the graph: each text with its class name, and what was skipped.
 */
record SentimentExamples(List<String> texts, List<String> classNames, long skippedNoText, long skippedNoLabel,
        long skippedNeutral) {

    static SentimentExamples read(Transaction tx, SentimentTrainConfig c, TextEncoder encoder) {
        String procedure = SentimentTrainConfig.PROCEDURE;
        long[] ids = c.onNodes() ? Entities.nodeIds(tx, c.nodeLabels()) : Entities.relationshipIds(tx, c.relationshipTypes());
        Function<Long, Entity> reader = c.onNodes() ? tx::getNodeById : tx::getRelationshipById;
        String targetProperty = c.targetProperty();
        EntityTextEmbedder.Job textJob = new EntityTextEmbedder.Job(procedure, c.kind(), c.textProperties(),
                targetProperty, false, c.coerceNonStrings(), 64, c.concurrency(), encoder);
        List<String> texts = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        long skippedNoText = 0, skippedNoLabel = 0, skippedNeutral = 0;
        for (long id : ids) {
            Entity entity = reader.apply(id);
            String text = EntityTextEmbedder.text(textJob, entity);
            Object value = entity.getProperty(targetProperty, null);
            if (text == null) {
                skippedNoText++;
                continue;
            }
            if (value == null) {
                skippedNoLabel++;
                continue;
            }
            String cls = c.byLabel() ? SentimentLabels.fromLabel(value)
                    : SentimentLabels.fromRating(value, c.positiveRating(), c.negativeRating());
            if (cls == null) {
                // the type and the element, never the value: it may be personal data
                String shown = c.byLabel() && value instanceof String ? "a string that is not a label"
                        : EntityTextEmbedder.typeName(value);
                throw new IllegalArgumentException(procedure + ": property '" + targetProperty + "' of " + c.kind() + " "
                        + entity.getElementId() + " is " + shown + "; " + (c.byLabel()
                        ? "'labelProperty' values must be " + SentimentLabels.ALLOWED_LABELS
                        : "'ratingProperty' values must be numbers"));
            }
            if (cls.equals(SentimentClassifier.NEUTRAL) && !c.includeNeutral()) {
                skippedNeutral++;
                continue;
            }
            texts.add(text);
            classNames.add(cls);
        }
        return new SentimentExamples(List.copyOf(texts), List.copyOf(classNames), skippedNoText, skippedNoLabel,
                skippedNeutral);
    }

    /** The classes that occur, in the order of {@link DefaultSentiment#CLASSES}. */
    List<String> classes() {
        List<String> classes = new ArrayList<>();
        for (String c : DefaultSentiment.CLASSES) {
            if (classNames.contains(c)) {
                classes.add(c);
            }
        }
        return classes;
    }

    /** The class of each example as an index into {@code classes}. */
    int[] labels(List<String> classes) {
        return classNames.stream().mapToInt(classes::indexOf).toArray();
    }
}
