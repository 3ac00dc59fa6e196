package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;
import static rec4j.testsupport.Cypher.assertRefused;
import static rec4j.testsupport.Cypher.dropGraph;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.refusedCases;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.single;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.testsupport.Neo4jExtension;

/** rec.evaluate.split and rec.evaluate.model on a small graph with two planted taste groups. */
@ExtendWith(Neo4jExtension.class)
class EvaluateProceduresTest {

    private static final String PROJECT_TRAIN = "MATCH (u:User)-[r:RATED]->(i:Item) WHERE r.split = 'train' "
            + "WITH gds.graph.project('eval-train', u, i, {sourceNodeLabels: labels(u), targetNodeLabels: labels(i), "
            + "relationshipType: type(r), relationshipProperties: r {.rating}}, {undirectedRelationshipTypes: ['*']}) AS g "
            + "RETURN g.graphName AS graphName, g.nodeCount AS nodes, g.relationshipCount AS relationships";

    private final Driver driver;

    EvaluateProceduresTest(Driver driver) {
        this.driver = driver;
    }

    /** The harness is shared by the test classes of this JVM: leave no graph behind (other classes list them). */
    @org.junit.jupiter.api.AfterEach
    void dropTrainGraph() {
        dropGraph(driver, "eval-train");
    }

    @BeforeEach
    void graph() {
        run(driver, "MATCH (n) DETACH DELETE n");
        dropGraph(driver, "eval-train");
        run(driver, "CALL rec.model.list() YIELD modelName CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
        // users u0..u39, items i0..i29, group = id % 2: a user likes (rating 4-5) about half the items of its group and
        // dislikes (rating 1) two items of the other group; timestamps grow with the item id
        run(driver, "UNWIND range(0, 29) AS i CREATE (:Item {itemId: i, feat: [toFloat(i % 2), toFloat(1 - i % 2), 0.5]})");
        run(driver, "UNWIND range(0, 39) AS u CREATE (user:User {userId: u}) WITH user, u "
                + "MATCH (i:Item) WHERE i.itemId % 2 = u % 2 AND (i.itemId * 7 + u * 3) % 10 < 5 "
                + "CREATE (user)-[:RATED {rating: 4 + (u + i.itemId) % 2, timestamp: 1000 * i.itemId + u}]->(i)");
        run(driver, "MATCH (user:User), (i:Item) WHERE i.itemId % 2 <> user.userId % 2 AND (i.itemId + user.userId) % 15 < 2 "
                + "CREATE (user)-[:RATED {rating: 1, timestamp: 5}]->(i)");
    }

    @Test
    void randomSplitIsReproducibleRespectsTheFractionAndIgnoresNonPositives() {
        Record split = single(driver, "CALL rec.evaluate.split({relationshipTypes: ['RATED'], testFraction: 0.2, minRating: 4, randomSeed: 7, batchSize: 50})");
        long positives = count("MATCH ()-[r:RATED]->() WHERE r.rating >= 4 RETURN count(r)");
        long negatives = count("MATCH ()-[r:RATED]->() WHERE r.rating < 4 RETURN count(r)");
        assertThat(negatives).isPositive();
        assertThat(split.get("trainRelationships").asLong() + split.get("testRelationships").asLong()).isEqualTo(positives);
        assertThat(split.get("ignoredRelationships").asLong()).isEqualTo(negatives);
        assertThat(count("MATCH ()-[r:RATED]->() WHERE r.rating < 4 AND r.split IS NOT NULL RETURN count(r)")).isZero();
        assertThat(count("MATCH ()-[r:RATED]->() WHERE r.split = 'test' RETURN count(r)")).isEqualTo(split.get("testRelationships").asLong());
        assertThat(split.get("committedBatches").asLong()).isEqualTo((positives + negatives + 49) / 50);
        assertThat(split.get("users").asLong()).isEqualTo(40);
        // per user: round(0.2 x positives), at most positives - 1
        assertThat(count("MATCH (u:User)-[r:RATED]->() WHERE r.rating >= 4 WITH u, count(r) AS n, "
                + "sum(CASE r.split WHEN 'test' THEN 1 ELSE 0 END) AS t "
                + "WHERE t <> CASE WHEN round(0.2 * n) > n - 1 THEN n - 1 ELSE toInteger(round(0.2 * n)) END RETURN count(u)")).isZero();
        assertThat(split.get("usersWithTest").asLong()).isEqualTo(count("MATCH (u:User) WHERE EXISTS { (u)-[r:RATED]->() "
                + "WHERE r.split = 'test' } RETURN count(u)")).isEqualTo(40);

        List<Object> first = testIds();
        single(driver, "CALL rec.evaluate.split({relationshipTypes: ['RATED'], testFraction: 0.2, minRating: 4, randomSeed: 7})");
        assertThat(testIds()).isEqualTo(first);
        single(driver, "CALL rec.evaluate.split({relationshipTypes: ['RATED'], testFraction: 0.2, minRating: 4, randomSeed: 8})");
        assertThat(testIds()).isNotEqualTo(first).hasSameSizeAs(first);
    }

    @Test
    void temporalHoldsOutEachUsersLatest() {
        Record split = single(driver, "CALL rec.evaluate.split({strategy: 'temporal', testFraction: 0.25, minRating: 4})");
        assertThat(split.get("testRelationships").asLong()).isPositive();
        assertThat(count("MATCH (u:User) WITH u, "
                + "COLLECT { MATCH (u)-[r:RATED {split: 'test'}]->() RETURN r.timestamp } AS test, "
                + "COLLECT { MATCH (u)-[r:RATED {split: 'train'}]->() RETURN r.timestamp } AS train "
                + "WHERE size(test) > 0 AND reduce(m = 0, t IN train | CASE WHEN t > m THEN t ELSE m END) "
                + "   >= reduce(m = 1000000000, t IN test | CASE WHEN t < m THEN t ELSE m END) RETURN count(u)")).isZero();
    }

    @Test
    void coldItemsHoldsOutAllInteractionsOfTheChosenItems() {
        Record split = single(driver, "CALL rec.evaluate.split({strategy: 'coldItems', testFraction: 0.2, minRating: 4, randomSeed: 1})");
        assertThat(split.get("coldItems").asLong()).isEqualTo(6); // round(30 x 0.2)
        assertThat(count("MATCH (i:Item) WHERE EXISTS { ()-[:RATED {split: 'test'}]->(i) } RETURN count(i)")).isEqualTo(6);
        assertThat(count("MATCH (i:Item) WHERE EXISTS { ()-[:RATED {split: 'test'}]->(i) } "
                + "AND EXISTS { ()-[r:RATED]->(i) WHERE r.rating >= 4 AND r.split <> 'test' } RETURN count(i)")).isZero();
        assertThat(count("MATCH (i:Item) WHERE EXISTS { ()-[:RATED {split: 'test'}]->(i) } "
                + "AND EXISTS { ()-[:RATED {split: 'train'}]->(i) } RETURN count(i)")).isZero();
    }

    @Test
    void theModelBeatsPopularityOnThePlantedGroupsAndEveryRowIsThere() {
        single(driver, "CALL rec.evaluate.split({testFraction: 0.25, minRating: 4, randomSeed: 3})");
        Record projected = single(driver, PROJECT_TRAIN);
        assertThat(projected.get("relationships").asLong()).isEqualTo(2 * count("MATCH ()-[r:RATED {split: 'train'}]->() RETURN count(r)"));
        // rec.gcn.train accepts the Cypher-aggregation projection of the training part
        Record trained = single(driver, "CALL rec.gcn.train('eval-train', {modelName: 'm', embeddingDimension: 16, layers: 2, "
                + "epochs: 80, batchSize: 128, learningRate: 0.01, validationFraction: 0.0, randomSeed: 3, concurrency: 2})");
        assertThat(trained.get("users").asLong()).isEqualTo(40);

        List<Record> rows = list(driver, "CALL rec.evaluate.model('m', {k: [5, 10], baselines: ['popularity', "
                + "'itemKnn'], featureProperty: 'feat', concurrency: 2})");
        assertThat(rows).extracting(r -> r.get("method").asString() + "@" + r.get("k").asLong())
                .containsExactly("m@5", "m@10", "popularity@5", "popularity@10", "itemKnn@5", "itemKnn@10");
        long testUsers = count("MATCH (u:User) WHERE EXISTS { (u)-[:RATED {split: 'test'}]->() } RETURN count(u)");
        for (Record r : rows) {
            assertThat(r.get("users").asLong()).isEqualTo(testUsers);
            assertThat(r.get("candidates").asLong()).isEqualTo(30);
            for (String metric : List.of("recall", "precision", "ndcg", "hitRate", "coverage", "diversity")) {
                assertThat(r.get(metric).asDouble()).as(metric).isBetween(0.0, 1.0);
            }
            assertThat(r.get("novelty").asDouble()).isPositive();
        }
        Map<String, Record> at5 = new java.util.HashMap<>();
        rows.stream().filter(r -> r.get("k").asLong() == 5).forEach(r -> at5.put(r.get("method").asString(), r));
        // a user's ~2 test items are among the ~4 unseen liked-group items out of ~26 candidates: knowing the group
        // puts them in a top 5 most of the time; popularity ignores the group
        // (the split follows node ids, which depend on what earlier tests in this JVM created: margins allow for that)
        assertThat(at5.get("m").get("recall").asDouble()).isGreaterThan(0.5)
                .isGreaterThan(at5.get("popularity").get("recall").asDouble() + 0.25);
        assertThat(at5.get("itemKnn").get("recall").asDouble()).isGreaterThan(at5.get("popularity").get("recall").asDouble());
        // the model's lists stay in the user's group: the feature vectors of one group are identical (diversity 0)
        assertThat(at5.get("m").get("diversity").asDouble()).isLessThan(at5.get("popularity").get("diversity").asDouble());

        // cold items are not in a model trained on the training part: an error that says why
        single(driver, "CALL rec.evaluate.split({strategy: 'coldItems', testFraction: 0.2, minRating: 4, randomSeed: 1})");
        run(driver, "CALL gds.graph.drop('eval-train') YIELD graphName RETURN graphName");
        single(driver, PROJECT_TRAIN);
        single(driver, "CALL rec.gcn.train('eval-train', {modelName: 'cold', embeddingDimension: 8, layers: 1, epochs: 2, "
                + "validationFraction: 0.0})");
        assertThat(catchThrowable(() -> run(driver, "CALL rec.evaluate.model('cold', {candidates: 'coldItems'})")))
                .hasMessageContaining("a graph model never saw items without training interactions");
    }

    @Test
    void coldItemsAreRankedFromTextAfterATowerAndATextOnlyFoldIn() {
        // seed 6 holds out 3 items of each group
        Record split = single(driver, "CALL rec.evaluate.split({strategy: 'coldItems', testFraction: 0.2, minRating: 4, randomSeed: 6})");
        long cold = split.get("coldItems").asLong();
        single(driver, PROJECT_TRAIN);
        single(driver, "CALL rec.gcn.train('eval-train', {modelName: 'cold', embeddingDimension: 16, layers: 2, epochs: 40, "
                + "batchSize: 128, learningRate: 0.01, validationFraction: 0.0, randomSeed: 3, concurrency: 2})");
        // the model has exactly the items with training interactions; the tower is fitted on those, not on the cold
        // items (which do have relationships in the database: their held-out ones)
        long warm = count("MATCH (i:Item) WHERE EXISTS { ()-[:RATED {split: 'train'}]->(i) } RETURN count(i)");
        assertThat(count("CALL rec.gcn.stream('cold') YIELD nodeId MATCH (i:Item) WHERE id(i) = nodeId RETURN count(i)"))
                .isEqualTo(warm).isEqualTo(30 - cold);
        Record tower = single(driver, "CALL rec.gcn.textTower('cold', {featureProperties: ['feat'], concurrency: 2})");
        assertThat(tower.get("fittedItems").asLong()).isEqualTo(warm);
        // the baselines have no training signal on cold items: refused before anything is computed
        assertThat(catchThrowable(() -> run(driver, "CALL rec.evaluate.model('cold', {candidates: 'coldItems', baselines: ['itemKnn']})")))
                .hasMessageContaining("'baselines' [itemKnn] cannot rank candidates 'coldItems'");
        // the cold items come in from their features alone, their held-out interactions unused
        Record folded = single(driver, "CALL rec.gcn.foldIn('cold', {users: false, fromInteractions: false})");
        assertThat(folded.get("newItems").asLong()).isEqualTo(cold);
        assertThat(folded.get("fromText").asLong()).isEqualTo(cold);
        assertThat(folded.get("fromInteractions").asLong()).isZero();

        // a user likes items of its own group only, and the features name the group: with k = the larger group's number
        // of cold items, a model that ranks the user's group first finds all of them; a random ranking expects k / cold
        long k = count("MATCH (i:Item) WHERE EXISTS { ()-[:RATED {split: 'test'}]->(i) } WITH i.itemId % 2 AS g, "
                + "count(i) AS n RETURN max(n)");
        assertThat(k).isLessThan(cold);
        Record row = single(driver, "CALL rec.evaluate.model('cold', {k: [" + k + "], candidates: 'coldItems'})");
        assertThat(row.get("candidates").asLong()).isEqualTo(cold);
        assertThat(row.get("unscoredItems").asLong()).isZero();
        assertThat(row.get("unscoredUsers").asLong()).isZero();
        assertThat(row.get("users").asLong()).isEqualTo(count("MATCH (u:User) WHERE EXISTS { (u)-[:RATED {split: 'test'}]->() } "
                + "RETURN count(u)"));
        assertThat(row.get("recall").asDouble()).isGreaterThan(0.95).isGreaterThan((double) k / cold + 0.2);

        // 'coldItems' ranks every item without a training interaction; 'coldTestItems' only those with a test one. An
        // item rated below minRating only (no split) is cold too: after it is folded in, it is a 'coldItems'
        // candidate and not a 'coldTestItems' one
        run(driver, "MATCH (u:User {userId: 0}) CREATE (u)-[:RATED {rating: 1}]->(:Item {itemId: 99, feat: [1.0, 0.0, 0.5]})");
        assertThat(single(driver, "CALL rec.gcn.foldIn('cold', {users: false, fromInteractions: false})").get("newItems").asLong())
                .isEqualTo(1);
        Record all = single(driver, "CALL rec.evaluate.model('cold', {k: [" + k + "], candidates: 'coldItems'})");
        Record withTest = single(driver, "CALL rec.evaluate.model('cold', {k: [" + k + "], candidates: 'coldTestItems'})");
        assertThat(all.get("candidates").asLong()).isEqualTo(cold + 1);
        assertThat(withTest.get("candidates").asLong()).isEqualTo(cold);
        assertThat(all.get("unscoredItems").asLong()).isZero();
        assertThat(all.get("recall").asDouble()).isLessThanOrEqualTo(withTest.get("recall").asDouble());
    }

    @Test
    void popularityByHandOnATinyGraph() {
        run(driver, "MATCH (n) DETACH DELETE n");
        // items a, b, c, d; training: u1 {a, b}, u2 {a, c}, u3 {a}; test: u1 {c}, u2 {b, d}; u3 none (skipped)
        run(driver, "CREATE (u1:User {n: 1}), (u2:User {n: 2}), (u3:User {n: 3}), (a:Item {n: 'a'}), (b:Item {n: 'b'}), "
                + "(c:Item {n: 'c'}), (d:Item {n: 'd'}), "
                + "(u1)-[:RATED {split: 'train'}]->(a), (u1)-[:RATED {split: 'train'}]->(b), (u2)-[:RATED {split: 'train'}]->(a), "
                + "(u2)-[:RATED {split: 'train'}]->(c), (u3)-[:RATED {split: 'train'}]->(a), "
                + "(u1)-[:RATED {split: 'test'}]->(c), (u2)-[:RATED {split: 'test'}]->(b), (u2)-[:RATED {split: 'test'}]->(d)");
        single(driver, PROJECT_TRAIN);
        single(driver, "CALL rec.gcn.train('eval-train', {modelName: 'tiny', embeddingDimension: 4, layers: 1, epochs: 2, "
                + "validationFraction: 0.0})");
        Record pop = single(driver, "CALL rec.evaluate.model('tiny', {k: 1, baselines: ['popularity']}) YIELD method, k, recall, "
                + "precision, ndcg, hitRate, coverage, novelty, users, unscoredItems WHERE method = 'popularity' RETURN *");
        // popularity a 3, b 1, c 1, d 0; ties by node id (b before c). u1 (without a, b): [c] hit; u2 (without a, c): [b] hit
        assertThat(pop.get("users").asLong()).isEqualTo(2);
        assertThat(pop.get("recall").asDouble()).isCloseTo((1 + 0.5) / 2, within(1e-9));
        assertThat(pop.get("precision").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(pop.get("ndcg").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(pop.get("hitRate").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(pop.get("coverage").asDouble()).isCloseTo(2 / 4.0, within(1e-9));
        // b and c: -log2((1 + 1) / (3 + 1)) = 1
        assertThat(pop.get("novelty").asDouble()).isCloseTo(1.0, within(1e-9));
        // d has no training interaction: the model never saw it
        Record model = single(driver, "CALL rec.evaluate.model('tiny', {k: 1}) YIELD unscoredItems, candidates RETURN *");
        assertThat(model.get("unscoredItems").asLong()).isEqualTo(1);
        assertThat(model.get("candidates").asLong()).isEqualTo(4);
        // candidates 'test': b, c, d; u1 ranks [c, d] (1 of 1), u2 ranks [b, d] (2 of 2)
        Record test = single(driver, "CALL rec.evaluate.model('tiny', {k: 2, candidates: 'test', baselines: ['popularity']}) "
                + "YIELD method, candidates, recall WHERE method = 'popularity' RETURN *");
        assertThat(test.get("candidates").asLong()).isEqualTo(3);
        assertThat(test.get("recall").asDouble()).isCloseTo(1.0, within(1e-9));
        // d is the only item without training interactions, and the model never saw it
        assertThat(catchThrowable(() -> run(driver, "CALL rec.evaluate.model('tiny', {candidates: 'coldItems'})")))
                .hasMessageContaining("model 'tiny' has none of the 1 candidate items ('coldItems')");
    }

    @Test
    void badInputIsRejectedAndNothingIsWritten() {
        single(driver, "CALL rec.evaluate.split({minRating: 4, randomSeed: 3})");
        single(driver, PROJECT_TRAIN);
        single(driver, "CALL rec.gcn.train('eval-train', {modelName: 'm', embeddingDimension: 8, layers: 1, epochs: 2, validationFraction: 0.0})");
        run(driver, "MATCH (u:User {userId: 0})-[r:RATED]->() WITH r LIMIT 1 SET r.rating = 'five'");
        assertRefused(driver, refusedCases("/rec4j/refused/evaluate.txt"));
        assertThat(count("MATCH ()-[r]->() WHERE r.s2 IS NOT NULL RETURN count(r)")).isZero();
    }

    private List<Object> testIds() {
        return list(driver, "MATCH ()-[r:RATED {split: 'test'}]->() RETURN id(r) AS id ORDER BY id").stream().map(r -> r.get("id").asObject()).toList();
    }

    private long count(String query) {
        return rec4j.testsupport.Cypher.count(driver, query);
    }


}
