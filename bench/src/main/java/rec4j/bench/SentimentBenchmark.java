package rec4j.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.testsupport.Neo4jHarness;

/**
 * Accuracy of rec.sentiment on the UCI "Sentiment Labelled Sentences" (Amazon and Yelp: 2,000 sentences, positive or
 * negative), end to end through the procedures in an in-process Neo4j:
 * <ol>
 *   <li>the built-in default model ({@code rec.sentiment.nodes}) on all 2,000: right when the score's sign matches
 *       the label (the data has no neutral class); how many fall in the neutral band is reported too;</li>
 *   <li>{@code rec.sentiment.train} on a seeded random half (labelProperty), with {@code prior: 'default'} (the
 *       default: a fine-tune of the default model) and {@code 'none'} (from scratch), then {@code rec.sentiment.nodes}
 *       with each model on the other half;</li>
 *   <li>skewed labels, as real star data is mostly positive: all positives and a seeded sample of the negatives such
 *       that positives are {@code positiveShare} (default 0.9) of the set, split per class (seeded; a
 *       {@code skewTrainShare} of each, default half) into a train and a test part; {@code rec.sentiment.train} on the
 *       train part with {@code classWeights: 'balanced'} (the default) and {@code prior: 'default'} (the default) or
 *       {@code 'none'}, and with {@code classWeights: 'none', prior: 'none'}; accuracy, balanced accuracy and per-class
 *       recall (sign of the score) of the default model and the trained ones on the same test part.</li>
 * </ol>
 *
 * <pre>
 *   mvn -o -q -Pbench -DskipTests package
 *   java -Xmx4g -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.SentimentBenchmark ../shared/data/sentiment-labelled-sentences \
 *       [seed 42] [positiveShare 0.9] [skewTrainShare 0.5] [skewL2: comma-separated l2 values, default the procedure's ('auto')]
 * </pre>
 */
public final class SentimentBenchmark {

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args.length > 0 ? args[0] : "../shared/data/sentiment-labelled-sentences");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        double positiveShare = args.length > 2 ? Double.parseDouble(args[2]) : 0.9;
        double skewTrainShare = args.length > 3 ? Double.parseDouble(args[3]) : 0.5;
        List<String> skewL2 = args.length > 4 ? List.of(args[4].split(",")) : List.of("");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String file : List.of("amazon_cells_labelled.txt", "yelp_labelled.txt")) {
            for (String line : Files.readAllLines(directory.resolve(file), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                String label = line.substring(tab + 1).trim();
                if (tab < 0 || !(label.equals("0") || label.equals("1"))) {
                    throw new IllegalStateException(file + ": not 'sentence<TAB>0|1': " + line);
                }
                rows.add(Map.of("i", rows.size(), "text", line.substring(0, tab).trim(), "label", Long.parseLong(label),
                        "source", file.substring(0, file.indexOf('_'))));
            }
        }
        System.out.printf("%d sentences from %s, seed %d%n", rows.size(), directory, seed);

        Path home = Files.createTempDirectory("rec4j-sentiment-bench");
        try (Neo4jHarness neo4j = Neo4jHarness.start(home, b -> b)) {
            Driver driver = neo4j.driver();
            driver.executableQuery("UNWIND $rows AS r CREATE (:Sentence {i: r.i, text: r.text, label: r.label, source: r.source})")
                    .withParameters(Map.of("rows", rows)).execute();
            // the split: rand() is not seedable in Cypher, so a seeded shuffle here
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, new java.util.Random(seed));
            driver.executableQuery("UNWIND $train AS i MATCH (s:Sentence {i: i}) SET s:Train")
                    .withParameters(Map.of("train", order.subList(0, rows.size() / 2))).execute();
            driver.executableQuery("MATCH (s:Sentence) WHERE NOT s:Train SET s:Test").execute();

            long t0 = System.nanoTime();
            Record def = driver.executableQuery("CALL rec.sentiment.nodes({nodeLabels: ['Sentence'], textProperties: ['text']})")
                    .execute().records().get(0);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("default model: %d sentences classified in %.1f s%n", def.get("written").asLong(), seconds);
            report(driver, "default model, all 2,000", "Sentence", "");
            report(driver, "default model, the test half only", "Test", "");
            for (String source : List.of("amazon", "yelp")) {
                report(driver, "default model, " + source, "Sentence", " AND s.source = '" + source + "'");
            }

            for (String prior : List.of("default", "none")) {
                String name = "half-" + prior;
                Record trained = driver.executableQuery("CALL rec.sentiment.train({modelName: '" + name + "', nodeLabels: "
                        + "['Train'], textProperties: ['text'], labelProperty: 'label', testFraction: 0, prior: '" + prior
                        + "'})").execute().records().get(0);
                System.out.printf("trained (prior '%s') on %d sentences %s: train accuracy %.4f, %d Newton iterations, %d ms; "
                        + "l2 %s, %s%n", prior, trained.get("trainExamples").asLong(), trained.get("classCounts").asMap(),
                        trained.get("trainAccuracy").asDouble(), trained.get("iterations").asLong(),
                        trained.get("trainMillis").asLong(), trained.get("l2").asDouble(), crossValidation(trained));
                driver.executableQuery("CALL rec.sentiment.nodes({nodeLabels: ['Test'], textProperties: ['text'], modelName: '"
                        + name + "'})").execute();
                report(driver, "trained on the train half (prior '" + prior + "'), on the test half", "Test", "");
            }

            skewed(driver, rows, seed, positiveShare, skewTrainShare, skewL2);
        }
    }

    /**
     * The skewed run (see the class comment): SkewTrain / SkewTest labels on the sampled sentences.
     *
     * @param trainShare of each class, the share in the train part
     * @param l2s        the l2 values to train with; "" for the procedure's default
     */
    private static void skewed(Driver driver, List<Map<String, Object>> rows, long seed, double positiveShare,
            double trainShare, List<String> l2s) {
        List<Integer> positives = new ArrayList<>(), negatives = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            ((Long) row.get("label") == 1 ? positives : negatives).add((Integer) row.get("i"));
        }
        java.util.Random random = new java.util.Random(seed);
        java.util.Collections.shuffle(positives, random);
        java.util.Collections.shuffle(negatives, random);
        int keep = (int) Math.round(positives.size() * (1 - positiveShare) / positiveShare);
        List<Integer> sampled = negatives.subList(0, Math.min(keep, negatives.size()));
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        int testNegatives = 0;
        for (List<Integer> part : List.of(positives, sampled)) { // split per class: both parts keep the skew
            int cut = (int) Math.round(part.size() * trainShare);
            testNegatives = part.size() - cut;
            train.addAll(part.subList(0, cut));
            test.addAll(part.subList(cut, part.size()));
        }
        driver.executableQuery("UNWIND $ids AS i MATCH (s:Sentence {i: i}) SET s:SkewTrain")
                .withParameters(Map.of("ids", train)).execute();
        driver.executableQuery("UNWIND $ids AS i MATCH (s:Sentence {i: i}) SET s:SkewTest")
                .withParameters(Map.of("ids", test)).execute();
        System.out.printf("%nskewed: all %d positives and %d of %d negatives (positives %.1f %%), seed %d; train part %d, "
                + "test part %d (%d negative)%n", positives.size(), sampled.size(), negatives.size(),
                100.0 * positives.size() / (positives.size() + sampled.size()), seed, train.size(), test.size(),
                testNegatives);
        List<String> models = new ArrayList<>(List.of("default"));
        for (String l2 : l2s) {
            // classWeights / prior: balanced toward the default model, balanced from scratch, unweighted from scratch
            for (String variant : List.of("balanced-default", "balanced-none", "none-none")) {
                String weights = variant.substring(0, variant.indexOf('-')), prior = variant.substring(variant.indexOf('-') + 1);
                String name = "skew-" + variant + (l2.isEmpty() ? "" : "-l2-" + l2);
                models.add(name);
                Record trained = driver.executableQuery("CALL rec.sentiment.train({modelName: '" + name + "', "
                        + "nodeLabels: ['SkewTrain'], textProperties: ['text'], labelProperty: 'label', testFraction: 0"
                        + (l2.isEmpty() ? "" : ", l2: " + l2) + ", prior: '" + prior + "'"
                        + (weights.equals("balanced") ? "" : ", classWeights: '" + weights + "'") + "})")
                        .execute().records().get(0);
                System.out.printf("trained %s, on %d sentences %s: train accuracy %.4f, train balanced accuracy %.4f, "
                        + "%d Newton iterations; l2 %s, %s%n", describe(name), trained.get("trainExamples").asLong(),
                        trained.get("classCounts").asMap(), trained.get("trainAccuracy").asDouble(),
                        trained.get("trainBalancedAccuracy").asDouble(), trained.get("iterations").asLong(),
                        trained.get("l2").asDouble(), crossValidation(trained));
            }
        }
        for (String model : models) {
            String property = "skew_" + model.replaceAll("[^A-Za-z0-9]", "_");
            driver.executableQuery("CALL rec.sentiment.nodes({nodeLabels: ['SkewTest'], textProperties: ['text'], modelName: '"
                    + model + "', writeProperty: '" + property + "', scoreProperty: '" + property + "Score'})").execute();
            Record r = driver.executableQuery("MATCH (s:SkewTest) WITH s, s." + property + "Score > 0 AS saysPositive "
                    + "RETURN count(*) AS n, sum(CASE WHEN saysPositive = (s.label = 1) THEN 1 ELSE 0 END) AS right, "
                    + "sum(CASE WHEN s.label = 1 THEN 1 ELSE 0 END) AS pos, sum(CASE WHEN s.label = 1 AND saysPositive "
                    + "THEN 1 ELSE 0 END) AS posRight, sum(CASE WHEN s.label = 0 AND NOT saysPositive THEN 1 ELSE 0 END) "
                    + "AS negRight").execute().records().get(0);
            long n = r.get("n").asLong(), pos = r.get("pos").asLong(), neg = n - pos;
            double posRecall = r.get("posRight").asDouble() / pos, negRecall = r.get("negRight").asDouble() / neg;
            System.out.printf("%-75s accuracy %.4f, balanced accuracy %.4f, recall positive %.4f, negative %.4f (on %d)%n",
                    "skewed test part, " + (model.equals("default") ? "default model" : "trained " + describe(model)),
                    r.get("right").asDouble() / n, (posRecall + negRecall) / 2, posRecall, negRecall, n);
        }
    }

    /** rec.sentiment.train's crossValidation column: the l2 candidates and their cross-validated balanced accuracy. */
    private static String crossValidation(Record trained) {
        if (trained.get("crossValidation").isNull()) {
            return "l2 given (no cross-validation)";
        }
        Map<String, Object> cv = trained.get("crossValidation").asMap();
        List<?> candidates = (List<?>) cv.get("candidates"), scores = (List<?>) cv.get("balancedAccuracy");
        StringBuilder text = new StringBuilder(cv.get("folds") + "-fold cross-validated balanced accuracy");
        for (int i = 0; i < candidates.size(); i++) {
            text.append(i == 0 ? " " : ", ").append("l2 ").append(candidates.get(i)).append(": ")
                    .append(String.format("%.4f", ((Number) scores.get(i)).doubleValue()));
        }
        return text.toString();
    }

    /** "classWeights 'balanced', prior 'default'" (", l2 0.1") of a skewed run's model name. */
    private static String describe(String name) {
        String[] parts = name.split("-", 5); // skew, weights, prior[, l2, value]
        return "classWeights '" + parts[1] + "', prior '" + parts[2] + "'" + (parts.length == 5 ? ", l2 " + parts[4] : "");
    }

    private static void report(Driver driver, String what, String label, String where) {
        Record r = driver.executableQuery("MATCH (s:" + label + ") WHERE true" + where + " RETURN count(*) AS n, "
                + "sum(CASE WHEN (s.sentimentScore > 0) = (s.label = 1) THEN 1 ELSE 0 END) AS right, "
                + "sum(CASE WHEN s.sentiment = 'neutral' THEN 1 ELSE 0 END) AS neutral, "
                + "sum(CASE WHEN s.sentiment <> 'neutral' AND (s.sentiment = 'positive') = (s.label = 1) THEN 1 ELSE 0 END) "
                + "AS rightDecided").execute().records().get(0);
        long n = r.get("n").asLong(), neutral = r.get("neutral").asLong();
        System.out.printf("%-50s accuracy (sign of score) %.4f on %d; %d in the neutral band; accuracy of the %d labelled "
                + "positive/negative %.4f%n", what, r.get("right").asDouble() / n, n, neutral, n - neutral,
                r.get("rightDecided").asDouble() / Math.max(1, n - neutral));
    }
}
