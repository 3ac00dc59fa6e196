package rec4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import rec4j.gcn.Interactions;
import rec4j.testsupport.Neo4jHarness;

/**
 * rec.recommend.forUser against the two peers a Neo4j user has today, in one in-process Neo4j over Bolt:
 * (a) the Cypher collaborative-filtering query of Neo4j's recommendations guide (co-rating paths counted) and
 * (b) item-to-item scoring over gds.nodeSimilarity (cosine, topK 50) written as SIMILAR relationships and summed per
 * candidate. Part 1: MovieLens 100K (ratings >= 4, per-user 80/20 split, train part loaded), Recall@20 against the
 * test part and top-10 latency with 1 and 8 clients. Part 2: a generated catalog of 100,000 items: latency of exact and
 * vector-index serving, the peers, and the index's recall@10 against exact ranking.
 *
 * <p>Run: {@code java -Xmx6g -cp "bench/target/classes:bench/target/lib/*" rec4j.bench.RecommendBenchmark
 * ../shared/data/ml-100k [generatedItems=100000 (0: MovieLens only)] [mlEpochs=200] [peerASample=60]}
 */
public final class RecommendBenchmark {

    static final String CF = "MATCH (u:%1$s {%2$s: $id})-[:RATED]->(:%3$s)<-[:RATED]-(:%1$s)-[:RATED]->(rec:%3$s) "
            + "WHERE NOT EXISTS { (u)-[:RATED]->(rec) } RETURN rec.%4$s AS item, count(*) AS score ORDER BY score DESC, item LIMIT $k";
    static final String SIMILAR = "MATCH (u:%1$s {%2$s: $id})-[:RATED]->(:%3$s)<-[s:SIMILAR]-(rec:%3$s) "
            + "WHERE NOT EXISTS { (u)-[:RATED]->(rec) } RETURN rec.%4$s AS item, sum(s.score) AS score ORDER BY score DESC, item LIMIT $k";
    static final String REC = "MATCH (u:%1$s {%2$s: $id}) CALL rec.recommend.forUser(u, {modelName: $model, k: $k%5$s}) "
            + "YIELD item RETURN item.%4$s AS item";

    public static void main(String[] args) throws Exception {
        Path ml = Path.of(args[0]);
        int generatedItems = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int mlEpochs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int peerASample = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        Path home = Files.createTempDirectory("rec4j-recommend-bench");
        System.out.printf("cores %d, max heap %d MB%n", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (Neo4jHarness neo4j = Neo4jHarness.start(home, b -> b.withConfig(GraphDatabaseSettings.pagecache_memory, 512L << 20))) {
            Driver driver = neo4j.driver();
            movieLens(driver, ml, mlEpochs, peerASample);
            if (generatedItems > 0) {
                generated(driver, generatedItems, peerASample);
            }
        }
    }

    // ------------------------------------------------------------------ MovieLens

    static void movieLens(Driver driver, Path ml, int epochs, int peerASample) throws java.io.IOException {
        MovieLensSplit split = MovieLensSplit.load(ml.resolve("u.data"), 2020);
        Interactions train = split.train();
        run(driver, "CREATE CONSTRAINT IF NOT EXISTS FOR (v:Viewer) REQUIRE v.viewerId IS UNIQUE");
        run(driver, "CREATE CONSTRAINT IF NOT EXISTS FOR (m:Movie) REQUIRE m.movieId IS UNIQUE");
        run(driver, "UNWIND range(0, $n - 1) AS i CREATE (:Movie {movieId: i})", Map.of("n", train.items()));
        run(driver, "UNWIND range(0, $n - 1) AS u CREATE (:Viewer {viewerId: u})", Map.of("n", train.users()));
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (int u = 0; u < train.users(); u++) {
            for (int i : train.positives()[u]) {
                pairs.add(Map.of("u", u, "i", i));
            }
        }
        loadPairs(driver, pairs, "Viewer", "viewerId", "Movie", "movieId");
        System.out.printf("%nMovieLens 100K: %d viewers, %d movies, %d training interactions (ratings >= 4, 80 %%)%n",
                train.users(), train.items(), pairs.size());
        long t = System.nanoTime();
        run(driver, "CALL gds.graph.project('ml', ['Viewer', 'Movie'], {RATED: {orientation: 'UNDIRECTED'}}) YIELD graphName RETURN graphName");
        Record trained = single(driver, "CALL rec.gcn.train('ml', {modelName: 'ml', nodeLabels: ['Viewer', 'Movie'], "
                + "embeddingDimension: 64, layers: 3, epochs: $e, batchSize: 2048, learningRate: 0.005, l2: 0.001, "
                + "validationFraction: 0.1, evaluateEvery: 10, patience: 5, randomSeed: 42, concurrency: 2}) "
                + "YIELD bestEpoch, validationRecall, trainMillis RETURN *", Map.of("e", epochs));
        System.out.printf("rec.gcn.train: best epoch %d, validation Recall@20 %.4f, %.1f s%n", trained.get("bestEpoch").asLong(),
                trained.get("validationRecall").asDouble(), trained.get("trainMillis").asLong() / 1000.0);
        t = System.nanoTime();
        long similar = writeSimilarItems(driver, "ml-items", "Viewer", "Movie");
        System.out.printf("peer (b) setup: gds.nodeSimilarity.write cosine topK 50: %d SIMILAR relationships in %.1f s%n",
                similar, (System.nanoTime() - t) / 1e9);

        List<Integer> users = new ArrayList<>();
        for (int u = 0; u < train.users(); u++) {
            if (split.test()[u].length > 0) {
                users.add(u);
            }
        }
        List<Integer> sample = new ArrayList<>(users);
        Collections.shuffle(sample, new Random(7));
        sample = sample.subList(0, Math.min(peerASample, sample.size()));
        String rec = String.format(REC, "Viewer", "viewerId", "Movie", "movieId", "");
        String cf = String.format(CF, "Viewer", "viewerId", "Movie", "movieId");
        String sim = String.format(SIMILAR, "Viewer", "viewerId", "Movie", "movieId");
        Map<String, Object> model = Map.of("model", "ml");

        System.out.printf("%nRecall@20 / NDCG@20 (full ranking, training items excluded; users with a test item)%n");
        System.out.printf("| method | users | Recall@20 | NDCG@20 |%n|---|---|---|---|%n");
        quality(driver, "rec.recommend.forUser (GCN)", rec, model, users, split.test());
        quality(driver, "peer (b) nodeSimilarity + Cypher sum", sim, Map.of(), users, split.test());
        quality(driver, "peer (a) Cypher co-rating count (sample)", cf, Map.of(), sample, split.test());
        quality(driver, "rec.recommend.forUser (GCN), same sample", rec, model, sample, split.test());

        System.out.printf("%nTop-10 latency over Bolt, ML-100K catalog (1,682 items)%n");
        latencyHeader();
        List<Integer> all = users;
        for (int clients : new int[] {1, 8}) {
            latency(driver, "rec.recommend.forUser", rec, model, all, clients);
            latency(driver, "peer (b) nodeSimilarity", sim, Map.of(), all, clients);
            latency(driver, "peer (a) Cypher CF", cf, Map.of(), sample, clients, Math.max(1, sample.size() / clients));
        }
    }

    // ------------------------------------------------------------------ generated 100k catalog

    /**
     * Recall@10 of the vector index's top 10 ({@code viaIndex}, with $f the overFetch) against the exact top 10, over
     * the users given, for overFetch 1, 2, 4, 8 and 16; prints a table.
     */
    static void indexRecall(Driver driver, String exact, String viaIndex, String model, List<Integer> users) {
        System.out.printf("%nVector index recall@10 against exact top-10 (%d users)%n| overFetch | recall@10 |%n|---|---|%n", users.size());
        for (int f : new int[] {1, 2, 4, 8, 16}) {
            double sum = 0;
            try (Session session = driver.session()) {
                for (int u : users) {
                    List<Long> a = items(session, exact, Map.of("id", u, "k", 10, "model", model));
                    List<Long> b = items(session, viaIndex, Map.of("id", u, "k", 10, "model", model, "f", f));
                    Set<Long> common = new HashSet<>(a);
                    common.retainAll(b);
                    sum += common.size() / (double) a.size();
                }
            }
            System.out.printf("| %d | %.4f |%n", f, sum / users.size());
        }
    }

    static void generated(Driver driver, int items, int peerASample) {
        int users = loadAndTrainGenerated(driver, items);
        Record index = single(driver, "CALL rec.recommend.createIndex('gen')", Map.of());
        System.out.printf("rec.recommend.createIndex: %d vectors of %d dimensions, online in %.1f s%n", index.get("items").asLong(),
                index.get("dimension").asLong(), index.get("millis").asLong() / 1000.0);
        long t = System.nanoTime();
        long similar = writeSimilarItems(driver, "gen-items", "Shopper", "Product");
        System.out.printf("peer (b) setup: %d SIMILAR relationships in %.1f s%n", similar, (System.nanoTime() - t) / 1e9);

        List<Integer> sample = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            sample.add(u);
        }
        Collections.shuffle(sample, new Random(5));
        List<Integer> many = sample.subList(0, Math.min(1_000, users));
        List<Integer> few = sample.subList(0, Math.min(peerASample, users));
        String exact = String.format(REC, "Shopper", "shopperId", "Product", "productId", ", candidates: 'exact'");
        String viaIndex = String.format(REC, "Shopper", "shopperId", "Product", "productId", ", candidates: 'index', overFetch: $f");
        indexRecall(driver, exact, viaIndex, "gen", many);
        String cf = String.format(CF, "Shopper", "shopperId", "Product", "productId");
        String sim = String.format(SIMILAR, "Shopper", "shopperId", "Product", "productId");
        System.out.printf("%nTop-10 latency over Bolt, generated catalog (%,d items)%n", items);
        latencyHeader();
        for (int clients : new int[] {1, 8}) {
            latency(driver, "rec.recommend.forUser exact", exact, Map.of("model", "gen"), many, clients);
            latency(driver, "rec.recommend.forUser index (overFetch 4)", viaIndex, Map.of("model", "gen", "f", 4), many, clients);
            latency(driver, "peer (b) nodeSimilarity", sim, Map.of(), many, clients);
            latency(driver, "peer (a) Cypher CF", cf, Map.of(), few, clients, Math.max(1, few.size() / clients));
        }
    }

    /**
     * The generated catalog (50 taste clusters, popularity-skewed, users = max(2,000, items / 5) x 15 interactions) as
     * :Shopper-[:RATED]->:Product, projected as 'gen' and trained as model 'gen' (GCN 2x64, 8 epochs); the users.
     */
    static int loadAndTrainGenerated(Driver driver, int items) {
        int users = Math.max(2_000, items / 5), clusters = 50, perUser = 15;
        Random random = new Random(11);
        System.out.printf("%nGenerated catalog: %d items in %d taste clusters, %d users x %d interactions%n", items, clusters, users, perUser);
        run(driver, "CREATE CONSTRAINT IF NOT EXISTS FOR (v:Shopper) REQUIRE v.shopperId IS UNIQUE");
        run(driver, "CREATE CONSTRAINT IF NOT EXISTS FOR (m:Product) REQUIRE m.productId IS UNIQUE");
        for (int from = 0; from < items; from += 20_000) {
            run(driver, "UNWIND range($from, $to - 1) AS i CREATE (:Product {productId: i, cluster: i % $c})",
                    Map.of("from", from, "to", Math.min(items, from + 20_000), "c", clusters));
        }
        run(driver, "UNWIND range(0, $n - 1) AS u CREATE (:Shopper {shopperId: u})", Map.of("n", users));
        List<Map<String, Object>> pairs = new ArrayList<>();
        int perCluster = items / clusters;
        for (int u = 0; u < users; u++) {
            int cluster = u % clusters;
            Set<Integer> chosen = new HashSet<>();
            while (chosen.size() < perUser) {
                // 80 % within the user's cluster, popularity-skewed (low ranks first); 20 % anywhere, also skewed
                int rank = (int) Math.min(perCluster - 1, Math.floor(Math.pow(random.nextDouble(), 3) * perCluster));
                int item = random.nextDouble() < 0.8 ? rank * clusters + cluster : rank * clusters + random.nextInt(clusters);
                chosen.add(Math.min(item, items - 1));
            }
            for (int i : chosen) {
                pairs.add(Map.of("u", u, "i", i));
            }
        }
        loadPairs(driver, pairs, "Shopper", "shopperId", "Product", "productId");
        run(driver, "CALL gds.graph.project('gen', ['Shopper', 'Product'], {RATED: {orientation: 'UNDIRECTED'}}) YIELD graphName RETURN graphName");
        long t = System.nanoTime();
        Record trained = single(driver, "CALL rec.gcn.train('gen', {modelName: 'gen', nodeLabels: ['Shopper', 'Product'], "
                + "embeddingDimension: 64, layers: 2, epochs: 8, batchSize: 16384, learningRate: 0.01, l2: 0.0001, "
                + "validationFraction: 0.0, randomSeed: 42, concurrency: 2}) YIELD trainMillis RETURN trainMillis", Map.of());
        System.out.printf("rec.gcn.train: 8 epochs in %.1f s%n", trained.get("trainMillis").asLong() / 1000.0);
        return users;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Peer (b)'s setup: projects the users and items as {@code graph} with reversed RATED and writes each item's 50
     * most cosine-similar items as SIMILAR {score}; the relationships written.
     */
    static long writeSimilarItems(Driver driver, String graph, String userLabel, String itemLabel) {
        run(driver, "CALL gds.graph.project('" + graph + "', ['" + userLabel + "', '" + itemLabel
                + "'], {RATED: {orientation: 'REVERSE'}}) YIELD graphName RETURN graphName");
        return single(driver, "CALL gds.nodeSimilarity.write('" + graph + "', {similarityMetric: 'COSINE', topK: 50, "
                + "writeRelationshipType: 'SIMILAR', writeProperty: 'score'}) YIELD relationshipsWritten RETURN relationshipsWritten",
                Map.of()).get("relationshipsWritten").asLong();
    }

    static void loadPairs(Driver driver, List<Map<String, Object>> pairs, String userLabel, String userKey, String itemLabel,
            String itemKey) {
        String query = String.format("UNWIND $rows AS r MATCH (u:%s {%s: r.u}), (i:%s {%s: r.i}) CREATE (u)-[:RATED]->(i)",
                userLabel, userKey, itemLabel, itemKey);
        for (int from = 0; from < pairs.size(); from += 10_000) {
            run(driver, query, Map.of("rows", pairs.subList(from, Math.min(pairs.size(), from + 10_000))));
        }
    }

    static void quality(Driver driver, String name, String query, Map<String, Object> params, List<Integer> users, int[][] test) {
        double recall = 0, ndcg = 0;
        try (Session session = driver.session()) {
            for (int u : users) {
                List<Long> top = items(session, query, with(params, u, 20));
                Set<Integer> truth = new HashSet<>();
                for (int i : test[u]) {
                    truth.add(i);
                }
                double hits = 0, dcg = 0, idcg = 0;
                for (int r = 0; r < top.size(); r++) {
                    if (truth.contains(top.get(r).intValue())) {
                        hits++;
                        dcg += 1 / (Math.log(r + 2) / Math.log(2));
                    }
                }
                for (int r = 0; r < Math.min(20, truth.size()); r++) {
                    idcg += 1 / (Math.log(r + 2) / Math.log(2));
                }
                recall += hits / truth.size();
                ndcg += dcg / idcg;
            }
        }
        System.out.printf("| %s | %d | %.4f | %.4f |%n", name, users.size(), recall / users.size(), ndcg / users.size());
    }

    static void latencyHeader() {
        System.out.printf("| method | clients | requests | p50 ms | p99 ms | requests/s | GC pause ms (JVM, during the run) "
                + "| warm-up requests |%n|---|---|---|---|---|---|---|---|%n");
    }

    /**
     * Each of {@code clients} concurrent sessions runs the users in turn (starting at its own offset) until the clients
     * together have made max(|users|, 4,000) requests, or |users| for slow peers (after a warm-up that is not counted).
     */
    static double[] latency(Driver driver, String name, String query, Map<String, Object> params, List<Integer> users, int clients) {
        return latency(driver, name, query, params, users, clients, Math.max(1, Math.max(users.size(), 4_000) / clients));
    }

    /** Prints the row; returns {p50, p99} in milliseconds. */
    static double[] latency(Driver driver, String name, String query, Map<String, Object> params, List<Integer> users, int clients,
            int perClient) {
        int warmed;
        try {
            warmed = warmUp(driver, query, params, users, clients, perClient * clients >= 1_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        long gcBefore = gcMillis();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int offset = c * users.size() / clients;
            futures.add(pool.submit(() -> {
                long[] nanos = new long[perClient];
                try (Session session = driver.session()) {
                    for (int k = 0; k < perClient; k++) {
                        int u = users.get((offset + k) % users.size());
                        long t = System.nanoTime();
                        items(session, query, with(params, u, 10));
                        nanos[k] = System.nanoTime() - t;
                    }
                }
                return nanos;
            }));
        }
        long[] all = futures.stream().flatMapToLong(f -> {
            try {
                return Arrays.stream(f.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toArray();
        double wall = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        double p50 = all[(int) (all.length * 0.50)] / 1e6;
        double p99 = all[Math.min(all.length - 1, (int) Math.ceil(all.length * 0.99) - 1)] / 1e6;
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.1f | %d | %d |%n", name, clients, all.length, p50,
                p99, all.length / wall, gcMillis() - gcBefore, warmed);
        return new double[] {p50, p99};
    }

    /**
     * Warm-up, not counted: a server that has run for a while has compiled its hot code. Fast methods run rounds of
     * 1,000 requests from as many clients as the measurement until the JIT compilers spent less than 5 % of a round's
     * wall time compiling (at least 2,000 requests, at most 90 s); slow peers run a quarter of the users from one
     * client. Returns the number of requests.
     */
    static int warmUp(Driver driver, String query, Map<String, Object> params, List<Integer> users, int clients,
            boolean fast) throws Exception {
        if (!fast) {
            try (Session session = driver.session()) {
                for (int k = 0; k < users.size() / 4 + 1; k++) {
                    items(session, query, with(params, users.get(k % users.size()), 10));
                }
            }
            return users.size() / 4 + 1;
        }
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            int done = 0, each = 1_000 / clients;
            while (true) {
                long compiled = jit.getTotalCompilationTime(), t = System.nanoTime();
                List<Future<?>> round = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int from = done + c * each;
                    round.add(pool.submit(() -> {
                        try (Session session = driver.session()) {
                            for (int k = from; k < from + each; k++) {
                                items(session, query, with(params, users.get(k % users.size()), 10));
                            }
                        }
                    }));
                }
                for (Future<?> f : round) {
                    f.get();
                }
                done += clients * each;
                double roundMillis = (System.nanoTime() - t) / 1e6;
                boolean settled = jit.getTotalCompilationTime() - compiled < 0.05 * roundMillis;
                if ((done >= 2_000 && settled) || System.nanoTime() - start > 90e9) {
                    return done;
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    static Map<String, Object> with(Map<String, Object> params, int user, int k) {
        Map<String, Object> out = new java.util.HashMap<>(params);
        out.put("id", user);
        out.put("k", k);
        return out;
    }

    static List<Long> items(Session session, String query, Map<String, Object> params) {
        return session.run(query, params).list(r -> r.get("item").asLong());
    }

    static void run(Driver driver, String query) {
        run(driver, query, Map.of());
    }

    static void run(Driver driver, String query, Map<String, Object> params) {
        driver.executableQuery(query).withParameters(params).execute();
    }

    static Record single(Driver driver, String query, Map<String, Object> params) {
        return driver.executableQuery(query).withParameters(params).execute().records().get(0);
    }
}
