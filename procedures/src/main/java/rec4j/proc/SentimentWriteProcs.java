package rec4j.proc;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import rec4j.Rec4jRuntime;
import rec4j.embed.BatchWriter;
import rec4j.embed.EntityTextEmbedder;
import rec4j.sentiment.SentimentClassifier;

/**
 * {@code rec.sentiment.nodes} and {@code rec.sentiment.relationships}: classify the text properties of entities and
 * write label and score, in batched transactions.
 */
public class SentimentWriteProcs {

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

    @Procedure(name = "rec.sentiment.nodes", mode = Mode.WRITE)
    @Description("Classifies the text properties of nodes and writes the label ('positive' | 'negative' | 'neutral') and "
            + "the score (p(positive) - p(negative), in [-1, 1]) to two properties, in batched transactions that run with "
            + "the caller's rights. The configuration and every text value are checked before anything is written; nodes "
            + "with no text are skipped and counted. On a terminated transaction only whole batches are committed; rerun "
            + "with skipExisting: true to complete the rest.")
    public Stream<SentimentWriteResult> nodes(
            @Name(value = "config", description = "{nodeLabels: ['Review'] (required), textProperties: ['text'] (required; "
                    + "joined by newlines), writeProperty: 'sentiment' (the label), scoreProperty: 'sentimentScore', "
                    + "modelName: 'default', neutralMargin: the model's (|score| below it is neutral), batchSize: 64 "
                    + "(nodes per transaction), concurrency: min(4, cores) (inference threads), skipExisting: false, "
                    + "coerceNonStrings: false}") Map<String, Object> config) {
        SentimentWriteConfig c = SentimentWriteConfig.nodes(config);
        SentimentSupport.Model model = model(c);
        Entities.requireKnown(c.procedure(), "nodeLabels", "label", c.targets(), Entities.labelsInUse(tx));
        Entities.requireKnownProperties(tx, c.procedure(), "textProperties", c.textProperties());
        long[] ids = Entities.nodeIds(tx, c.targets());
        return Stream.of(write(c, model, ids, tx::getNodeById, (wtx, id) -> wtx.getNodeById(id)));
    }

    @Procedure(name = "rec.sentiment.relationships", mode = Mode.WRITE)
    @Description("Classifies the text properties of relationships (e.g. the review on RATED) and writes label and score "
            + "to two relationship properties; same rules as rec.sentiment.nodes.")
    public Stream<SentimentWriteResult> relationships(
            @Name(value = "config", description = "{relationshipTypes: ['RATED'] (required), textProperties: ['review'] "
                    + "(required), writeProperty: 'sentiment', scoreProperty: 'sentimentScore', modelName: 'default', "
                    + "neutralMargin, batchSize: 64, concurrency: min(4, cores), skipExisting: false, coerceNonStrings: false}")
                    Map<String, Object> config) {
        SentimentWriteConfig c = SentimentWriteConfig.relationships(config);
        SentimentSupport.Model model = model(c);
        Entities.requireKnown(c.procedure(), "relationshipTypes", "relationship type", c.targets(),
                Entities.typesInUse(tx));
        Entities.requireKnownProperties(tx, c.procedure(), "textProperties", c.textProperties());
        long[] ids = Entities.relationshipIds(tx, c.targets());
        return Stream.of(write(c, model, ids, tx::getRelationshipById, (wtx, id) -> wtx.getRelationshipById(id)));
    }

    /** The model of the configuration, with its neutral margin when one is given. */
    private SentimentSupport.Model model(SentimentWriteConfig c) {
        SentimentSupport.Model model = SentimentSupport.model(runtime, db, c.procedure(), c.modelName());
        return c.neutralMargin() == null ? model
                : model.withNeutralMargin(SentimentSupport.neutralMargin(c.procedure(), c.neutralMargin()));
    }

    private SentimentWriteResult write(SentimentWriteConfig c, SentimentSupport.Model model, long[] ids,
            Function<Long, Entity> reader, BiFunction<Transaction, Long, Entity> writerLookup) {
        EntityTextEmbedder.Job text = new EntityTextEmbedder.Job(c.procedure(), c.kind(), c.textProperties(),
                c.writeProperty(), c.skipExisting(), c.coerceNonStrings(), c.batchSize(), c.concurrency(), model.encoder());
        // every text value is checked before the first write
        for (long id : ids) {
            try {
                EntityTextEmbedder.text(text, reader.apply(id));
            } catch (NotFoundException deletedMeanwhile) {
                // skipped when written too
            }
        }
        long[] counts = new long[3];
        SentimentClassifier classifier = model.classifier();
        EntityTextEmbedder.Progress progress = new EntityTextEmbedder.Progress();
        try {
            EntityTextEmbedder.run(text, ids, reader, writerLookup, (entity, vector) -> {
                SentimentClassifier.Prediction p = classifier.predict(vector);
                entity.setProperty(text.writeProperty(), p.label());
                entity.setProperty(c.scoreProperty(), p.score());
                counts[p.label().equals(SentimentClassifier.POSITIVE) ? 0
                        : p.label().equals(SentimentClassifier.NEGATIVE) ? 1 : 2]++;
            }, new BatchWriter(db, tx), () -> Entities.terminated(guard), log, progress);
        } catch (RuntimeException e) {
            throw Entities.stopped(log, guard, text.procedure(), text.kind() + "s", progress.embedded,
                    progress.committedBatches, e);
        }
        log.info("%s: %d %ss classified with model '%s' (%d positive, %d negative, %d neutral), %d without text, %d "
                + "already done", text.procedure(), progress.embedded, text.kind(), model.name(), counts[0], counts[1],
                counts[2], progress.skippedNoText, progress.skippedExisting);
        return new SentimentWriteResult(progress, model.name(), model.encoder().name(), counts);
    }
}
