package rec4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every metric on a 3-user, 5-item example computed by hand (see the comments), ties and users without test items. */
class OfflineEvaluationTest {

    private static final double EPS = 1e-6;
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    // u0 trains on item 0 and is tested on {0, 1, 3}: 0 is also a training item, so the relevant items are {1, 3};
    // u1 has no test item (skipped); u2 has no training item and is tested on {4}.
    private static OfflineEvaluation.Input input(int[] candidates) {
        float[][] features = {{1, 0}, {1, 0}, {0, 1}, {1, 1}, null};
        return new OfflineEvaluation.Input(3, 5, new int[][] {{0}, {1, 2}, {}}, new int[][] {{0, 1, 3}, {}, {4}},
                candidates, features);
    }

    // u0 scores 3 (7) > 1 (5) = 2 (5) > 4 (1), item 0 excluded: the tie of 1 and 2 goes to 1, so u0's list is [3, 1, 2, 4];
    // u2's list is [3, 4, 2, 1, 0].
    private static final float[][] SCORES = {{9, 5, 5, 7, 1}, {0, 0, 0, 0, 0}, {1, 2, 3, 5, 4}};

    private static final OfflineEvaluation.Scorer FIXED = (u, scores) -> System.arraycopy(SCORES[u], 0, scores, 0, 5);

    @Test
    void everyMetricByHand() {
        List<OfflineEvaluation.Row> rows = OfflineEvaluation.evaluate(input(new int[] {0, 1, 2, 3, 4}), "fixed", FIXED,
                new int[] {1, 2, 3}, 1);
        assertThat(rows).extracting(OfflineEvaluation.Row::k).containsExactly(1, 2, 3);
        assertThat(rows).allMatch(r -> r.users() == 2 && r.method().equals("fixed"));

        // k = 1: u0 [3] hits 1 of 2; u2 [3] misses
        OfflineEvaluation.Row k1 = rows.get(0);
        assertThat(k1.recall()).isCloseTo((0.5 + 0) / 2, within(EPS));
        assertThat(k1.precision()).isCloseTo((1 + 0) / 2.0, within(EPS));
        assertThat(k1.ndcg()).isCloseTo((1 + 0) / 2.0, within(EPS));
        assertThat(k1.hitRate()).isCloseTo(0.5, within(EPS));
        assertThat(k1.coverage()).isCloseTo(1 / 5.0, within(EPS)); // {3}
        assertThat(k1.diversity()).isNaN(); // no list has two items
        // items 0-2 have 1 training interaction, 3 and 4 none; 2 users have training items: -log2(1/3) for item 3
        assertThat(k1.novelty()).isCloseTo(LOG2_3, within(EPS));

        // k = 2: u0 [3, 1] hits both; u2 [3, 4] hits at rank 2
        OfflineEvaluation.Row k2 = rows.get(1);
        assertThat(k2.recall()).isCloseTo(1.0, within(EPS));
        assertThat(k2.precision()).isCloseTo((1 + 0.5) / 2, within(EPS));
        assertThat(k2.ndcg()).isCloseTo((1 + 1 / LOG2_3) / 2, within(EPS)); // u2: DCG 1/log2(3), ideal DCG 1 (one test item)
        assertThat(k2.hitRate()).isCloseTo(1.0, within(EPS));
        assertThat(k2.coverage()).isCloseTo(3 / 5.0, within(EPS)); // {1, 3, 4}
        // u0: 1 - cos([1,1], [1,0]) = 1 - 1/sqrt(2); u2's item 4 has no vector: one item left, not counted
        assertThat(k2.diversity()).isCloseTo(1 - 1 / Math.sqrt(2), within(EPS));
        double item1 = LOG2_3 - 1; // -log2(2/3)
        assertThat(k2.novelty()).isCloseTo(((LOG2_3 + item1) / 2 + LOG2_3) / 2, within(EPS));

        // k = 3: u0 [3, 1, 2] precision 2/3, ideal DCG over min(3, 2) = 2 hits: NDCG 1; u2 [3, 4, 2]
        OfflineEvaluation.Row k3 = rows.get(2);
        assertThat(k3.recall()).isCloseTo(1.0, within(EPS));
        assertThat(k3.precision()).isCloseTo((2 / 3.0 + 1 / 3.0) / 2, within(EPS));
        assertThat(k3.ndcg()).isCloseTo((1 + 1 / LOG2_3) / 2, within(EPS));
        assertThat(k3.coverage()).isCloseTo(4 / 5.0, within(EPS));
        double d = 1 - 1 / Math.sqrt(2);
        // u0 pairs (3,1) d, (3,2) d, (1,2) 1; u2 pairs (3,2) d
        assertThat(k3.diversity()).isCloseTo(((2 * d + 1) / 3 + d) / 2, within(EPS));
    }

    @Test
    void tiesGoToTheLowerItemIndex() {
        // every score equal: lists are the candidates in index order, training items left out
        OfflineEvaluation.Scorer flat = (u, scores) -> java.util.Arrays.fill(scores, 1f);
        List<OfflineEvaluation.Row> rows = OfflineEvaluation.evaluate(input(new int[] {0, 1, 2, 3, 4}), "flat", flat,
                new int[] {1, 2}, 1);
        // u0: [1, 2] -> hits 1 (item 1) at rank 1; u2: [0, 1] -> no hit
        assertThat(rows.get(0).recall()).isCloseTo(0.25, within(EPS));
        assertThat(rows.get(1).recall()).isCloseTo(0.25, within(EPS));
        assertThat(rows.get(1).coverage()).isCloseTo(3 / 5.0, within(EPS)); // {0, 1, 2}
        assertThat(ListMetrics.topK(new float[] {2, 5, 5, 5, 1}, null, new int[] {2}, 3)).containsExactly(1, 3, 0);
    }

    @Test
    void candidatesRestrictRankingAndRelevance() {
        // candidates {1, 2, 4}: u0's relevant items are {1} (3 is no candidate), u2's {4}
        List<OfflineEvaluation.Row> rows = OfflineEvaluation.evaluate(input(new int[] {4, 2, 1}), "fixed", FIXED,
                new int[] {1}, 1);
        // u0 ranks 1 (5) = 2 (5) > 4: [1] hit; u2 ranks 4 (4) > 2 (3) > 1 (2): [4] hit
        assertThat(rows.get(0).recall()).isCloseTo(1.0, within(EPS));
        assertThat(rows.get(0).coverage()).isCloseTo(2 / 3.0, within(EPS));
    }

    @Test
    void usersAMethodCannotScoreCountAsMisses() {
        // the dot-product scorer without a row for u2 scores nothing for it
        float[] embeddings = {1, 0, /* items */ 0, 1, 3, 0, 2, 0, 1, 0, 0, 0};
        OfflineEvaluation.Scorer model = Scorers.dotProduct(embeddings, 2, new int[] {0, -1, -1},
                new int[] {1, 2, 3, 4, 5});
        float[] scores = new float[5];
        model.score(0, scores);
        assertThat(scores).containsExactly(0f, 3f, 2f, 1f, 0f);
        model.score(2, scores);
        assertThat(scores).containsOnly(Float.NaN);
        List<OfflineEvaluation.Row> rows = OfflineEvaluation.evaluate(input(new int[] {0, 1, 2, 3, 4}), "m", model,
                new int[] {1}, 2);
        // u0: [1] hit (1 of 2 relevant); u2: no list
        assertThat(rows.get(0).users()).isEqualTo(2);
        assertThat(rows.get(0).recall()).isCloseTo(0.25, within(EPS));
        assertThat(rows.get(0).coverage()).isCloseTo(1 / 5.0, within(EPS));
    }

    @Test
    void popularityAndItemKnnScores() {
        // u0 {0, 1}, u1 {0, 1, 2}, u2 {2, 3}: users of items 0 {u0, u1}, 1 {u0, u1}, 2 {u1, u2}, 3 {u2}
        // cosine: (0,1) 2/2 = 1; (0,2) = (1,2) = 1/2; (2,3) 1/sqrt(2); (0,3) = (1,3) = 0
        OfflineEvaluation.Input in = new OfflineEvaluation.Input(3, 4, new int[][] {{0, 1}, {0, 1, 2}, {2, 3}},
                new int[][] {{3}, {3}, {0}}, new int[] {0, 1, 2, 3}, null);
        float[] scores = new float[4];
        Scorers.popularity(in).score(0, scores);
        assertThat(scores).containsExactly(2f, 2f, 2f, 1f);

        OfflineEvaluation.Scorer all = Scorers.itemKnn(in, 0, 2);
        all.score(0, scores);
        assertThat(scores).containsExactly(new float[] {1f, 1f, 1f, 0f}, within(1e-6f)); // item 2: 1/2 + 1/2
        all.score(2, scores);
        float r = (float) (1 / Math.sqrt(2));
        assertThat(scores).containsExactly(new float[] {0.5f, 0.5f, r, r}, within(1e-6f));

        // one neighbour each: 0 -> 1, 1 -> 0, 2 -> 3, 3 -> 2 (tie of 0 and 1 for item 2 is beaten by 3)
        OfflineEvaluation.Scorer one = Scorers.itemKnn(in, 1, 1);
        one.score(0, scores);
        assertThat(scores).containsExactly(new float[] {1f, 1f, 0f, 0f}, within(1e-6f));
        one.score(2, scores);
        assertThat(scores).containsExactly(new float[] {0f, 0f, r, r}, within(1e-6f));

        // two neighbours each: N(0) = {1, 2}, N(1) = {0, 2}, N(2) = {3, 0} (0 and 1 tie at 1/2: the lower index), N(3) = {2}.
        // u2 trains on {2, 3}: item 1 scores sim(1, 2) = 1/2 through its own neighbour 2 (2 does not list 1)
        Scorers.itemKnn(in, 2, 1).score(2, scores);
        assertThat(scores).containsExactly(new float[] {0.5f, 0.5f, r, r}, within(1e-6f));
        Scorers.itemKnn(in, 2, 1).score(0, scores); // u0 {0, 1}: 0 via 1, 1 via 0, 2 via 0 (N(2) = {3, 0})
        assertThat(scores).containsExactly(new float[] {1f, 1f, 0.5f, 0f}, within(1e-6f));

        // metrics are the same at any concurrency
        assertThat(OfflineEvaluation.evaluate(in, "knn", all, new int[] {1, 2}, 1))
                .isEqualTo(OfflineEvaluation.evaluate(in, "knn", Scorers.itemKnn(in, 0, 3), new int[] {1, 2}, 3));
    }

    @Test
    void noFeaturesNoDiversityAndNoTestUsersNoRows() {
        OfflineEvaluation.Input in = new OfflineEvaluation.Input(1, 2, new int[][] {{0}}, new int[][] {{}}, new int[] {0, 1}, null);
        OfflineEvaluation.Row row = OfflineEvaluation.evaluate(in, "p", Scorers.popularity(in), new int[] {5}, 1).get(0);
        assertThat(row.users()).isZero();
        assertThat(row.recall()).isZero();
        assertThat(row.diversity()).isNaN();
    }
}
