package rec4j.proc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.neo4j.procedure.UserFunction;
import rec4j.Rec4jRuntime;
import rec4j.config.ConfigMap;
import rec4j.embed.BatchWriter;
import rec4j.embed.EntityTextEmbedder;
import rec4j.embed.TextEncoder;
import rec4j.embed.TextModels;
import rec4j.model.ModelCatalog;
import rec4j.model.SentimentCatalog;
import rec4j.sentiment.DefaultSentiment;
import rec4j.sentiment.SentimentClassifier;
import rec4j.sentiment.SentimentLabels;
import rec4j.sentiment.SentimentTrainer;

/**
 * {@code rec.sentiment.*}: positive / negative / neutral from text, with a linear classifier on the text model's vectors
 * (the built-in {@code default}, or one trained on the user's labelled texts).
 */
public class SentimentProcedures {

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

    /** A classifier and the encoder whose vectors it reads. */
    private record Model(String name, TextEncoder encoder, SentimentClassifier classifier) {}

    // ---------------------------------------------------------------- text

    @UserFunction("rec.sentiment.text")
    @Description("The sentiment of a text: {label: 'positive' | 'negative' | 'neutral', score: p(positive) - p(negative) "
            + "in [-1, 1]}, with the built-in model or a trained one.")
    public Map<String, Object> text(
            @Name(value = "text", description = "The text: a non-empty string.") Object text,
            @Name(value = "modelName", defaultValue = "default", description = "'default' (the built-in model) or the "
                    + "name of a model trained with rec.sentiment.train.") String modelName) {
        String checked = Entities.requireText("rec.sentiment.text", "text", text);
        Model model = model("rec.sentiment.text", modelName);
        float[] vector = model.encoder().embed(List.of(checked), 1, 1, () -> false)[0];
        SentimentClassifier.Prediction p = model.classifier().predict(vector);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", p.label());
        out.put("score", p.score());
        return out;
    }

    // ---------------------------------------------------------------- nodes / relationships

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
        ConfigMap map = new ConfigMap("rec.sentiment.nodes", config);
        List<String> labels = map.requiredStringList("nodeLabels");
        WriteJob job = writeJob(map, "rec.sentiment.nodes", "node");
        Entities.requireKnown("rec.sentiment.nodes", "nodeLabels", "label", labels, Entities.labelsInUse(tx));
        Entities.requireKnownProperties(tx, "rec.sentiment.nodes", "textProperties", job.text().textProperties());
        long[] ids = Entities.nodeIds(tx, labels);
        return Stream.of(write(job, ids, tx::getNodeById, (wtx, id) -> wtx.getNodeById(id)));
    }

    @Procedure(name = "rec.sentiment.relationships", mode = Mode.WRITE)
    @Description("Classifies the text properties of relationships (e.g. the review on RATED) and writes label and score "
            + "to two relationship properties; same rules as rec.sentiment.nodes.")
    public Stream<SentimentWriteResult> relationships(
            @Name(value = "config", description = "{relationshipTypes: ['RATED'] (required), textProperties: ['review'] "
                    + "(required), writeProperty: 'sentiment', scoreProperty: 'sentimentScore', modelName: 'default', "
                    + "neutralMargin, batchSize: 64, concurrency: min(4, cores), skipExisting: false, coerceNonStrings: false}")
                    Map<String, Object> config) {
        ConfigMap map = new ConfigMap("rec.sentiment.relationships", config);
        List<String> types = map.requiredStringList("relationshipTypes");
        WriteJob job = writeJob(map, "rec.sentiment.relationships", "relationship");
        Entities.requireKnown("rec.sentiment.relationships", "relationshipTypes", "relationship type", types,
                Entities.typesInUse(tx));
        Entities.requireKnownProperties(tx, "rec.sentiment.relationships", "textProperties", job.text().textProperties());
        long[] ids = Entities.relationshipIds(tx, types);
        return Stream.of(write(job, ids, tx::getRelationshipById, (wtx, id) -> wtx.getRelationshipById(id)));
    }

    private record WriteJob(EntityTextEmbedder.Job text, String scoreProperty, Model model) {}

    private WriteJob writeJob(ConfigMap map, String procedure, String kind) {
        List<String> textProperties = map.requiredStringList("textProperties");
        String writeProperty = map.string("writeProperty", "sentiment");
        String scoreProperty = map.string("scoreProperty", "sentimentScore");
        String modelName = map.string("modelName", SentimentCatalog.DEFAULT);
        Double margin = map.number("neutralMargin", null);
        int batchSize = map.intInRange("batchSize", 64, 1, 1_000_000);
        int concurrency = map.concurrency();
        boolean skipExisting = map.bool("skipExisting", false);
        boolean coerce = map.bool("coerceNonStrings", false);
        map.rejectUnknown();
        if (writeProperty.equals(scoreProperty)) {
            throw new IllegalArgumentException(procedure + ": 'writeProperty' and 'scoreProperty' must differ, both are '"
                    + writeProperty + "'");
        }
        for (String key : List.of("writeProperty", "scoreProperty")) {
            String property = key.equals("writeProperty") ? writeProperty : scoreProperty;
            if (textProperties.contains(property)) {
                throw new IllegalArgumentException(procedure + ": '" + key + "' '" + property + "' is both a text property "
                        + "and a property to write; textProperties: " + textProperties);
            }
        }
        Model model = model(procedure, modelName);
        if (margin != null) {
            model = new Model(model.name(), model.encoder(), model.classifier().withNeutralMargin(neutralMargin(procedure, margin)));
        }
        return new WriteJob(new EntityTextEmbedder.Job(procedure, kind, textProperties, writeProperty, skipExisting, coerce,
                batchSize, concurrency, model.encoder()), scoreProperty, model);
    }

    private SentimentWriteResult write(WriteJob job, long[] ids, Function<Long, Entity> reader,
            java.util.function.BiFunction<Transaction, Long, Entity> writerLookup) {
        EntityTextEmbedder.Job text = job.text();
        // every text value is checked before the first write
        for (long id : ids) {
            try {
                EntityTextEmbedder.text(text, reader.apply(id));
            } catch (NotFoundException deletedMeanwhile) {
                // skipped when written too
            }
        }
        long[] counts = new long[3];
        SentimentClassifier classifier = job.model().classifier();
        EntityTextEmbedder.Progress progress = new EntityTextEmbedder.Progress();
        try {
            EntityTextEmbedder.run(text, ids, reader, writerLookup, (entity, vector) -> {
                SentimentClassifier.Prediction p = classifier.predict(vector);
                entity.setProperty(text.writeProperty(), p.label());
                entity.setProperty(job.scoreProperty(), p.score());
                counts[p.label().equals(SentimentClassifier.POSITIVE) ? 0
                        : p.label().equals(SentimentClassifier.NEGATIVE) ? 1 : 2]++;
            }, new BatchWriter(db, tx), () -> Entities.terminated(guard), log, progress);
        } catch (RuntimeException e) {
            throw Entities.stopped(log, guard, text.procedure(), text.kind() + "s", progress.embedded,
                    progress.committedBatches, e);
        }
        log.info("%s: %d %ss classified with model '%s' (%d positive, %d negative, %d neutral), %d without text, %d "
                + "already done", text.procedure(), progress.embedded, text.kind(), job.model().name(), counts[0], counts[1],
                counts[2], progress.skippedNoText, progress.skippedExisting);
        return new SentimentWriteResult(progress, job.model(), counts);
    }

    public static final class SentimentWriteResult {
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

        SentimentWriteResult(EntityTextEmbedder.Progress p, Model model, long[] counts) {
            this.written = p.embedded;
            this.positive = counts[0];
            this.negative = counts[1];
            this.neutral = counts[2];
            this.skippedNoText = p.skippedNoText;
            this.skippedExisting = p.skippedExisting;
            this.committedBatches = p.committedBatches;
            this.modelName = model.name();
            this.textModel = model.encoder().name();
            this.computeMillis = p.computeMillis;
            this.writeMillis = p.writeMillis;
        }
    }

    // ---------------------------------------------------------------- train

    @Procedure(name = "rec.sentiment.train", mode = Mode.WRITE)
    @Description("Trains a sentiment classifier (multinomial logistic regression with L2, fitted by Newton's method) on "
            + "the text vectors of labelled nodes or relationships -- an explicit label property, or star ratings mapped to "
            + "labels -- and stores it in rec4j's sentiment catalog for rec.sentiment.text/nodes/relationships. A seeded "
            + "random share of the examples is held out and the model's accuracy on it reported; the stored model is the "
            + "one fitted on the rest. Writes nothing to the graph.")
    public Stream<TrainResult> train(
            @Name(value = "config", description = "{modelName (required), nodeLabels or relationshipTypes (one of them "
                    + "required), textProperties (required), labelProperty (values " + SentimentLabels.ALLOWED_LABELS
                    + ") or ratingProperty (numbers: >= positiveRating (default 4) positive, <= negativeRating (default 2) "
                    + "negative, between neutral), includeNeutral: true (false: neutral examples are left out), "
                    + "testFraction: 0.2, randomSeed: 42, l2: 0.001, maxIterations: 50, neutralMargin: 0.2, textModel: "
                    + "'all-MiniLM-L6-v2', concurrency: min(4, cores), coerceNonStrings: false}") Map<String, Object> config) {
        String procedure = "rec.sentiment.train";
        ConfigMap map = new ConfigMap(procedure, config);
        String modelName = ModelCatalog.requireValidName(procedure, map.requiredString("modelName"));
        List<String> labels = map.stringList("nodeLabels", null);
        List<String> types = map.stringList("relationshipTypes", null);
        List<String> textProperties = map.requiredStringList("textProperties");
        String labelProperty = map.string("labelProperty", null);
        String ratingProperty = map.string("ratingProperty", null);
        double positiveRating = map.number("positiveRating", 4.0);
        double negativeRating = map.number("negativeRating", 2.0);
        boolean includeNeutral = map.bool("includeNeutral", true);
        double testFraction = map.number("testFraction", 0.2);
        long seed = map.intInRange("randomSeed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE);
        double l2 = map.number("l2", DefaultSentiment.L2);
        int maxIterations = map.intInRange("maxIterations", 50, 1, 1000);
        double margin = neutralMargin(procedure, map.number("neutralMargin", SentimentClassifier.DEFAULT_NEUTRAL_MARGIN));
        String textModel = map.string("textModel", TextModels.DEFAULT);
        int concurrency = map.concurrency();
        boolean coerce = map.bool("coerceNonStrings", false);
        map.rejectUnknown();
        if ((labels == null) == (types == null)) {
            throw new IllegalArgumentException(procedure + ": give exactly one of 'nodeLabels' and 'relationshipTypes'");
        }
        if ((labelProperty == null) == (ratingProperty == null)) {
            throw new IllegalArgumentException(procedure + ": give exactly one of 'labelProperty' and 'ratingProperty'");
        }
        if (modelName.equals(SentimentCatalog.DEFAULT)) {
            throw new IllegalArgumentException(procedure + ": 'modelName' 'default' is the built-in model; choose another name");
        }
        if (!(negativeRating < positiveRating)) {
            throw new IllegalArgumentException(procedure + ": 'negativeRating' (" + negativeRating
                    + ") must be below 'positiveRating' (" + positiveRating + ")");
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException(procedure + ": 'testFraction' must be in [0, 1), got " + testFraction);
        }
        if (!(l2 > 0)) {
            throw new IllegalArgumentException(procedure + ": 'l2' must be > 0, got " + l2);
        }
        String kind = labels != null ? "node" : "relationship";
        String targetProperty = labelProperty != null ? labelProperty : ratingProperty;
        if (labels != null) {
            Entities.requireKnown(procedure, "nodeLabels", "label", labels, Entities.labelsInUse(tx));
        } else {
            Entities.requireKnown(procedure, "relationshipTypes", "relationship type", types, Entities.typesInUse(tx));
        }
        Entities.requireKnownProperties(tx, procedure, "textProperties", textProperties);
        Entities.requireKnownProperties(tx, procedure, labelProperty != null ? "labelProperty" : "ratingProperty",
                List.of(targetProperty));
        TextEncoder encoder = runtime.textModels().get("textModel", textModel);

        // read the examples
        long[] ids = labels != null ? Entities.nodeIds(tx, labels) : Entities.relationshipIds(tx, types);
        Function<Long, Entity> reader = labels != null ? tx::getNodeById : tx::getRelationshipById;
        EntityTextEmbedder.Job textJob = new EntityTextEmbedder.Job(procedure, kind, textProperties, targetProperty, false,
                coerce, 64, concurrency, encoder);
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
            String c = labelProperty != null ? SentimentLabels.fromLabel(value)
                    : SentimentLabels.fromRating(value, positiveRating, negativeRating);
            if (c == null) {
                // the type and the element, never the value: it may be personal data
                String shown = labelProperty != null && value instanceof String ? "a string that is not a label"
                        : EntityTextEmbedder.typeName(value);
                throw new IllegalArgumentException(procedure + ": property '" + targetProperty + "' of " + kind + " "
                        + entity.getElementId() + " is " + shown + "; " + (labelProperty != null
                        ? "'labelProperty' values must be " + SentimentLabels.ALLOWED_LABELS
                        : "'ratingProperty' values must be numbers"));
            }
            if (c.equals(SentimentClassifier.NEUTRAL) && !includeNeutral) {
                skippedNeutral++;
                continue;
            }
            texts.add(text);
            classNames.add(c);
        }
        List<String> classes = new ArrayList<>();
        for (String c : DefaultSentiment.CLASSES) {
            if (classNames.contains(c)) {
                classes.add(c);
            }
        }
        if (!classes.contains(SentimentClassifier.POSITIVE) || !classes.contains(SentimentClassifier.NEGATIVE)) {
            throw new IllegalArgumentException(procedure + ": training needs positive and negative examples; the " + kind
                    + "s with text and a '" + targetProperty + "' give " + counts(classNames, DefaultSentiment.CLASSES));
        }

        // split: a seeded shuffle, the first testFraction held out
        int n = texts.size();
        int[] order = shuffled(n, seed);
        int testSize = (int) Math.round(n * testFraction);
        List<String> trainTexts = new ArrayList<>(), testTexts = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>(), testY = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            int i = order[r];
            (r < testSize ? testTexts : trainTexts).add(texts.get(i));
            (r < testSize ? testY : trainY).add(classes.indexOf(classNames.get(i)));
        }
        List<String> trainClasses = trainY.stream().map(classes::get).toList();
        if (!trainClasses.contains(SentimentClassifier.POSITIVE) || !trainClasses.contains(SentimentClassifier.NEGATIVE)) {
            throw new IllegalArgumentException(procedure + ": after holding out testFraction " + testFraction + ", the "
                    + "training part lacks positive or negative examples: " + counts(trainClasses, classes)
                    + "; lower testFraction or label more examples");
        }

        long t0 = System.nanoTime();
        float[][] trainX = encoder.embed(trainTexts, 8, concurrency, () -> Entities.terminated(guard));
        float[][] testX = encoder.embed(testTexts, 8, concurrency, () -> Entities.terminated(guard));
        long embedMillis = (System.nanoTime() - t0) / 1_000_000;
        log.info("%s: %d training and %d test texts embedded in %d ms", procedure, trainX.length, testX.length, embedMillis);
        int[] trainLabels = trainY.stream().mapToInt(Integer::intValue).toArray();
        int[] testLabels = testY.stream().mapToInt(Integer::intValue).toArray();
        long t1 = System.nanoTime();
        SentimentTrainer.Fit fit;
        try {
            fit = SentimentTrainer.logistic(trainX, trainLabels, classes, new SentimentTrainer.Parameters(l2, maxIterations,
                    1e-7, margin), () -> Entities.terminated(guard));
        } catch (SentimentTrainer.StoppedException e) {
            guard.check();
            throw e;
        }
        long fitMillis = (System.nanoTime() - t1) / 1_000_000;
        double trainAccuracy = SentimentTrainer.accuracy(fit.classifier(), trainX, trainLabels);
        Double testAccuracy = testX.length == 0 ? null : SentimentTrainer.accuracy(fit.classifier(), testX, testLabels);
        log.info("%s: model '%s' fitted in %d Newton iterations (%d ms), converged %s, train accuracy %.4f, test accuracy %s",
                procedure, modelName, fit.iterations(), fitMillis, fit.converged(), trainAccuracy, testAccuracy);

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("examples", (long) n);
        info.put("trainExamples", (long) trainX.length);
        info.put("testExamples", (long) testX.length);
        info.put("trainAccuracy", trainAccuracy);
        info.put("testAccuracy", testAccuracy);
        info.put("iterations", (long) fit.iterations());
        info.put("converged", fit.converged());
        info.put("l2", l2);
        info.put("randomSeed", seed);
        info.put("source", kind + "s " + (labels != null ? labels : types) + ", text " + textProperties + ", "
                + (labelProperty != null ? "label '" + labelProperty + "'" : "rating '" + ratingProperty + "' (>= "
                        + positiveRating + " positive, <= " + negativeRating + " negative)"));
        Map<String, Long> classCounts = counts(classNames, classes);
        SentimentCatalog.StoredSentiment stored = new SentimentCatalog.StoredSentiment(modelName, db.databaseName(),
                textModel, fit.classifier(), classCounts, Instant.now(), info);
        runtime.sentiments().store(stored);
        return Stream.of(new TrainResult(stored, skippedNoText, skippedNoLabel, skippedNeutral, embedMillis + fitMillis));
    }

    public static final class TrainResult {
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

        TrainResult(SentimentCatalog.StoredSentiment model, long skippedNoText, long skippedNoLabel, long skippedNeutral,
                long millis) {
            this.modelName = model.name();
            this.textModel = model.textModel();
            this.classCounts = new LinkedHashMap<>(model.classCounts());
            this.examples = (Long) model.trainInfo().get("examples");
            this.trainExamples = (Long) model.trainInfo().get("trainExamples");
            this.testExamples = (Long) model.trainInfo().get("testExamples");
            this.trainAccuracy = (Double) model.trainInfo().get("trainAccuracy");
            this.testAccuracy = (Double) model.trainInfo().get("testAccuracy");
            this.iterations = (Long) model.trainInfo().get("iterations");
            this.converged = (Boolean) model.trainInfo().get("converged");
            this.skippedNoText = skippedNoText;
            this.skippedNoLabel = skippedNoLabel;
            this.skippedNeutral = skippedNeutral;
            this.trainMillis = millis;
        }
    }

    // ---------------------------------------------------------------- shared

    private Model model(String procedure, String modelName) {
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

    private static double neutralMargin(String procedure, double margin) {
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException(procedure + ": 'neutralMargin' must be in [0, 1), got " + margin);
        }
        return margin;
    }

    private static Map<String, Long> counts(List<String> values, List<String> classes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String c : classes) {
            counts.put(c, values.stream().filter(c::equals).count());
        }
        return counts;
    }

    /** 0..n-1 in a seeded random order (Fisher-Yates). */
    static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
