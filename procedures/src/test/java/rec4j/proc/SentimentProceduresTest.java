package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static rec4j.testsupport.Cypher.assertRefused;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.longs;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.single;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import rec4j.model.SentimentCatalog;
import rec4j.sentiment.SentimentClassifier;
import rec4j.testsupport.Neo4jExtension;
import rec4j.testsupport.Neo4jHarness;

@ExtendWith(Neo4jExtension.class)
class SentimentProceduresTest {

    private static final List<String> NOUNS = List.of("blender", "lamp", "backpack", "kettle", "jacket", "speaker", "tent",
            "drill", "toaster", "umbrella");
    private static final List<String> GOOD = List.of("is excellent", "works wonderfully", "exceeded my expectations",
            "is a delight to use", "is superb quality", "made me very happy");
    private static final List<String> BAD = List.of("is terrible", "broke after one day", "was a huge disappointment",
            "is a pain to use", "is cheap junk", "made me angry");
    private static final List<String> PLAIN = List.of("arrived on a Tuesday", "comes in a cardboard box",
            "is sold in three colours", "was bought last spring");

    private final Driver driver;
    private final Neo4jHarness harness;

    SentimentProceduresTest(Neo4jHarness harness) {
        this.harness = harness;
        this.driver = harness.driver();
    }

    @BeforeEach
    void clean() {
        run(driver, "MATCH (n) DETACH DELETE n");
    }

    @Test
    void theDefaultModelLabelsClearSentences() {
        Map<String, Object> good = sentiment("This is the best coffee maker I have ever owned, I love it.");
        Map<String, Object> bad = sentiment("Terrible. It stopped working on the first day and support never replied.");
        assertThat(good.get("label")).isEqualTo("positive");
        assertThat((Double) good.get("score")).isGreaterThan(0.2).isLessThanOrEqualTo(1.0);
        assertThat(bad.get("label")).isEqualTo("negative");
        assertThat((Double) bad.get("score")).isLessThan(-0.2).isGreaterThanOrEqualTo(-1.0);
        Map<String, Object> explicit = single(driver, "RETURN rec.sentiment.text('Terrible. It stopped working on the first day "
                + "and support never replied.', 'default') AS s").get("s").asMap();
        assertThat((Double) explicit.get("score")).isCloseTo((Double) bad.get("score"), within(1e-9));
    }

    @Test
    void theFunctionRefusesBadInput() {
        assertRefused(driver, "RETURN rec.sentiment.text('   ')",
                "rec.sentiment.text: 'text' must be a non-empty string, got an empty string");
        assertRefused(driver, "RETURN rec.sentiment.text(null)",
                "'text' must be a non-empty string, got null");
        assertRefused(driver, "RETURN rec.sentiment.text(42)",
                "'text' must be a non-empty string, got an integer");
        assertRefused(driver, "RETURN rec.sentiment.text('fine', 'nope')",
                "rec.sentiment.text: no sentiment model named 'nope' in database 'neo4j'; models: [default");
    }

    @Test
    void nodesGetLabelAndScoreInBatches() {
        List<Map<String, Object>> rows = reviews();
        run(driver, "UNWIND $rows AS r CREATE (:Review {id: r.id, text: r.text})", Map.of("rows", rows));
        run(driver, "CREATE (:Review {id: -1}), (:Review {id: -2, text: ''})");
        Record result = single(driver, "CALL rec.sentiment.nodes({nodeLabels: ['Review'], textProperties: ['text'], batchSize: 7})");
        assertThat(result.get("written").asLong()).isEqualTo(rows.size());
        assertThat(result.get("skippedNoText").asLong()).isEqualTo(2);
        assertThat(result.get("committedBatches").asLong()).isEqualTo((rows.size() + 6) / 7);
        assertThat(result.get("modelName").asString()).isEqualTo("default");
        assertThat(result.get("textModel").asString()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(result.get("positive").asLong() + result.get("negative").asLong() + result.get("neutral").asLong())
                .isEqualTo(rows.size());
        // every label and score equals the function's on the same text
        for (Record r : list(driver, "MATCH (r:Review) WHERE r.text <> '' RETURN r.text AS text, r.sentiment AS label, "
                + "r.sentimentScore AS score, rec.sentiment.text(r.text) AS expected")) {
            Map<String, Object> expected = r.get("expected").asMap();
            assertThat(r.get("label").asString()).isEqualTo(expected.get("label"));
            assertThat(r.get("score").asDouble()).isCloseTo((Double) expected.get("score"), within(1e-6));
        }
        // the planted sentiment is found: the clearly good and bad reviews
        long goodRight = single(driver, "MATCH (r:Review) WHERE r.id < 60 AND r.id % 2 = 0 AND r.sentiment = 'positive' RETURN count(*) AS c")
                .get("c").asLong();
        long badRight = single(driver, "MATCH (r:Review) WHERE r.id < 60 AND r.id % 2 = 1 AND r.sentiment = 'negative' RETURN count(*) AS c")
                .get("c").asLong();
        assertThat(goodRight + badRight).as("of 60 clearly good or bad reviews").isGreaterThanOrEqualTo(54);
        assertThat(single(driver, "MATCH (r:Review) WHERE r.id < 0 RETURN count(r.sentiment) AS c").get("c").asLong()).isZero();

        Record rerun = single(driver, "CALL rec.sentiment.nodes({nodeLabels: 'Review', textProperties: 'text', skipExisting: true, "
                + "writeProperty: 'sentiment', scoreProperty: 'sentimentScore', neutralMargin: 0.5})");
        assertThat(longs(rerun, "skippedExisting", "written")).containsExactly((long) rows.size(), 0L);
    }

    @Test
    void relationshipsGetLabelAndScore() {
        run(driver, "CREATE (u:User), (i:Item), (u)-[:RATED {review: 'Absolutely wonderful, I adore it and would buy it again.'}]->(i), "
                + "(u)-[:RATED {review: 'Awful quality, it fell apart and I want my money back.'}]->(i), (u)-[:RATED]->(i)");
        Record result = single(driver, "CALL rec.sentiment.relationships({relationshipTypes: ['RATED'], textProperties: ['review'], "
                + "writeProperty: 'mood', scoreProperty: 'moodScore'})");
        assertThat(longs(result, "written", "positive", "negative", "skippedNoText")).containsExactly(2L, 1L, 1L, 1L);
        assertThat(single(driver, "MATCH ()-[r:RATED]->() WHERE r.review STARTS WITH 'Absolutely' RETURN r.mood AS m, r.moodScore AS s")
                .get("m").asString()).isEqualTo("positive");
        assertThat(single(driver, "MATCH ()-[r:RATED]->() WHERE r.review STARTS WITH 'Awful' RETURN r.mood AS m").get("m").asString())
                .isEqualTo("negative");
    }

    @Test
    void badWriteInputIsRefusedAndNothingIsWritten() {
        run(driver, "UNWIND range(1, 20) AS i CREATE (:Review {id: i, text: 'A lovely, well made lamp number ' + i})");
        run(driver, "CREATE (:Review {id: 99, text: 12345})");
        assertRefused(driver, "CALL rec.sentiment.nodes({nodeLabels: ['Review'], textProperties: ['text'], batchSize: 2})",
                "rec.sentiment.nodes: property 'text' of node", "is an integer, not a string");
        assertRefused(driver, "CALL rec.sentiment.nodes({nodeLabels: ['Review'], textProperties: ['text'], modelName: 'nope'})",
                "rec.sentiment.nodes: no sentiment model named 'nope'");
        assertRefused(driver, "CALL rec.sentiment.nodes({nodeLabels: ['Review'], textProperties: ['body']})",
                "rec.sentiment.nodes: no node or relationship in the database has a property 'body'");
        assertRefused(driver, "CALL rec.sentiment.nodes({nodeLabels: ['Rveiew'], textProperties: ['text']})",
                "rec.sentiment.nodes: unknown label 'Rveiew' in 'nodeLabels'");
        assertRefused(driver, "CALL rec.sentiment.nodes({nodeLabels: ['Review'], textProperties: ['text'], writeProperty: 'x', "
                + "scoreProperty: 'x'})", "'writeProperty' and 'scoreProperty' must differ, both are 'x'");
        assertRefused(driver, "CALL rec.sentiment.nodes({nodeLabels: ['Review'], textProperties: ['text'], labelProperty: 'x'})",
                "rec.sentiment.nodes: unknown configuration key 'labelProperty'");
        assertRefused(driver, "CALL rec.sentiment.nodes({nodeLabels: ['Review'], textProperties: ['text'], neutralMargin: 2})",
                "'neutralMargin' must be in [0, 1), got 2.0");
        assertRefused(driver, "CALL rec.sentiment.relationships({relationshipTypes: ['RATED'], textProperties: ['text']})",
                "rec.sentiment.relationships: unknown relationship type 'RATED'");
        assertThat(single(driver, "MATCH (r:Review) RETURN count(r.sentiment) + count(r.sentimentScore) + count(r.x) AS c")
                .get("c").asLong()).isZero();
        // with coerceNonStrings the number is classified as text
        assertThat(single(driver, "CALL rec.sentiment.nodes({nodeLabels: ['Review'], textProperties: ['text'], coerceNonStrings: true})")
                .get("written").asLong()).isEqualTo(21);
    }

    @Test
    void aTrainedModelIsStoredAndServed() throws Exception {
        List<Map<String, Object>> rows = reviews();
        run(driver, "UNWIND $rows AS r CREATE (:Review {id: r.id, text: r.text, stars: r.stars, "
                + "flipped: r.stars <= 2})", Map.of("rows", rows));
        run(driver, "CREATE (:Review {id: -1, stars: 5}), (:Review {id: -2, text: 'No stars given here'})");
        Record trained = single(driver, "CALL rec.sentiment.train({modelName: 'stars', nodeLabels: ['Review'], textProperties: ['text'], "
                + "ratingProperty: 'stars', testFraction: 0.25, randomSeed: 7})");
        assertThat(trained.get("modelName").asString()).isEqualTo("stars");
        assertThat(trained.get("examples").asLong()).isEqualTo(rows.size());
        assertThat(trained.get("classCounts").asMap()).isEqualTo(Map.of("negative", 30L, "neutral", 20L, "positive", 30L));
        assertThat(trained.get("testExamples").asLong()).isEqualTo(20);
        assertThat(trained.get("trainExamples").asLong()).isEqualTo(60);
        assertThat(trained.get("skippedNoText").asLong()).isEqualTo(1);
        assertThat(trained.get("skippedNoLabel").asLong()).isEqualTo(1);
        assertThat(trained.get("converged").asBoolean()).isTrue();
        // pulled toward the default model (prior 'default', l2 'auto'), the fit does not learn every training text
        assertThat(trained.get("trainAccuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(trained.get("testAccuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(trained.get("prior").asString()).isEqualTo("default");
        assertThat(single(driver, "RETURN rec.sentiment.text('The new kettle arrived on a Monday', 'stars') AS s").get("s").asMap()
                .get("label")).isEqualTo("neutral");

        // a contrarian model (labels flipped) proves the named model is the one used; it contradicts the default model,
        // so it is fitted from scratch (pulled toward the default, 80 examples do not turn it round)
        Record flipped = single(driver, "CALL rec.sentiment.train({modelName: 'contrarian', nodeLabels: ['Review'], textProperties: "
                + "['text'], labelProperty: 'flipped', testFraction: 0, prior: 'none'})");
        assertThat(flipped.get("prior").asString()).isEqualTo("none");
        assertThat(flipped.get("testAccuracy").isNull()).isTrue();
        assertThat(flipped.get("classCounts").asMap()).isEqualTo(Map.of("negative", 50L, "positive", 30L));
        String text = "This toaster is excellent and works wonderfully";
        assertThat(single(driver, "RETURN rec.sentiment.text($t) AS s", Map.of("t", text)).get("s").asMap().get("label"))
                .isEqualTo("positive");
        assertThat(single(driver, "RETURN rec.sentiment.text($t, 'contrarian') AS s", Map.of("t", text)).get("s").asMap().get("label"))
                .isEqualTo("negative");
        assertThat(single(driver, "CALL rec.sentiment.nodes({nodeLabels: ['Review'], textProperties: ['text'], modelName: 'contrarian'}) "
                + "YIELD modelName RETURN modelName").get("modelName").asString()).isEqualTo("contrarian");

        // the file on disk loads into a fresh catalog and scores like the served model
        Path file;
        try (Stream<Path> files = Files.walk(harness.home())) {
            file = files.filter(f -> f.getFileName().toString().equals("contrarian.rec4j-sentiment")).findFirst().orElseThrow();
        }
        SentimentCatalog fresh = new SentimentCatalog(file.getParent().getParent().getParent());
        SentimentCatalog.StoredSentiment loaded = fresh.require("test", "neo4j", "contrarian");
        assertThat(loaded.classCounts()).isEqualTo(Map.of("negative", 50L, "positive", 30L));
        assertThat(loaded.textModel()).isEqualTo("all-MiniLM-L6-v2");
        float[] vector = toFloats(single(driver, "RETURN rec.embed.text($t) AS v", Map.of("t", text)).get("v").asList(Value::asDouble));
        SentimentClassifier.Prediction p = loaded.classifier().predict(vector);
        double served = (Double) single(driver, "RETURN rec.sentiment.text($t, 'contrarian') AS s", Map.of("t", text)).get("s").asMap()
                .get("score");
        assertThat(p.score()).isCloseTo(served, within(1e-5));
        assertThat(fresh.names("neo4j")).contains("default", "contrarian", "stars");
    }

    @Test
    void badTrainingInputIsRefusedAndNothingIsStored() {
        run(driver, "UNWIND range(1, 10) AS i CREATE (:Review {text: 'A fine lamp ' + i, verdict: CASE WHEN i % 2 = 0 THEN 'pos' ELSE 'neg' END})");
        run(driver, "CREATE (:Review {text: 'A strange lamp', verdict: 'great'})");
        String base = "modelName: 'bad', nodeLabels: ['Review'], textProperties: ['text']";
        assertRefused(driver, "CALL rec.sentiment.train({" + base + ", labelProperty: 'verdict'})",
                "rec.sentiment.train: property 'verdict' of node", "is a string that is not a label; 'labelProperty' values must be 'positive'/'pos'");
        assertRefused(driver, "CALL rec.sentiment.train({" + base + ", labelProperty: 'verdict', ratingProperty: 'verdict'})",
                "give exactly one of 'labelProperty' and 'ratingProperty'");
        assertRefused(driver, "CALL rec.sentiment.train({" + base + ", ratingProperty: 'verdict'})",
                "property 'verdict' of node", "'ratingProperty' values must be numbers");
        assertRefused(driver, "CALL rec.sentiment.train({" + base + ", labelProperty: 'verdict', testFraction: 1.5})",
                "'testFraction' must be in [0, 1), got 1.5");
        assertRefused(driver, "CALL rec.sentiment.train({modelName: 'default', nodeLabels: ['Review'], textProperties: ['text'], "
                + "labelProperty: 'verdict'})", "'modelName' 'default' is the built-in model");
        assertRefused(driver, "CALL rec.sentiment.train({modelName: '../x', nodeLabels: ['Review'], textProperties: ['text'], "
                + "labelProperty: 'verdict'})", "'modelName' must be 1-128 letters");
        assertRefused(driver, "CALL rec.sentiment.train({" + base + ", labelProperty: 'verdict', epochs: 3})",
                "rec.sentiment.train: unknown configuration key 'epochs'");
        assertRefused(driver, "CALL rec.sentiment.train({" + base + ", labelProperty: 'verdict', classWeights: 'auto'})",
                "rec.sentiment.train: 'classWeights' must be one of [balanced, none], got 'auto'");
        run(driver, "MATCH (r:Review {verdict: 'great'}) DELETE r");
        run(driver, "MATCH (r:Review {verdict: 'neg'}) SET r.verdict = 'neutral'");
        assertRefused(driver, "CALL rec.sentiment.train({" + base + ", labelProperty: 'verdict'})",
                "training needs positive and negative examples", "{negative=0, neutral=5, positive=5}");
        assertRefused(driver, "RETURN rec.sentiment.text('fine', 'bad')", "no sentiment model named 'bad'");
    }

    @Test
    void skewedLabelsAreWeightedByDefault() throws Exception {
        List<Map<String, Object>> rows = skewedReviews();
        run(driver, "UNWIND $rows AS r CREATE (:Review {text: r.text, verdict: r.verdict})", Map.of("rows", rows));
        // l2 0.1 toward zero (no prior): a fit regularised enough that, unweighted, the 10 % negatives lose to the
        // class prior
        String base = "nodeLabels: ['Review'], textProperties: ['text'], labelProperty: 'verdict', testFraction: 0.5, l2: 0.1, "
                + "prior: 'none'";
        Record balanced = single(driver, "CALL rec.sentiment.train({modelName: 'skewed', " + base + "})");
        Record none = single(driver, "CALL rec.sentiment.train({modelName: 'skewedNone', " + base + ", classWeights: 'none'})");
        assertThat(balanced.get("classWeights").asString()).isEqualTo("balanced");
        assertThat(none.get("classWeights").asString()).isEqualTo("none");
        assertThat(balanced.get("classCounts").asMap()).isEqualTo(Map.of("negative", 20L, "positive", 180L));
        // the unweighted model mostly predicts positive: high accuracy, low balanced accuracy
        assertThat(none.get("testAccuracy").asDouble()).isGreaterThanOrEqualTo(0.85);
        assertThat(balanced.get("testBalancedAccuracy").asDouble())
                .isGreaterThan(none.get("testBalancedAccuracy").asDouble())
                .isGreaterThanOrEqualTo(0.85);
        assertThat(balanced.get("trainBalancedAccuracy").asDouble())
                .isGreaterThan(none.get("trainBalancedAccuracy").asDouble());
        Map<String, Object> recall = balanced.get("testRecall").asMap();
        assertThat(recall).containsOnlyKeys("negative", "positive");
        assertThat((Double) recall.get("negative")).isGreaterThan((Double) none.get("testRecall").asMap().get("negative"));
        // the mean of the per-class recalls
        assertThat(balanced.get("testBalancedAccuracy").asDouble()).isCloseTo(
                ((Double) recall.get("negative") + (Double) recall.get("positive")) / 2, within(1e-12));

        // the same facts are stored with the model
        Path file;
        try (Stream<Path> files = Files.walk(harness.home())) {
            file = files.filter(f -> f.getFileName().toString().equals("skewed.rec4j-sentiment")).findFirst().orElseThrow();
        }
        Map<String, Object> info = new SentimentCatalog(file.getParent().getParent().getParent())
                .require("test", "neo4j", "skewed").trainInfo();
        assertThat(info).containsEntry("classWeights", "balanced")
                .containsEntry("testBalancedAccuracy", balanced.get("testBalancedAccuracy").asDouble())
                .containsEntry("trainBalancedAccuracy", balanced.get("trainBalancedAccuracy").asDouble())
                .containsEntry("testRecall.negative", recall.get("negative"))
                .containsEntry("testRecall.positive", recall.get("positive"));

        // nothing held out: no test figures
        Record all = single(driver, "CALL rec.sentiment.train({modelName: 'skewedAll', nodeLabels: ['Review'], "
                + "textProperties: ['text'], labelProperty: 'verdict', testFraction: 0})");
        assertThat(all.get("testBalancedAccuracy").isNull()).isTrue();
        assertThat(all.get("testRecall").isNull()).isTrue();
        assertThat(all.get("trainBalancedAccuracy").asDouble()).isBetween(0.0, 1.0);
    }

    /**
     * Few labelled examples (a tenth of the skewed reviews: about 18 positive, 2 negative): the fit pulled toward the
     * default model (the default prior) beats the fit from scratch on the held-out balanced accuracy.
     */
    @Test
    void theDefaultPriorHelpsWithFewExamples() throws Exception {
        run(driver, "UNWIND $rows AS r CREATE (:Review {text: r.text, verdict: r.verdict})", Map.of("rows", skewedReviews()));
        String base = "nodeLabels: ['Review'], textProperties: ['text'], labelProperty: 'verdict', testFraction: 0.9";
        Record prior = single(driver, "CALL rec.sentiment.train({modelName: 'fewPrior', " + base + "})");
        Record none = single(driver, "CALL rec.sentiment.train({modelName: 'fewNone', " + base + ", prior: 'none'})");
        assertThat(prior.get("prior").asString()).isEqualTo("default");
        assertThat(none.get("prior").asString()).isEqualTo("none");
        assertThat(prior.get("trainExamples").asLong()).isEqualTo(20);
        assertThat(prior.get("testBalancedAccuracy").asDouble())
                .isGreaterThan(none.get("testBalancedAccuracy").asDouble())
                .isGreaterThanOrEqualTo(0.85);
        assertThat(prior.get("converged").asBoolean()).isTrue();
        // the row's last columns
        assertThat(prior.keys().subList(prior.keys().size() - 3, prior.keys().size()))
                .containsExactly("prior", "l2", "crossValidation");

        Path file;
        try (Stream<Path> files = Files.walk(harness.home())) {
            file = files.filter(f -> f.getFileName().toString().equals("fewPrior.rec4j-sentiment")).findFirst().orElseThrow();
        }
        SentimentCatalog catalog = new SentimentCatalog(file.getParent().getParent().getParent());
        // l2 'auto': the row and the stored facts say which l2 was used and how it was chosen
        for (Record r : List.of(prior, none)) {
            Map<String, Object> info = catalog.require("test", "neo4j", r.get("modelName").asString()).trainInfo();
            assertThat(info).containsEntry("prior", r.get("prior").asString()).containsEntry("l2", r.get("l2").asDouble())
                    .containsEntry("l2Chosen", r.get("crossValidation").isNull() ? "fallback" : "cross-validation");
        }
    }

    /**
     * l2 'auto' (the default) through the procedure: cross-validation on the training part among the candidates, the
     * default model itself (Infinity) first; when it is kept, the stored model labels every text as the default model
     * does. A given l2 is used as it is, without cross-validation.
     */
    @Test
    void l2IsChosenByCrossValidationUnlessGiven() throws Exception {
        run(driver, "UNWIND $rows AS r CREATE (:Review {text: r.text, verdict: r.verdict})", Map.of("rows", skewedReviews()));
        String base = "nodeLabels: ['Review'], textProperties: ['text'], labelProperty: 'verdict', testFraction: 0.5";
        Record auto = single(driver, "CALL rec.sentiment.train({modelName: 'auto', " + base + "})");
        Map<String, Object> cv = auto.get("crossValidation").asMap();
        assertThat(cv.get("folds")).isEqualTo(5L);
        assertThat(cv.get("candidates")).isEqualTo(List.of(Double.POSITIVE_INFINITY, 10.0, 1.0, 0.1, 0.01));
        List<?> scores = (List<?>) cv.get("balancedAccuracy");
        assertThat(scores).hasSize(5).allSatisfy(v -> assertThat((Double) v).isBetween(0.0, 1.0));
        int chosen = ((List<?>) cv.get("candidates")).indexOf(auto.get("l2").asDouble());
        assertThat(chosen).isNotNegative();
        assertThat(cv.get("chosenBalancedAccuracy")).isEqualTo(scores.get(chosen));
        // a fine-tune is chosen only over a prior it beat out of fold
        if (chosen > 0) {
            assertThat((Double) scores.get(chosen)).isGreaterThan((Double) scores.get(0));
        } else {
            // the default model kept: the same sign of the score on every text
            Record same = single(driver, "MATCH (r:Review) WITH r, rec.sentiment.text(r.text, 'auto').score AS a, "
                    + "rec.sentiment.text(r.text).score AS d RETURN count(*) AS n, sum(CASE WHEN (a > 0) = (d > 0) THEN 1 "
                    + "ELSE 0 END) AS same");
            assertThat(same.get("same").asLong()).isEqualTo(same.get("n").asLong()).isEqualTo(200);
            assertThat(auto.get("iterations").asLong()).isZero();
        }
        Record given = single(driver, "CALL rec.sentiment.train({modelName: 'given', " + base + ", l2: 0.1})");
        assertThat(given.get("l2").asDouble()).isEqualTo(0.1);
        assertThat(given.get("crossValidation").isNull()).isTrue();
        Record none = single(driver, "CALL rec.sentiment.train({modelName: 'autoNone', " + base + ", prior: 'none', l2: 'auto'})");
        assertThat(none.get("crossValidation").asMap().get("candidates")).isEqualTo(List.of(0.1, 0.01, 0.001));
        assertThat(none.get("l2").asDouble()).isIn(0.1, 0.01, 0.001);
        assertRefused(driver, "CALL rec.sentiment.train({modelName: 'bad', " + base + ", l2: 'Auto'})",
                "rec.sentiment.train: 'l2' must be 'auto' or a finite number > 0, got 'Auto'");
    }

    /** 180 good reviews and 20 bad ones: 90 % positive, each text once. */
    private static List<Map<String, Object>> skewedReviews() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String tail : List.of("", " overall", " in my opinion")) {
            for (String phrase : GOOD) {
                for (String noun : NOUNS) {
                    rows.add(Map.of("text", "The " + noun + " " + phrase + tail + ".", "verdict", "positive"));
                }
            }
        }
        for (int i = 0; i < 20; i++) {
            rows.add(Map.of("text", "The " + NOUNS.get(i % NOUNS.size()) + " " + BAD.get((i * 7) % BAD.size())
                    + (i % 2 == 0 ? "" : " overall") + ".", "verdict", "negative"));
        }
        return rows;
    }

    /** 30 good (even id) and 30 bad (odd id) reviews below id 60, then 20 plain factual ones; stars 5 / 1 / 3. */
    private static List<Map<String, Object>> reviews() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String noun = NOUNS.get((i / 2) % NOUNS.size());
            boolean good = i % 2 == 0;
            String phrase = (good ? GOOD : BAD).get((i / 2) % 6);
            rows.add(Map.of("id", i, "text", "The " + noun + " " + phrase + ".", "stars", good ? 5 : 1));
        }
        for (int i = 60; i < 80; i++) {
            rows.add(Map.of("id", i, "text", "The " + NOUNS.get(i % NOUNS.size()) + " " + PLAIN.get(i % PLAIN.size()) + ".",
                    "stars", 3));
        }
        return rows;
    }

    private Map<String, Object> sentiment(String text) {
        return single(driver, "RETURN rec.sentiment.text($t) AS s", Map.of("t", text)).get("s").asMap();
    }

    private static float[] toFloats(List<Double> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }
}
