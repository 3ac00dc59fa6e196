package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static rec4j.testsupport.Cypher.assertRefused;
import static rec4j.testsupport.Cypher.dropGraph;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.refusedCases;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.single;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import rec4j.testsupport.Neo4jExtension;

/** rec.gcn.train / rec.gcn.stream / rec.model.* on a GDS projection of a small graph with two planted taste groups. */
@ExtendWith(Neo4jExtension.class)
class GcnProceduresTest {

    private static final String TRAIN = "CALL rec.gcn.train('gcn-test', {modelName: 'm', embeddingDimension: 16, layers: 2, "
            + "epochs: 30, batchSize: 128, learningRate: 0.01, validationFraction: 0.0, randomSeed: 3, concurrency: 2%s})";

    private final Driver driver;

    GcnProceduresTest(Driver driver) {
        this.driver = driver;
    }

    @BeforeEach
    void graph() {
        run(driver, "MATCH (n) DETACH DELETE n");
        dropGraph(driver, "gcn-test");
        // users u0..u39 and items i0..i29; group = id % 2; a user rates about half the items of its own group
        run(driver, "UNWIND range(0, 29) AS i CREATE (:Item {itemId: i, feat: [toFloat(i % 2), toFloat(1 - i % 2), 0.5]})");
        run(driver, "UNWIND range(0, 39) AS u CREATE (user:User {userId: u}) WITH user, u "
                + "MATCH (i:Item) WHERE i.itemId % 2 = u % 2 AND (i.itemId * 7 + u * 3) % 10 < 5 "
                + "CREATE (user)-[:RATED {rating: 4 + (u + i.itemId) % 2}]->(i)");
        run(driver, "CALL gds.graph.project('gcn-test', {User: {}, Item: {properties: {feat: {defaultValue: [0.0, 0.0, 0.0]}}}}, "
                + "{RATED: {orientation: 'UNDIRECTED', properties: 'rating'}}) YIELD graphName RETURN graphName");
        run(driver, "CALL rec.model.list() YIELD modelName CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
    }

    /**
     * featureProperties without fusion: a graph-only model plus a text tower fitted on the items' features (fusion
     * 'tower'), which places a text-only item in the model's space.
     */
    @Test
    void textFeaturesDefaultToAGraphOnlyModelWithATextTower() {
        Record trained = single(driver, "CALL rec.gcn.train('gcn-test', {modelName: 'tower', featureProperties: ['feat'], "
                + "embeddingDimension: 16, layers: 2, epochs: 40, batchSize: 128, learningRate: 0.01, validationFraction: 0.0, "
                + "randomSeed: 3, concurrency: 1})");
        assertThat(trained.get("items").asLong()).isEqualTo(30);
        Record listed = single(driver, "CALL rec.model.list() YIELD modelName, fusion, dimension WHERE modelName = 'tower' RETURN *");
        assertThat(listed.get("fusion").asString()).isEqualTo("tower");
        assertThat(listed.get("dimension").asLong()).isEqualTo(16);
        Record estimate = single(driver, "CALL rec.gcn.train.estimate('gcn-test', {featureProperties: ['feat'], "
                + "embeddingDimension: 16}) YIELD mapView RETURN mapView");
        assertThat((Long) estimate.get("mapView").asMap().get("textTowerFeatures")).isEqualTo(70L * 3 * 4 + 16);
        // a new odd-group item, known only by its text, lands among the odd items
        run(driver, "CREATE (:Item {itemId: 99, feat: [1.0, 0.0, 0.5]})");
        Record folded = single(driver, "CALL rec.gcn.foldIn('tower', {users: false, fromInteractions: false})");
        assertThat(folded.get("fromText").asLong()).isEqualTo(1);
        List<Record> similar = list(driver, "MATCH (i:Item {itemId: 99}) CALL rec.recommend.similarItems(i, {modelName: "
                + "'tower', k: 5}) YIELD item RETURN item.itemId AS id");
        assertThat(similar).hasSize(5).allSatisfy(r -> assertThat(r.get("id").asLong() % 2).isEqualTo(1));
        // fusion 'none' with featureProperties is still refused: it would ignore them
        assertRefused(driver, "CALL rec.gcn.train('gcn-test', {modelName: 'x', featureProperties: ['feat'], fusion: 'none'})",
                "fusion 'none' ignores text");
    }

    @Test
    void trainsStreamsListsAndDrops() {
        Record trained = single(driver, String.format(TRAIN, ", relationshipWeightProperty: 'rating'"));
        assertThat(trained.get("modelName").asString()).isEqualTo("m");
        assertThat(trained.get("users").asLong()).isEqualTo(40);
        assertThat(trained.get("items").asLong()).isEqualTo(30);
        long interactions = single(driver, "MATCH ()-[r:RATED]->() RETURN count(r) AS c").get("c").asLong();
        assertThat(trained.get("interactions").asLong()).isEqualTo(interactions);
        List<Value> epochs = trained.get("epochs").asList(v -> v);
        assertThat(epochs).hasSize(30);
        assertThat(epochs.get(29).get("loss").asDouble()).isLessThan(epochs.get(0).get("loss").asDouble());
        assertThat(epochs).allMatch(e -> e.get("run").asString().equals("train"));
        assertThat(trained.get("validationRecall").isNull()).isTrue();
        // without validation: no epoch count is picked, nothing is refitted, the model is that of the last epoch
        assertThat(trained.get("selectedEpochs").isNull()).isTrue();
        assertThat(trained.get("refit").asBoolean()).isFalse();
        assertThat(trained.get("bestEpoch").asLong()).isEqualTo(30);

        // the embeddings put each user closer to the items of its own group
        Record scores = single(driver, "CALL rec.gcn.stream('m') YIELD nodeId, embedding "
                + "WITH collect({id: nodeId, e: embedding}) AS rows "
                + "UNWIND rows AS a UNWIND rows AS b "
                + "WITH a, b, reduce(s = 0.0, k IN range(0, size(a.e) - 1) | s + a.e[k] * b.e[k]) AS score "
                + "MATCH (u:User) WHERE id(u) = a.id MATCH (i:Item) WHERE id(i) = b.id "
                + "RETURN avg(CASE WHEN u.userId % 2 = i.itemId % 2 THEN score END) AS same, "
                + "avg(CASE WHEN u.userId % 2 <> i.itemId % 2 THEN score END) AS other, count(*) AS pairs");
        assertThat(scores.get("pairs").asLong()).isEqualTo(40 * 30);
        assertThat(scores.get("same").asDouble()).isGreaterThan(scores.get("other").asDouble() + 0.1);
        assertThat(single(driver, "CALL rec.gcn.stream('m') YIELD embedding RETURN count(*) AS n, min(size(embedding)) AS d")
                .get("d").asLong()).isEqualTo(16);

        Record listed = single(driver, "CALL rec.model.list()");
        assertThat(listed.get("modelName").asString()).isEqualTo("m");
        assertThat(listed.get("nodes").asLong()).isEqualTo(70);
        assertThat(listed.get("fusion").asString()).isEqualTo("none");
        assertThat(single(driver, "CALL rec.model.drop('m')").get("modelName").asString()).isEqualTo("m");
        assertThat(list(driver, "CALL rec.model.list()")).isEmpty();
    }

    @Test
    void writeAndMutatePutTheEmbeddingsOnNodesAndIntoTheGraph() {
        single(driver, String.format(TRAIN, ""));
        Record estimate = single(driver, "CALL rec.gcn.write.estimate('m', {writeProperty: 'emb', batchSize: 25})");
        assertThat(estimate.get("nodeCount").asLong()).isEqualTo(70);
        // the model is in memory: only a batch of 25 nodes' 16-float values, their transaction state and commit records
        // (about 2 kB per node at width 64, measured by GcnProcedureScaleBenchmark)
        assertThat(estimate.get("bytesMax").asLong()).isEqualTo(estimate.get("mapView").get("writeBatch").asLong())
                .isBetween(25L * 2 * 16 * 4, 25L * 2048);
        assertThat(single(driver, "CALL rec.gcn.write.estimate('m', {batchSize: 50})").get("bytesMax").asLong())
                .isGreaterThan(estimate.get("bytesMax").asLong());
        Record written = single(driver, "CALL rec.gcn.write('m', {writeProperty: 'emb', batchSize: 25})");
        assertThat(written.get("nodePropertiesWritten").asLong()).isEqualTo(70);
        assertThat(written.get("committedBatches").asLong()).isEqualTo(3);
        List<Double> streamed = single(driver, "MATCH (u:User {userId: 3}) CALL rec.gcn.stream('m') YIELD nodeId, embedding "
                + "WHERE nodeId = id(u) RETURN embedding").get("embedding").asList(Value::asDouble);
        List<Double> stored = single(driver, "MATCH (u:User {userId: 3}) RETURN u.emb AS e").get("e").asList(Value::asDouble);
        assertThat(stored).isEqualTo(streamed);

        Record mutated = single(driver, "CALL rec.gcn.mutate('m', {mutateProperty: 'emb'})");
        assertThat(mutated.get("nodePropertiesWritten").asLong()).isEqualTo(70);
        List<Double> inGraph = single(driver, "MATCH (u:User {userId: 3}) CALL gds.graph.nodeProperty.stream('gcn-test', 'emb') "
                + "YIELD nodeId, propertyValue WHERE nodeId = id(u) RETURN propertyValue").get("propertyValue").asList(Value::asDouble);
        assertThat(inGraph).hasSize(16);
        for (int c = 0; c < 16; c++) {
            assertThat(inGraph.get(c)).isCloseTo(streamed.get(c), org.assertj.core.api.Assertions.within(1e-6));
        }
        assertThat(catchThrowable(() -> run(driver, "CALL rec.gcn.mutate('m', {mutateProperty: 'emb'})")))
                .hasMessageContaining("graph 'gcn-test' already has a node property 'emb'");
    }

    /**
     * batchSize 'auto' keeps the reference batch and rate on a small graph; a batch given without a rate scales the
     * default rate by sqrt(batch / 2048); a given rate is kept; the result says what was trained with.
     */
    @Test
    void theBatchSizeIsAutoByDefaultAndALargerBatchGetsAScaledRate() {
        String stats = "CALL rec.gcn.stats('gcn-test', {embeddingDimension: 8, layers: 1, epochs: 2, validationFraction: "
                + "0.0, concurrency: 1%s}) YIELD batchSize, learningRate RETURN batchSize, learningRate";
        for (String config : new String[] {"", ", batchSize: 'auto'"}) {
            Record auto = single(driver, String.format(stats, config));
            assertThat(auto.get("batchSize").asLong()).isEqualTo(2048);
            assertThat(auto.get("learningRate").asDouble()).isEqualTo(0.01);
        }
        Record big = single(driver, String.format(stats, ", batchSize: 8192"));
        assertThat(big.get("batchSize").asLong()).isEqualTo(8192);
        assertThat(big.get("learningRate").asDouble()).isCloseTo(0.02, org.assertj.core.api.Assertions.within(1e-12));
        Record given = single(driver, String.format(stats, ", batchSize: 8192, learningRate: 0.005"));
        assertThat(given.get("learningRate").asDouble()).isEqualTo(0.005);
        assertThatThrownBy(() -> single(driver, String.format(stats, ", batchSize: 'large'")))
                .hasMessageContaining("'batchSize' must be 'auto' or an integer in [1, 10000000], got 'large'");
    }

    @Test
    void validationIsEvery10EpochsOnASmallGraphByDefault() {
        String stats = "CALL rec.gcn.stats('gcn-test', {embeddingDimension: 8, layers: 1, epochs: 20, patience: 5, "
                + "validationFraction: 0.2, refit: false, concurrency: 1%s}) YIELD epochs RETURN epochs";
        for (String config : new String[] {"", ", evaluateEvery: 'auto'", ", evaluateEvery: 10"}) {
            List<Long> validated = single(driver, String.format(stats, config)).get("epochs").asList(v -> v).stream()
                    .filter(e -> !e.get("validationRecall").isNull()).map(e -> e.get("epoch").asLong()).toList();
            assertThat(validated).as(config).containsExactly(10L, 20L);
        }
        List<Long> everyFifth = single(driver, String.format(stats, ", evaluateEvery: 5")).get("epochs").asList(v -> v)
                .stream().filter(e -> !e.get("validationRecall").isNull()).map(e -> e.get("epoch").asLong()).toList();
        assertThat(everyFifth).containsExactly(5L, 10L, 15L, 20L);
        assertThatThrownBy(() -> single(driver, String.format(stats, ", evaluateEvery: 'often'")))
                .hasMessageContaining("'evaluateEvery' must be 'auto' or an integer in [1, 100000], got 'often'");
    }

    @Test
    void statsTrainsWithoutRegisteringAndEstimateNeedsNoTraining() {
        Record stats = single(driver, String.format(TRAIN, "").replace("rec.gcn.train", "rec.gcn.stats").replace("modelName: 'm', ", ""));
        assertThat(stats.get("modelName").isNull()).isTrue();
        assertThat(stats.get("epochs").asList(v -> v)).hasSize(30);
        assertThat(list(driver, "CALL rec.model.list()")).isEmpty();

        Record estimate = single(driver, "CALL rec.gcn.train.estimate('gcn-test', {embeddingDimension: 16})");
        assertThat(estimate.get("nodeCount").asLong()).isEqualTo(70);
        long relationships = single(driver, "MATCH ()-[r:RATED]->() RETURN count(r) AS c").get("c").asLong();
        assertThat(estimate.get("relationshipCount").asLong()).isEqualTo(2 * relationships);
        long bytes = estimate.get("bytesMax").asLong();
        // 70 nodes x 16 dims: while training, embeddings, Adam's state, gradients, propagation buffers and evaluation
        // copies are more than ten 70 x 16 float matrices
        assertThat(bytes).isBetween(10L * 70 * 16 * 4, 200_000L);
        assertThat(estimate.get("mapView").asMap()).containsKeys("adjacency", "embeddingsAndAdam", "propagationBuffers");
        long bigger = single(driver, "CALL rec.gcn.train.estimate('gcn-test', {embeddingDimension: 64})").get("bytesMax").asLong();
        assertThat(bigger).isGreaterThan(2 * bytes);
    }

    @Test
    void aTerminatedTrainingRegistersNoModel() {
        org.neo4j.driver.TransactionConfig timeout = org.neo4j.driver.TransactionConfig.builder()
                .withTimeout(java.time.Duration.ofMillis(1500)).build();
        Throwable error = catchThrowable(() -> {
            try (var session = driver.session()) {
                session.run(String.format(TRAIN, "").replace("epochs: 30", "epochs: 100000").replace("batchSize: 128", "batchSize: 8"),
                        timeout).consume();
            }
        });
        assertThat(error).hasMessageContaining("terminated");
        assertThat(list(driver, "CALL rec.model.list()")).isEmpty();
    }

    @Test
    void validationSplitAndTextFusion() {
        String withValidation = String.format(TRAIN, "%s").replace("validationFraction: 0.0", "validationFraction: 0.2")
                .replace("epochs: 30", "epochs: 20").replace("randomSeed: 3", "randomSeed: 3, evaluateEvery: 5");
        Record trained = single(driver, String.format(withValidation,
                ", featureProperties: ['feat'], fusion: 'attention', idDropout: 0.2, missingFeatures: 'zero'"));

        // validation recall is reported on the evaluated epochs of the selection run only, and the reported one is
        // that of the picked epoch: the first epoch with the best validation recall
        List<Value> epochs = trained.get("epochs").asList(v -> v);
        List<Value> select = epochs.stream().filter(e -> e.get("run").asString().equals("select")).toList();
        boolean converged = trained.get("didConverge").asBoolean();
        assertThat(select).hasSizeLessThanOrEqualTo(20);
        if (!converged) {
            assertThat(select).hasSize(20);
        }
        double best = -1;
        long bestEpoch = -1;
        for (Value e : select) {
            long epoch = e.get("epoch").asLong();
            if (epoch % 5 == 0) {
                double recall = e.get("validationRecall").asDouble();
                assertThat(recall).as("epoch %d", epoch).isBetween(0.0, 1.0);
                if (recall > best) {
                    best = recall;
                    bestEpoch = epoch;
                }
            } else {
                assertThat(e.get("validationRecall").isNull()).as("epoch %d is not evaluated", epoch).isTrue();
            }
        }
        assertThat(best).as("some epoch was evaluated").isGreaterThanOrEqualTo(0.0);
        assertThat(trained.get("validationRecall").asDouble()).isEqualTo(best);
        assertThat(trained.get("selectedEpochs").asLong()).isEqualTo(bestEpoch);
        // refit by default: then as many epochs on all interactions, none evaluated; the kept model has that many
        assertThat(trained.get("refit").asBoolean()).isTrue();
        assertRefitRows(epochs, select.size(), bestEpoch);
        assertThat(trained.get("bestEpoch").asLong()).isEqualTo(bestEpoch);
        Record listed = single(driver, "CALL rec.model.list()");
        assertThat(listed.get("fusion").asString()).isEqualTo("attention");
        assertThat(listed.get("trainInfo").get("validationRecall").asDouble()).isEqualTo(best);
        assertThat(listed.get("trainInfo").get("bestEpoch").asLong()).isEqualTo(bestEpoch);
        assertThat(listed.get("trainInfo").get("selectedEpochs").asLong()).isEqualTo(bestEpoch);
        assertThat(listed.get("trainInfo").get("refit").asBoolean()).isTrue();

        // the same training is deterministic; without the text it is another model: the features reached the network
        List<Object> attention = embeddings("m");
        run(driver, "CALL rec.model.drop('m')");
        single(driver, String.format(withValidation,
                ", featureProperties: ['feat'], fusion: 'attention', idDropout: 0.2, missingFeatures: 'zero'"));
        assertThat(embeddings("m")).as("same seed, same model").isEqualTo(attention);
        run(driver, "CALL rec.model.drop('m')");
        single(driver, String.format(withValidation, ""));
        assertThat(single(driver, "CALL rec.model.list()").get("fusion").asString()).isEqualTo("none");
        assertThat(embeddings("m")).as("fusion none vs attention on the same seed").isNotEqualTo(attention);
    }

    @Test
    void withValidationTheEpochCountIsPickedThenTheModelIsRefittedOnAllInteractions() {
        String withValidation = String.format(TRAIN, "%s").replace("validationFraction: 0.0", "validationFraction: 0.2")
                .replace("randomSeed: 3", "randomSeed: 3, evaluateEvery: 2, patience: 3");
        Record refitted = single(driver, String.format(withValidation, ""));
        assertThat(refitted.get("refit").asBoolean()).isTrue();
        long selected = refitted.get("selectedEpochs").asLong();
        assertThat(selected).isBetween(1L, 30L);
        List<Value> epochs = refitted.get("epochs").asList(v -> v);
        // the selection run's rows (1, 2, ... with validation recall on every second epoch), then the refit's
        long selectRows = epochs.stream().takeWhile(e -> e.get("run").asString().equals("select")).count();
        assertThat(selectRows).isGreaterThanOrEqualTo(selected);
        double best = -1;
        for (int k = 0; k < selectRows; k++) {
            assertThat(epochs.get(k).get("epoch").asLong()).isEqualTo(k + 1);
            if ((k + 1) % 2 == 0) {
                best = Math.max(best, epochs.get(k).get("validationRecall").asDouble());
            }
        }
        assertThat(refitted.get("validationRecall").asDouble()).isEqualTo(best);
        assertThat(epochs.get((int) selected - 1).get("validationRecall").asDouble()).isEqualTo(best);
        assertRefitRows(epochs, (int) selectRows, selected);
        assertThat(refitted.get("bestEpoch").asLong()).isEqualTo(selected);
        assertThat(refitted.get("trainMillis").asLong()).isNotNegative();
        Value info = single(driver, "CALL rec.model.list() YIELD modelName, trainInfo WHERE modelName = 'm' RETURN trainInfo")
                .get("trainInfo");
        assertThat(info.get("refit").asBoolean()).isTrue();
        assertThat(info.get("selectedEpochs").asLong()).isEqualTo(selected);
        assertThat(info.get("bestEpoch").asLong()).isEqualTo(selected);
        assertThat(info.get("validationRecall").asDouble()).isEqualTo(best);

        // the refit is a plain training on all interactions for the picked number of epochs, from the same seed
        single(driver, String.format(TRAIN, "").replace("modelName: 'm'", "modelName: 'plain'")
                .replace("epochs: 30", "epochs: " + selected));
        assertThat(embeddings("m")).isEqualTo(embeddings("plain"));

        // refit: false keeps the selection run's model (trained without the held-out part): the same selection, no
        // refit rows, another model
        Record kept = single(driver, String.format(withValidation, ", refit: false").replace("modelName: 'm'", "modelName: 'k'"));
        assertThat(kept.get("refit").asBoolean()).isFalse();
        assertThat(kept.get("selectedEpochs").asLong()).isEqualTo(selected);
        assertThat(kept.get("bestEpoch").asLong()).isEqualTo(selected);
        assertThat(kept.get("validationRecall").asDouble()).isEqualTo(best);
        assertThat(kept.get("didConverge").asBoolean()).isEqualTo(refitted.get("didConverge").asBoolean());
        List<Value> keptEpochs = kept.get("epochs").asList(v -> v);
        assertThat(keptEpochs).hasSize((int) selectRows).allMatch(e -> e.get("run").asString().equals("select"));
        assertThat(keptEpochs.stream().map(e -> e.get("loss").asDouble()).toList())
                .isEqualTo(epochs.subList(0, (int) selectRows).stream().map(e -> e.get("loss").asDouble()).toList());
        assertThat(embeddings("k")).isNotEqualTo(embeddings("m"));
        Value keptInfo = single(driver, "CALL rec.model.list() YIELD modelName, trainInfo WHERE modelName = 'k' RETURN trainInfo")
                .get("trainInfo");
        assertThat(keptInfo.get("refit").asBoolean()).isFalse();
        assertThat(keptInfo.get("selectedEpochs").asLong()).isEqualTo(selected);

        // rec.gcn.stats reports the same two runs
        Record stats = single(driver, String.format(withValidation, "").replace("rec.gcn.train", "rec.gcn.stats")
                .replace("modelName: 'm', ", ""));
        assertThat(stats.get("refit").asBoolean()).isTrue();
        assertThat(stats.get("selectedEpochs").asLong()).isEqualTo(selected);
        assertThat(stats.get("epochs").asList(v -> v)).hasSize(epochs.size());
    }

    /** After {@code selectRows} selection rows, exactly {@code selected} refit rows: epochs 1.., none evaluated. */
    private static void assertRefitRows(List<Value> epochs, int selectRows, long selected) {
        assertThat(epochs.subList(0, selectRows)).allMatch(e -> e.get("run").asString().equals("select"));
        List<Value> refit = epochs.subList(selectRows, epochs.size());
        assertThat(refit).hasSize((int) selected);
        for (int k = 0; k < refit.size(); k++) {
            assertThat(refit.get(k).get("run").asString()).isEqualTo("refit");
            assertThat(refit.get(k).get("epoch").asLong()).isEqualTo(k + 1);
            assertThat(refit.get(k).get("validationRecall").isNull()).isTrue();
        }
    }

    private List<Object> embeddings(String model) {
        return single(driver, "CALL rec.gcn.stream('" + model + "') YIELD nodeId, embedding WITH nodeId, embedding ORDER BY nodeId "
                + "RETURN collect(embedding) AS e").get("e").asList();
    }

    @Test
    void badInputIsRejectedBeforeAnyWork() {
        dropGraph(driver, "gcn-no-default");
        run(driver, "CALL gds.graph.project('gcn-no-default', {User: {}, Item: {properties: 'feat'}}, {RATED: {orientation: 'UNDIRECTED'}}) "
                + "YIELD graphName RETURN graphName");
        assertRefused(driver, refusedCases("/rec4j/refused/gcn.txt"));
        assertThat(list(driver, "CALL rec.model.list()")).isEmpty();
    }
}
