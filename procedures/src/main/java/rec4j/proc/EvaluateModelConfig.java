package rec4j.proc;

import java.util.List;
import rec4j.config.ConfigMap;
import rec4j.recommend.Candidates;

/** The parsed configuration of rec.evaluate.model; {@link #DOC} is built from the defaults and bounds declared here. */
record EvaluateModelConfig(List<String> labels, List<String> types, String splitProperty, int[] ks, String candidates,
        List<String> baselines, int itemKnnNeighbours, Double easeLambda, String featureProperty, Double minRating,
        String ratingProperty, int concurrency) {

    static final String PROCEDURE = "rec.evaluate.model";

    /** What SHOW PROCEDURES says the procedure does. */
    static final String DESCRIPTION =
            "Evaluates a trained model (GCN or EASE), and optionally the popularity, item-kNN and EASE baselines, on the "
            + "train/test split recorded by rec.evaluate.split: for every user with a test item among the candidates, all "
            + "candidates are ranked (GCN: dot product of the final embeddings; EASE: sum of B[j][i] over the user's "
            + "training items j; ties to the lower node id) without the user's "
            + "training items. One row per method and k. recall@k = hits / |test items| and NDCG@k with the ideal DCG "
            + "over min(k, |test items|) (as in LightGCN), precision@k = hits / k, hitRate = share of users with a hit, "
            + "all averaged over the evaluated users; coverage = distinct recommended items / candidates; diversity = "
            + "mean pairwise (1 - cosine) of featureProperty within a list; novelty = mean -log2((training interactions "
            + "of the item + 1) / (users with training interactions + 1)) of the recommended items. Items or users the "
            + "model was not trained on cannot be scored by it (counted as misses and reported). item-kNN: cosine of "
            + "the items' columns of the binary training matrix; score(u, i) = sum of sim(i, j) over the user's "
            + "training items j among the itemKnnNeighbours most similar items of i; popularity: training interactions per "
            + "item; ease: EASE fitted on the training interactions (easeLambda, or picked on a validation part of them).";

    static final int K = 10, LARGER_K = 20;
    static final String ALL = "all", TEST = "test", COLD_ITEMS = EvaluateSplitConfig.COLD_ITEMS;
    static final String COLD_TEST_ITEMS = "coldTestItems";
    static final String POPULARITY = "popularity", ITEM_KNN = "itemKnn", EASE = "ease";
    static final int ITEM_KNN_NEIGHBOURS = 100, MAX_ITEM_KNN_NEIGHBOURS = 1_000_000;

    static final String DOC = "{nodeLabels: the model's [user, item] labels, relationshipTypes (default: every type "
            + "between them), splitProperty: '" + EvaluateSplitConfig.SPLIT_PROPERTY + "', k: [" + K + ", " + LARGER_K
            + "] (each in [1, " + Candidates.MAX_K + "]), candidates: '" + ALL + "' (every item) | '" + TEST + "' (items "
            + "with a test interaction) | '" + COLD_ITEMS + "' (every item without training interactions: the held-out "
            + "cold items, as the standard cold-start protocol ranks them) | '" + COLD_TEST_ITEMS + "' (only those with a "
            + "relevant test interaction: easier, reads higher), baselines: [] ('" + POPULARITY + "', '" + ITEM_KNN
            + "', '" + EASE + "'; not with cold candidates: they have no training signal there), itemKnnNeighbours: "
            + ITEM_KNN_NEIGHBOURS + " (0: all), easeLambda (default: picked on a validation part of the training "
            + "interactions), featureProperty (an item vector for "
            + "diversity; none: null diversity), minRating (only test interactions rated >= minRating are relevant), "
            + "ratingProperty: '" + EvaluateSplitConfig.RATING_PROPERTY + "', concurrency: min(4, cores)}";

    /**
     * @param map          opened before the model was looked up, so that a null config is reported first
     * @param modelLabels  the model's [user, item] labels, the default nodeLabels
     */
    static EvaluateModelConfig parse(ConfigMap map, List<String> modelLabels) {
        List<String> labels = EvaluateSupport.labels(PROCEDURE, map, modelLabels);
        List<String> types = map.stringList("relationshipTypes", List.of());
        String splitProperty = map.string("splitProperty", EvaluateSplitConfig.SPLIT_PROPERTY);
        int[] ks = map.intList("k", List.of(K, LARGER_K), 1, Candidates.MAX_K).stream().mapToInt(Integer::intValue)
                .toArray();
        String candidates = map.oneOf("candidates", ALL, List.of(ALL, TEST, COLD_ITEMS, COLD_TEST_ITEMS));
        // [] is the documented default: no baseline
        List<String> baselines = map.raw("baselines") instanceof List<?> none && none.isEmpty() ? List.of()
                : map.stringList("baselines", List.of());
        for (String b : baselines) {
            if (!List.of(POPULARITY, ITEM_KNN, EASE).contains(b)) {
                throw new IllegalArgumentException(PROCEDURE + ": 'baselines' must list 'popularity', 'itemKnn' and/or "
                        + "'ease', got '" + b + "'");
            }
        }
        if (candidates.startsWith("cold") && !baselines.isEmpty()) {
            // both score an item from its training interactions, and a cold item has none: every candidate would tie,
            // and the tie-break (node id order, which follows the import order) would pass for a baseline
            throw new IllegalArgumentException(PROCEDURE + ": 'baselines' " + baselines + " cannot rank candidates '"
                    + candidates + "': popularity, itemKnn and ease score items from their training interactions, which cold items "
                    + "do not have, so every cold item would tie; leave 'baselines' empty (a random ranking of n cold items "
                    + "expects recall@k = k / n)");
        }
        int neighbours = map.intInRange("itemKnnNeighbours", ITEM_KNN_NEIGHBOURS, 0, MAX_ITEM_KNN_NEIGHBOURS);
        Double easeLambda = map.raw("easeLambda") == null ? null : map.positive("easeLambda", 1.0);
        String featureProperty = map.string("featureProperty", null);
        Double minRating = map.number("minRating", null);
        String ratingProperty = map.string("ratingProperty", EvaluateSplitConfig.RATING_PROPERTY);
        int concurrency = map.concurrency();
        map.rejectUnknown();
        return new EvaluateModelConfig(labels, types, splitProperty, ks, candidates, baselines, neighbours, easeLambda,
                featureProperty, minRating, ratingProperty, concurrency);
    }
}
