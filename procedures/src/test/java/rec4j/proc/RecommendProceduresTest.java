package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static rec4j.testsupport.Cypher.cosine;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.single;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.types.Path;
import rec4j.testsupport.Neo4jExtension;

/**
 * rec.recommend.* and rec.gcn.foldIn on a graph with two planted taste groups: 40 users and 30 items, group = id % 2,
 * each user rates about half of its own group's items. Items carry a text about coffee (group 0) or hiking (group 1),
 * embedded with the real MiniLM model, so that a fused model can be asked in free text.
 */
@ExtendWith(Neo4jExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendProceduresTest {

    private static final String[] COFFEE = {"espresso machine with a steam wand", "single-origin coffee beans, dark roast",
        "burr grinder for pour-over coffee", "milk frother for cappuccino and latte", "moka pot for stovetop espresso",
        "cold brew coffee maker", "coffee scale with a timer", "ceramic pour-over dripper for filter coffee",
        "espresso cups, set of four", "descaler for coffee machines", "barista tamper for espresso",
        "decaf arabica coffee beans", "french press for rich coffee", "gooseneck kettle for pour-over coffee",
        "coffee subscription, beans from Ethiopia"};
    private static final String[] HIKING = {"waterproof hiking boots", "trekking poles, carbon", "lightweight backpacking tent",
        "trail map of the Alps", "headlamp for night hikes", "merino wool hiking socks", "hydration backpack for trails",
        "down sleeping bag for mountain camping", "rain jacket for hiking", "compass and whistle kit for hikers",
        "gaiters for muddy trails", "camping stove for backpacking", "first aid kit for the trail",
        "insulated water bottle for hikes", "guidebook to long-distance hiking trails"};

    private final Driver driver;

    RecommendProceduresTest(Driver driver) {
        this.driver = driver;
    }

    @BeforeAll
    void graphAndModels() {
        run(driver, "MATCH (n) DETACH DELETE n");
        run(driver, "CALL gds.graph.drop('rec-test', false) YIELD graphName RETURN graphName");
        run(driver, "CALL rec.model.list() YIELD modelName CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
        run(driver, "UNWIND range(0, 29) AS i CREATE (:Item {itemId: i, price: i * 10, text: CASE WHEN i % 2 = 0 THEN $coffee[i / 2] "
                + "ELSE $hiking[i / 2] END})", Map.of("coffee", List.of(COFFEE), "hiking", List.of(HIKING)));
        run(driver, "UNWIND range(0, 39) AS u CREATE (user:User {userId: u}) WITH user, u "
                + "MATCH (i:Item) WHERE i.itemId % 2 = u % 2 AND (i.itemId * 7 + u * 3) % 10 < 5 "
                + "CREATE (user)-[:RATED {rating: 4 + (u + i.itemId) % 2}]->(i)");
        run(driver, "CALL rec.embed.nodes({nodeLabels: ['Item'], textProperties: ['text'], writeProperty: 'embedding'}) YIELD embedded RETURN embedded");
        run(driver, "CALL gds.graph.project('rec-test', {User: {}, Item: {properties: 'embedding'}}, "
                + "{RATED: {orientation: 'UNDIRECTED', properties: 'rating'}}) YIELD graphName RETURN graphName");
        run(driver, "CALL rec.gcn.train('rec-test', {modelName: 'graph', embeddingDimension: 16, layers: 2, epochs: 40, batchSize: 128, "
                + "learningRate: 0.01, validationFraction: 0.0, randomSeed: 3, concurrency: 1}) YIELD modelName RETURN modelName");
        run(driver, "CALL rec.gcn.train('rec-test', {modelName: 'text', featureProperties: ['embedding'], fusion: 'sum', idDropout: 0.5, "
                + "embeddingDimension: 16, layers: 2, epochs: 40, batchSize: 128, learningRate: 0.01, validationFraction: 0.0, "
                + "randomSeed: 3, concurrency: 1, missingFeatures: 'zero'}) YIELD modelName RETURN modelName");
    }

    /** The harness is shared by the test classes of this JVM: leave no graph or model behind. */
    @org.junit.jupiter.api.AfterAll
    void dropGraphAndModels() {
        run(driver, "CALL gds.graph.drop('rec-test', false) YIELD graphName RETURN graphName");
        run(driver, "CALL rec.model.list() YIELD modelName CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
    }

    @Test
    void forUserRecommendsUnseenItemsOfTheUsersOwnTaste() {
        for (int user = 0; user < 40; user += 7) {
            List<Record> rows = list(driver, "MATCH (u:User {userId: $u}) CALL rec.recommend.forUser(u, {modelName: 'graph', k: 5}) "
                    + "YIELD item, score, rank, basis RETURN item.itemId AS item, score, rank, basis, "
                    + "EXISTS { (u)-[:RATED]->(item) } AS seen", Map.of("u", user));
            assertThat(rows).hasSize(5);
            for (int r = 0; r < rows.size(); r++) {
                assertThat(rows.get(r).get("rank").asLong()).isEqualTo(r + 1);
                assertThat(rows.get(r).get("basis").asString()).isEqualTo("model");
                assertThat(rows.get(r).get("seen").asBoolean()).isFalse();
                if (r > 0) {
                    assertThat(rows.get(r).get("score").asDouble()).isLessThanOrEqualTo(rows.get(r - 1).get("score").asDouble());
                }
            }
            // 15 items per group, about 7-8 rated: the 5 best unseen ones are all of the user's group
            int group = user % 2;
            assertThat(rows).allSatisfy(row -> assertThat(row.get("item").asInt() % 2).isEqualTo(group));
        }
        // by a key property instead of a node, the same list
        List<Object> byNode = column("MATCH (u:User {userId: 8}) CALL rec.recommend.forUser(u, {modelName: 'graph'}) YIELD item RETURN item.itemId AS x");
        List<Object> byKey = column("CALL rec.recommend.forUser(8, {modelName: 'graph', userIdProperty: 'userId'}) YIELD item RETURN item.itemId AS x");
        assertThat(byKey).hasSize(10).isEqualTo(byNode);
    }

    @Test
    void embeddingsKeptAsNodePropertiesServeLikeTheModel() {
        run(driver, "CALL rec.gcn.write('graph', {writeProperty: 'gcnVector'}) YIELD nodePropertiesWritten RETURN nodePropertiesWritten");
        List<Record> fromProperty = list(driver, "CALL rec.recommend.forUser(6, {embeddingProperty: 'gcnVector', itemLabel: 'Item', "
                + "userIdProperty: 'userId', k: 5}) YIELD item, score, basis RETURN item.itemId AS x, score, basis", Map.of());
        List<Record> fromModel = list(driver, "CALL rec.recommend.forUser(6, {modelName: 'graph', userIdProperty: 'userId', k: 5}) "
                + "YIELD item, score RETURN item.itemId AS x, score", Map.of());
        assertThat(fromProperty).hasSize(5).allSatisfy(r -> assertThat(r.get("basis").asString()).isEqualTo("property"));
        assertThat(fromProperty.stream().map(r -> r.get("x").asLong()).toList())
                .isEqualTo(fromModel.stream().map(r -> r.get("x").asLong()).toList());
        assertThat(column("CALL rec.recommend.similarItems(6, {embeddingProperty: 'gcnVector', itemLabel: 'Item', "
                + "itemIdProperty: 'itemId', k: 3}) YIELD item RETURN item.itemId AS x"))
                .isEqualTo(column("CALL rec.recommend.similarItems(6, {modelName: 'graph', itemIdProperty: 'itemId', k: 3}) "
                        + "YIELD item RETURN item.itemId AS x"));
        assertThat(message("CALL rec.recommend.forUser(6, {embeddingProperty: 'gcnVector', userIdProperty: 'userId'})"))
                .contains("'itemLabel' is required with 'embeddingProperty'");
        assertThat(message("CALL rec.recommend.forUser(6, {modelName: 'graph', embeddingProperty: 'gcnVector', itemLabel: 'Item', "
                + "userIdProperty: 'userId'})")).contains("not both");
        run(driver, "MATCH (n) REMOVE n.gcnVector");
    }

    /**
     * Vectors kept on nodes (what a cluster's secondaries have: rec.gcn.write's properties, replicated) served through a
     * vector index over them: the same lists as reading every item, while only the candidates are read.
     */
    @Test
    void vectorsKeptOnNodesServeThroughTheirIndexAsExactly() {
        run(driver, "CALL rec.gcn.write('graph', {writeProperty: 'gcnVector'}) YIELD nodePropertiesWritten RETURN nodePropertiesWritten");
        String property = "embeddingProperty: 'gcnVector', itemLabel: 'Item', userIdProperty: 'userId'";
        assertThat(message("CALL rec.recommend.forUser(1, {" + property + ", candidates: 'index'})"))
                .contains("no vector index 'rec4j_property_Item_gcnVector'",
                        "rec.recommend.createIndex(null, {embeddingProperty: 'gcnVector', itemLabel: 'Item'})");
        Record index = single(driver, "CALL rec.recommend.createIndex(null, {embeddingProperty: 'gcnVector', itemLabel: 'Item', "
                + "batchSize: 7})", Map.of());
        assertThat(index.get("indexName").asString()).isEqualTo("rec4j_property_Item_gcnVector");
        assertThat(index.get("items").asLong()).isEqualTo(30);
        assertThat(index.get("dimension").asLong()).isEqualTo(17);
        try {
            String ranked = " YIELD item, score, basis RETURN item.itemId AS x, round(score, 5) AS s, basis";
            for (int u = 0; u < 40; u += 3) {
                Map<String, Object> params = Map.of("u", u);
                List<Object> exact = rows("CALL rec.recommend.forUser($u, {" + property + ", k: 4, candidates: 'exact'})" + ranked, params);
                // overFetch 2: the index gives 2 (k + |the user's items|) candidates, re-scored exactly (at overFetch 1
                // its HNSW search may miss one of 30 items: it did for a model trained with parameter averaging)
                assertThat(rows("CALL rec.recommend.forUser($u, {" + property + ", k: 4, candidates: 'index', overFetch: 2})" + ranked,
                        params)).isEqualTo(exact);
                // 'auto' takes the index above exactMaxItems
                assertThat(rows("CALL rec.recommend.forUser($u, {" + property + ", k: 4, exactMaxItems: 10})" + ranked, params))
                        .isEqualTo(exact);
                assertThat(exact).hasSize(4).allSatisfy(r -> assertThat(r.toString()).contains("basis=property"));
                // a filter that only expensive items pass: the fetch grows until k pass it
                String filtered = ", k: 3, filter: {price: {min: 200}}";
                assertThat(rows("CALL rec.recommend.forUser($u, {" + property + filtered + ", candidates: 'index', overFetch: 1})"
                        + ranked, params)).isEqualTo(rows("CALL rec.recommend.forUser($u, {" + property + filtered
                        + ", candidates: 'exact'})" + ranked, params));
                // similar items, both similarities (the index orders candidates by dot product, so cosine needs the
                // wider fetch of overFetch 4 on these 30 items)
                for (String similarity : List.of("cosine", "dot")) {
                    String similar = "CALL rec.recommend.similarItems($u % 30, {embeddingProperty: 'gcnVector', itemLabel: 'Item', "
                            + "itemIdProperty: 'itemId', k: 3, similarity: '" + similarity + "', overFetch: 4, candidates: 'CANDIDATES'}) "
                            + "YIELD item, score RETURN item.itemId AS x, round(score, 5) AS s";
                    assertThat(rows(similar.replace("CANDIDATES", "index"), params))
                            .isEqualTo(rows(similar.replace("CANDIDATES", "exact"), params));
                }
            }
            // explanations, a visitor's seed items, and a user without a vector (the mean of their items' vectors)
            String explained = ", k: 3, explain: true}) YIELD item, reasons RETURN item.itemId AS x, "
                    + "[r IN reasons | r.item.itemId] AS why";
            assertThat(rows("CALL rec.recommend.forUser(4, {" + property + ", candidates: 'index', overFetch: 1" + explained, Map.of()))
                    .isEqualTo(rows("CALL rec.recommend.forUser(4, {" + property + ", candidates: 'exact'" + explained, Map.of()));
            String visitor = "MATCH (s:Item) WHERE s.itemId IN [1, 3, 5] WITH collect(s) AS seeds "
                    + "CALL rec.recommend.forUser(null, {" + property + ", seedItems: seeds, k: 4, candidates: '%s'})" + ranked;
            assertThat(rows(String.format(visitor, "index"), Map.of())).isEqualTo(rows(String.format(visitor, "exact"), Map.of()))
                    .allSatisfy(r -> assertThat(r.toString()).contains("basis=seedItems"));
            // a user vector of zeros gives the index no direction: refused with the norm, not a list from nowhere
            run(driver, "MATCH (u:User {userId: 9}) SET u.saved = u.gcnVector, u.gcnVector = [x IN u.gcnVector | 0.0]");
            assertThat(message("CALL rec.recommend.forUser(9, {" + property + ", candidates: 'index'})"))
                    .contains("'rec4j_property_Item_gcnVector'", "norm 0.0", "candidates: 'exact'");
            run(driver, "MATCH (u:User {userId: 9}) SET u.gcnVector = u.saved REMOVE u.saved");
            run(driver, "MATCH (u:User {userId: 7}) REMOVE u.gcnVector");
            assertThat(rows("CALL rec.recommend.forUser(7, {" + property + ", k: 4, candidates: 'index', overFetch: 1})" + ranked, Map.of()))
                    .isEqualTo(rows("CALL rec.recommend.forUser(7, {" + property + ", k: 4, candidates: 'exact'})" + ranked, Map.of()))
                    .allSatisfy(r -> assertThat(r.toString()).contains("basis=interactions"));
            // a member without the model file (a cluster's secondary: properties and indexes replicate, model files do
            // not) serves the same from the properties: a model written, indexed and then dropped
            run(driver, "CALL rec.gcn.train('rec-test', {modelName: 'replica', embeddingDimension: 8, layers: 1, epochs: 5, "
                    + "batchSize: 128, validationFraction: 0.0, randomSeed: 5, concurrency: 1}) YIELD modelName RETURN modelName");
            run(driver, "CALL rec.gcn.write('replica', {writeProperty: 'replicaVector'}) YIELD nodePropertiesWritten RETURN 1");
            run(driver, "CALL rec.recommend.createIndex(null, {embeddingProperty: 'replicaVector', itemLabel: 'Item'}) YIELD items RETURN 1");
            String replica = "CALL rec.recommend.forUser($u, {%s, userIdProperty: 'userId', k: 5}) YIELD item RETURN item.itemId AS x";
            List<List<Object>> before = new java.util.ArrayList<>();
            for (int u = 0; u < 40; u += 9) {
                before.add(column(String.format(replica, "modelName: 'replica', candidates: 'exact'"), Map.of("u", u)));
            }
            run(driver, "CALL rec.model.drop('replica') YIELD modelName RETURN modelName");
            for (int u = 0, i = 0; u < 40; u += 9, i++) {
                assertThat(column(String.format(replica, "embeddingProperty: 'replicaVector', itemLabel: 'Item', candidates: 'index', "
                        + "overFetch: 1"), Map.of("u", u))).hasSize(5).isEqualTo(before.get(i));
            }
            // only the candidates are read: a broken vector on an item of the other group (never a candidate for user 0,
            // whose group is the even items) fails the exact path, not the index path
            run(driver, "MATCH (i:Item {itemId: 29}) SET i.gcnVector = [1.0, 2.0]");
            assertThat(message("CALL rec.recommend.forUser(0, {" + property + ", k: 4, candidates: 'exact'})"))
                    .contains("property 'gcnVector' of", "has 2 values, others have 16");
            assertThat(rows("CALL rec.recommend.forUser(0, {" + property + ", k: 4, candidates: 'index', overFetch: 1})" + ranked,
                    Map.of())).hasSize(4);
            // bad input
            assertThat(message("CALL rec.recommend.createIndex(null, {itemLabel: 'Item'})"))
                    .contains("'modelName' is null, so 'embeddingProperty' and 'itemLabel' are required", "got embeddingProperty null");
            assertThat(message("CALL rec.recommend.createIndex('graph', {embeddingProperty: 'gcnVector', itemLabel: 'Item'})"))
                    .contains("'embeddingProperty' and 'itemLabel' go with a null model name");
            assertThat(message("CALL rec.recommend.createIndex(null, {embeddingProperty: 'gcnVector', itemLabel: 'Item', "
                    + "writeProperty: 'gcnVector'})")).contains("'writeProperty' is 'gcnVector', the embeddingProperty itself");
            assertThat(message("CALL rec.recommend.createIndex(null, {embeddingProperty: 'nothing', itemLabel: 'Item'})"))
                    .contains("no :Item node has the property 'nothing'");
        } finally {
            run(driver, "DROP INDEX rec4j_property_Item_gcnVector IF EXISTS");
            run(driver, "DROP INDEX rec4j_property_Item_replicaVector IF EXISTS");
            run(driver, "CALL rec.model.list() YIELD modelName WITH modelName WHERE modelName = 'replica' "
                    + "CALL rec.model.drop(modelName) YIELD graphName RETURN count(*)");
            run(driver, "MATCH (n) REMOVE n.gcnVector, n.rec4j_property_Item_gcnVector, n.replicaVector, "
                    + "n.rec4j_property_Item_replicaVector");
        }
    }

    /** A query's rows as a list of their maps, in order. */
    private List<Object> rows(String query, Map<String, Object> params) {
        return list(driver, query, params).stream().map(r -> (Object) r.asMap()).toList();
    }

    @Test
    void filtersAllowedItemsAndDiversity() {
        List<Object> filtered = column("CALL rec.recommend.forUser(2, {modelName: 'graph', userIdProperty: 'userId', k: 4, "
                + "filter: {price: {min: 100, max: 200}}}) YIELD item RETURN item.price AS x");
        assertThat(filtered).isNotEmpty().allSatisfy(p -> assertThat((Long) p).isBetween(100L, 200L));
        List<Object> allowed = column("MATCH (i:Item) WHERE i.itemId IN [1, 3, 4, 6] WITH collect(i) AS items "
                + "CALL rec.recommend.forUser(2, {modelName: 'graph', userIdProperty: 'userId', items: items}) YIELD item "
                + "RETURN item.itemId AS x");
        assertThat(allowed).isSubsetOf(List.of(1L, 3L, 4L, 6L)).isNotEmpty();

        // MMR: with diversity the list is less redundant (lower mean pairwise cosine) than without
        double plain = meanPairwiseCosine(0.0), diverse = meanPairwiseCosine(0.9);
        assertThat(diverse).isLessThan(plain);
    }

    private double meanPairwiseCosine(double lambda) {
        List<Object> items = column("CALL rec.recommend.forUser(5, {modelName: 'graph', userIdProperty: 'userId', k: 6, "
                + "diversity: $l}) YIELD item RETURN item.itemId AS x", Map.of("l", lambda));
        assertThat(items).hasSize(6);
        Map<Long, List<Double>> vectors = new java.util.HashMap<>();
        for (Record r : list(driver, "CALL rec.gcn.stream('graph') YIELD nodeId, embedding MATCH (i:Item) WHERE id(i) = nodeId "
                + "RETURN i.itemId AS id, embedding", Map.of())) {
            vectors.put(r.get("id").asLong(), r.get("embedding").asList(Value::asDouble));
        }
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < items.size(); a++) {
            for (int b = a + 1; b < items.size(); b++) {
                sum += cosine(vectors.get((Long) items.get(a)), vectors.get((Long) items.get(b)));
                pairs++;
            }
        }
        return sum / pairs;
    }

    @Test
    void explainGivesTheUsersItemsAndPathsToTheRecommendation() {
        List<Record> rows = list(driver, "MATCH (u:User {userId: 4}) CALL rec.recommend.forUser(u, {modelName: 'graph', k: 3, "
                + "explain: true, explainItems: 2}) YIELD item, reasons, paths RETURN u, item, reasons, paths", Map.of());
        assertThat(rows).hasSize(3);
        for (Record row : rows) {
            List<Value> reasons = row.get("reasons").asList(v -> v);
            assertThat(reasons).hasSize(2);
            for (Value reason : reasons) {
                // each reason is an item the user rated
                long rated = single(driver, "MATCH (u:User {userId: 4})-[:RATED]->(i) WHERE elementId(i) = $id RETURN count(*) AS c",
                        Map.of("id", reason.get("item").asNode().elementId())).get("c").asLong();
                assertThat(rated).isEqualTo(1);
            }
            List<Path> paths = row.get("paths").asList(Value::asPath);
            assertThat(paths).isNotEmpty();
            for (Path p : paths) {
                assertThat(p.start().elementId()).isEqualTo(row.get("u").asNode().elementId());
                assertThat(p.length()).isIn(1, 3);
            }
            // same-group items share raters, so the path reaches the recommended item
            assertThat(paths).anySatisfy(p -> assertThat(p.end().elementId()).isEqualTo(row.get("item").asNode().elementId()));
        }
        assertThat(single(driver, "CALL rec.recommend.forUser(4, {modelName: 'graph', userIdProperty: 'userId', k: 1}) "
                + "YIELD reasons, paths RETURN reasons IS NULL AND paths IS NULL AS none", Map.of()).get("none").asBoolean()).isTrue();
    }

    @Test
    void similarItemsAreOfTheSameGroup() {
        List<Object> similar = column("CALL rec.recommend.similarItems(6, {modelName: 'graph', itemIdProperty: 'itemId', k: 5}) "
                + "YIELD item RETURN item.itemId AS x");
        assertThat(similar).hasSize(5).doesNotContain(6L).allSatisfy(i -> assertThat((Long) i % 2).isZero());
    }

    @Test
    void forTextMapsFreeTextThroughTheTextProjection() {
        List<Object> coffee = column("CALL rec.recommend.forText('a gift for someone who loves espresso', {modelName: 'text', k: 5}) "
                + "YIELD item RETURN item.itemId AS x");
        List<Object> hiking = column("CALL rec.recommend.forText('gear for a week of trekking in the mountains', {modelName: 'text', k: 5}) "
                + "YIELD item RETURN item.itemId AS x");
        assertThat(coffee).hasSize(5);
        assertThat(hiking).hasSize(5);
        assertThat(coffee.stream().filter(i -> (Long) i % 2 == 0).count()).isGreaterThanOrEqualTo(4);
        assertThat(hiking.stream().filter(i -> (Long) i % 2 == 1).count()).isGreaterThanOrEqualTo(4);
        // mixed with a user: excludes the user's items
        List<Record> mixed = list(driver, "MATCH (u:User {userId: 0}) CALL rec.recommend.forText('espresso', {modelName: 'text', user: u, "
                + "alpha: 0.5, k: 5}) YIELD item, basis RETURN basis, EXISTS { (u)-[:RATED]->(item) } AS seen", Map.of());
        assertThat(mixed).hasSize(5).allSatisfy(r -> {
            assertThat(r.get("seen").asBoolean()).isFalse();
            assertThat(r.get("basis").asString()).isEqualTo("text+user");
        });
        assertThat(message("CALL rec.recommend.forText('espresso', {modelName: 'graph'})"))
                .contains("model 'graph' was trained without text", "has no text tower");
    }

    @Test
    void aTextTowerGivesAGraphOnlyModelTextQueriesAndTextOnlyItems() {
        run(driver, "CALL rec.gcn.train('rec-test', {modelName: 'tower', embeddingDimension: 16, layers: 2, epochs: 40, batchSize: 128, "
                + "learningRate: 0.01, validationFraction: 0.0, randomSeed: 3, concurrency: 1}) YIELD modelName RETURN modelName");
        assertThat(message("CALL rec.recommend.forText('espresso', {modelName: 'tower'})")).contains("rec.gcn.textTower('tower'");
        Record fitted = single(driver, "CALL rec.gcn.textTower('tower', {featureProperties: ['embedding'], concurrency: 2})", Map.of());
        assertThat(fitted.get("fittedItems").asLong()).isEqualTo(30);
        assertThat(fitted.get("featureDimension").asLong()).isEqualTo(384);
        assertThat(fitted.get("embeddingDimension").asLong()).isEqualTo(16);

        List<Object> coffee = column("CALL rec.recommend.forText('a gift for someone who loves espresso', {modelName: 'tower', k: 5}) "
                + "YIELD item RETURN item.itemId AS x");
        assertThat(coffee.stream().filter(i -> (Long) i % 2 == 0).count()).isGreaterThanOrEqualTo(4);

        // a text-only item folds in through the tower (fromInteractions: false ignores any interaction) and sits with its group
        run(driver, "CREATE (:Item {itemId: 102, text: 'lightweight trekking poles for alpine trails'})");
        run(driver, "CALL rec.embed.nodes({nodeLabels: ['Item'], textProperties: ['text'], writeProperty: 'embedding', skipExisting: true}) "
                + "YIELD embedded RETURN embedded");
        Record folded = single(driver, "CALL rec.gcn.foldIn('tower', {users: false, fromInteractions: false})", Map.of());
        assertThat(folded.get("fromText").asLong()).isEqualTo(1);
        List<Object> near = column("CALL rec.recommend.similarItems(102, {modelName: 'tower', itemIdProperty: 'itemId', k: 5}) "
                + "YIELD item RETURN item.itemId AS x");
        assertThat(near.stream().filter(i -> (Long) i % 2 == 1).count()).isGreaterThanOrEqualTo(4);
        assertThat(message("CALL rec.gcn.textTower('tower', {featureProperties: ['nope']})")).contains("0 of the 31 items", "[nope]");
        assertThat(message("CALL rec.gcn.foldIn('tower', {fromText: false, fromInteractions: false})")).contains("nothing to fold in");
        run(driver, "MATCH (i:Item {itemId: 102}) DETACH DELETE i");
        run(driver, "CALL rec.model.drop('tower') YIELD modelName RETURN modelName");
    }

    @Test
    void coldStartFromSeedItemsProfilesAndPopularity() {
        // seed items only, no user: items of the seeds' group
        List<Object> seeded = column("MATCH (i:Item) WHERE i.itemId IN [1, 3, 5] WITH collect(i) AS seeds "
                + "CALL rec.recommend.forUser(null, {modelName: 'graph', seedItems: seeds, k: 5}) YIELD item, basis "
                + "RETURN item.itemId AS x");
        assertThat(seeded).hasSize(5).doesNotContain(1L, 3L, 5L).allSatisfy(i -> assertThat((Long) i % 2).isOne());

        run(driver, "CREATE (:User {userId: 900, profile: $p})", Map.of("p", single(driver, "RETURN rec.embed.text('I brew espresso every "
                + "morning and love coffee') AS v", Map.of()).get("v").asList(Value::asDouble)));
        List<Record> profiled = list(driver, "CALL rec.recommend.forUser(900, {modelName: 'text', userIdProperty: 'userId', "
                + "profileProperty: 'profile', k: 5}) YIELD item, basis RETURN item.itemId AS x, basis", Map.of());
        assertThat(profiled).hasSize(5).allSatisfy(r -> assertThat(r.get("basis").asString()).isEqualTo("profile"));
        assertThat(profiled.stream().filter(r -> r.get("x").asLong() % 2 == 0).count()).isGreaterThanOrEqualTo(4);

        assertThat(message("CALL rec.recommend.forUser(900, {modelName: 'graph', userIdProperty: 'userId'})"))
                .contains("has no embedding in model 'graph'", "fallback: 'popularity'");
        List<Record> popular = list(driver, "CALL rec.recommend.forUser(900, {modelName: 'graph', userIdProperty: 'userId', "
                + "fallback: 'popularity', k: 30}) YIELD item, score, basis "
                + "RETURN score, COUNT { (item)<-[:RATED]-() } AS degree, basis", Map.of());
        assertThat(popular).hasSize(30).allSatisfy(r -> {
            assertThat(r.get("score").asDouble()).isEqualTo(r.get("degree").asDouble());
            assertThat(r.get("basis").asString()).isEqualTo("popularity");
        });
        run(driver, "MATCH (u:User {userId: 900}) DETACH DELETE u");
    }

    @Test
    void foldInServesItemsAndUsersCreatedAfterTraining() {
        run(driver, "CALL rec.gcn.train('rec-test', {modelName: 'fold', featureProperties: ['embedding'], fusion: 'sum', idDropout: 0.5, "
                + "embeddingDimension: 16, layers: 2, epochs: 40, batchSize: 128, learningRate: 0.01, validationFraction: 0.0, "
                + "randomSeed: 3, concurrency: 1, missingFeatures: 'zero'}) YIELD modelName RETURN modelName");
        // a new coffee item rated by five group-0 users, a new hiking item with text only, a new user who rated coffee items
        run(driver, "CREATE (n:Item {itemId: 100, text: 'hand grinder for espresso beans'}) WITH n "
                + "MATCH (u:User) WHERE u.userId IN [0, 2, 4, 6, 8] CREATE (u)-[:RATED {rating: 5}]->(n)");
        run(driver, "CREATE (:Item {itemId: 101, text: 'ultralight trekking backpack for mountain trails'})");
        run(driver, "CREATE (u:User {userId: 100}) WITH u MATCH (i:Item) WHERE i.itemId IN [0, 2, 4] CREATE (u)-[:RATED {rating: 5}]->(i)");
        run(driver, "CALL rec.embed.nodes({nodeLabels: ['Item'], textProperties: ['text'], writeProperty: 'embedding', skipExisting: true}) "
                + "YIELD embedded RETURN embedded");
        assertThat(message("CALL rec.recommend.similarItems(101, {modelName: 'fold', itemIdProperty: 'itemId'})"))
                .contains("has no embedding", "rec.gcn.foldIn");

        Record folded = single(driver, "CALL rec.gcn.foldIn('fold')", Map.of());
        assertThat(folded.get("newUsers").asLong()).isEqualTo(1);
        assertThat(folded.get("newItems").asLong()).isEqualTo(2);
        assertThat(folded.get("fromInteractions").asLong()).isEqualTo(2);
        assertThat(folded.get("fromText").asLong()).isEqualTo(1);
        assertThat(folded.get("nodes").asLong()).isEqualTo(73);

        // the new user is served from the model, with coffee items
        List<Record> forNew = list(driver, "CALL rec.recommend.forUser(100, {modelName: 'fold', userIdProperty: 'userId', k: 5}) "
                + "YIELD item, basis RETURN item.itemId AS x, basis", Map.of());
        assertThat(forNew).allSatisfy(r -> assertThat(r.get("basis").asString()).isEqualTo("model"));
        assertThat(forNew.stream().filter(r -> r.get("x").asLong() % 2 == 0).count()).isGreaterThanOrEqualTo(4);
        // the new rated item is recommended to group-0 users who did not rate it, and scores higher for them than for group 1
        long hits = 0;
        double[] scoreSum = new double[2];
        for (int u = 10; u < 30; u++) {
            if (u % 2 == 0 && column("CALL rec.recommend.forUser($u, {modelName: 'fold', userIdProperty: 'userId', k: 8}) "
                    + "YIELD item RETURN item.itemId AS x", Map.of("u", u)).contains(100L)) {
                hits++;
            }
            scoreSum[u % 2] += single(driver, "MATCH (n:Item {itemId: 100}) CALL rec.recommend.forUser($u, {modelName: 'fold', "
                    + "userIdProperty: 'userId', items: [n]}) YIELD score RETURN score", Map.of("u", u)).get("score").asDouble();
        }
        assertThat(hits).isGreaterThanOrEqualTo(5);
        assertThat(scoreSum[0] / 10).isGreaterThan(scoreSum[1] / 10 + 0.1);
        // the text-only item is nearest to hiking items
        List<Object> near = column("CALL rec.recommend.similarItems(101, {modelName: 'fold', itemIdProperty: 'itemId', k: 5}) "
                + "YIELD item RETURN item.itemId AS x");
        assertThat(near.stream().filter(i -> (Long) i % 2 == 1).count()).isGreaterThanOrEqualTo(4);
        // a second fold-in finds nothing new
        assertThat(single(driver, "CALL rec.gcn.foldIn('fold')", Map.of()).get("newItems").asLong()).isZero();
        // a text tower fitted now learns only from the 30 trained items, not from the folded-in ones (rated or not)
        Record tower = single(driver, "CALL rec.gcn.textTower('fold', {featureProperties: ['embedding']})", Map.of());
        assertThat(tower.get("fittedItems").asLong()).isEqualTo(30);
        assertThat(tower.get("itemsWithoutInteractions").asLong()).isEqualTo(2);
        run(driver, "MATCH (n) WHERE n.itemId IN [100, 101] OR n.userId = 100 DETACH DELETE n");
        run(driver, "CALL rec.model.drop('fold') YIELD modelName RETURN modelName");
    }

    @Test
    void vectorIndexCandidatesAgreeWithExactRanking() {
        assertThat(message("CALL rec.recommend.forUser(1, {modelName: 'graph', userIdProperty: 'userId', candidates: 'index'})"))
                .contains("no vector index 'rec4j_model_graph'", "rec.recommend.createIndex('graph')");
        Record index = single(driver, "CALL rec.recommend.createIndex('graph', {batchSize: 7})", Map.of());
        assertThat(index.get("indexName").asString()).isEqualTo("rec4j_model_graph");
        assertThat(index.get("items").asLong()).isEqualTo(30);
        assertThat(index.get("dimension").asLong()).isEqualTo(17);
        // the augmented vectors have unit length
        assertThat(column("MATCH (i:Item) WHERE i.rec4j_model_graph IS NOT NULL "
                + "RETURN sqrt(reduce(s = 0.0, x IN i.rec4j_model_graph | s + x * x)) AS x"))
                .hasSize(30).allSatisfy(n -> assertThat((Double) n).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5)));
        for (int u = 0; u < 40; u += 5) {
            // overFetch 1: the index returns only k + |seen| candidates, re-scored exactly
            List<Object> viaIndex = column("CALL rec.recommend.forUser($u, {modelName: 'graph', userIdProperty: 'userId', k: 3, "
                    + "candidates: 'index', overFetch: 1}) YIELD item RETURN item.itemId AS x", Map.of("u", u));
            List<Object> exact = column("CALL rec.recommend.forUser($u, {modelName: 'graph', userIdProperty: 'userId', k: 3, "
                    + "candidates: 'exact'}) YIELD item RETURN item.itemId AS x", Map.of("u", u));
            assertThat(viaIndex).isEqualTo(exact);
        }
        // the HNSW graph is built with rec4j's defaults, or the ones asked for
        assertThat(hnsw("rec4j_model_graph")).isEqualTo(List.of(16L, 400L));
        run(driver, "CALL rec.recommend.createIndex('graph', {indexName: 'graph_sparse', hnswM: 4, hnswEfConstruction: 20}) "
                + "YIELD items RETURN items");
        assertThat(hnsw("graph_sparse")).isEqualTo(List.of(4L, 20L));
        // what the index seek refuses: not a vector index, and vectors of another dimension
        run(driver, "CREATE INDEX graph_range FOR (i:Item) ON (i.itemId)");
        run(driver, "CREATE VECTOR INDEX graph_tiny FOR (i:Item) ON (i.tiny) OPTIONS {indexConfig: {"
                + "`vector.dimensions`: 3, `vector.similarity_function`: 'cosine'}}");
        run(driver, "CALL db.awaitIndexes(60)");
        try {
            String call = "CALL rec.recommend.forUser(1, {modelName: 'graph', userIdProperty: 'userId', candidates: 'index', indexName: '%s'})";
            assertThat(message(String.format(call, "graph_range"))).contains("'graph_range'", "not a vector index on nodes");
            assertThat(message(String.format(call, "graph_tiny"))).contains("'graph_tiny'", "3 dimensions", "have 17");
        } finally {
            run(driver, "DROP INDEX graph_range");
            run(driver, "DROP INDEX graph_tiny");
            run(driver, "DROP INDEX graph_sparse");
        }
    }

    /** The m and ef_construction of a vector index, as Neo4j reports them. */
    private List<Object> hnsw(String index) {
        Record r = single(driver, "SHOW VECTOR INDEXES YIELD name, options WHERE name = $name "
                + "RETURN options.indexConfig['vector.hnsw.m'] AS m, options.indexConfig['vector.hnsw.ef_construction'] AS ef",
                Map.of("name", index));
        return List.of(r.get("m").asObject(), r.get("ef").asObject());
    }

    @Test
    void retrainingReplacesWhatIsServed() {
        run(driver, "CALL rec.gcn.train('rec-test', {modelName: 'swap', embeddingDimension: 8, layers: 1, epochs: 5, batchSize: 128, "
                + "validationFraction: 0.0, randomSeed: 1, concurrency: 1}) YIELD modelName RETURN modelName");
        double before = single(driver, "CALL rec.recommend.forUser(3, {modelName: 'swap', userIdProperty: 'userId', k: 1}) YIELD score RETURN score", Map.of())
                .get("score").asDouble();
        run(driver, "CALL rec.gcn.train('rec-test', {modelName: 'swap', embeddingDimension: 8, layers: 1, epochs: 5, batchSize: 128, "
                + "validationFraction: 0.0, randomSeed: 2, concurrency: 1}) YIELD modelName RETURN modelName");
        double after = single(driver, "CALL rec.recommend.forUser(3, {modelName: 'swap', userIdProperty: 'userId', k: 1}) YIELD score RETURN score", Map.of())
                .get("score").asDouble();
        assertThat(after).isNotEqualTo(before);
        run(driver, "CALL rec.model.drop('swap') YIELD modelName RETURN modelName");
        assertThat(message("CALL rec.recommend.forUser(3, {modelName: 'swap', userIdProperty: 'userId'})")).contains("no model named 'swap'");
    }

    @Test
    void badInputIsRejectedWithTheKeyTheValueAndWhatIsAllowed() {
        assertThat(message("CALL rec.recommend.forUser(3, {modelName: 'graph', userIdProperty: 'userId', k: 0})"))
                .contains("'k' must be an integer in [1, 10000], got 0");
        assertThat(message("CALL rec.recommend.forUser(3, {modelName: 'graph', userIdProperty: 'userId', k: 10001})"))
                .contains("'k' must be an integer in [1, 10000], got 10001");
        assertThat(message("CALL rec.recommend.forUser(3, {modelName: 'nope', userIdProperty: 'userId'})"))
                .contains("no model named 'nope'", "graph", "text");
        assertThat(message("CALL rec.recommend.forUser(3, {modelName: 'graph', userIdProperty: 'userId', diversity: 1.5})"))
                .contains("'diversity' must be a number in [0.0, 1.0], got 1.5");
        assertThat(message("CALL rec.recommend.forUser(12345, {modelName: 'graph', userIdProperty: 'userId'})"))
                .contains("no :User node with userId = 12345");
        assertThat(message("CALL rec.recommend.forUser(3, {modelName: 'graph'})"))
                .contains("'user' is 3, not a node", "userIdProperty");
        assertThat(message("CALL rec.recommend.forUser(3, {modelName: 'graph', userIdProperty: 'userId', filtr: {}})"))
                .contains("unknown configuration key 'filtr'");
        assertThat(message("CALL rec.recommend.forUser(3, {modelName: 'graph', userIdProperty: 'userId', filter: {price: {from: 1}}})"))
                .contains("'filter' must be", "min and max");
        assertThat(message("CALL rec.recommend.forText('  ', {modelName: 'text'})")).contains("'text'", "non-empty");
        assertThat(message("CALL rec.recommend.forUser(3, {userIdProperty: 'userId'})")).contains("'modelName' is required",
                "or 'embeddingProperty'");
    }

    private String message(String query) {
        Throwable thrown = catchThrowable(() -> run(driver, query));
        assertThat(thrown).isInstanceOf(ClientException.class);
        return thrown.getMessage();
    }

    private List<Object> column(String query) {
        return column(query, Map.of());
    }

    private List<Object> column(String query, Map<String, Object> params) {
        return list(driver, query, params).stream().map(r -> r.get("x").asObject()).toList();
    }
}
