package rec4j.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankerTest {

    @Test
    void topKIsBestFirstWithTiesToTheLowerRowAndSkipsIneligibleRows() {
        float[] scores = {0.5f, 0.9f, 0.5f, 0.1f, 0.9f, 0.7f};
        List<Ranker.Ranked> top = Ranker.top(scores.length, r -> scores[r], 4, r -> r != 5, null);
        assertThat(top).extracting(Ranker.Ranked::row).containsExactly(1, 4, 0, 2);
        assertThat(top).extracting(Ranker.Ranked::score).containsExactly(0.9f, 0.9f, 0.5f, 0.5f);
        // fewer eligible rows than k: all of them
        assertThat(Ranker.top(scores.length, r -> scores[r], 10, r -> r < 2, null)).extracting(Ranker.Ranked::row).containsExactly(1, 0);
    }

    @Test
    void expensiveFiltersAreCheckedLazilyInScoreOrder() {
        int n = 1000;
        List<Integer> checked = new ArrayList<>();
        List<Ranker.Ranked> top = Ranker.top(n, r -> r, 3, r -> true, r -> {
            checked.add(r);
            return r % 7 == 0;
        });
        assertThat(top).extracting(Ranker.Ranked::row).containsExactly(994, 987, 980);
        // the first window of 64 candidates sufficed: not every row was checked
        assertThat(checked).hasSizeLessThanOrEqualTo(64).startsWith(999, 998, 997);
        // a filter that rejects almost everything still finds the matches by widening the window
        assertThat(Ranker.top(n, r -> r, 2, r -> true, r -> r < 2)).extracting(Ranker.Ranked::row).containsExactly(1, 0);
    }

    @Test
    void topAmongRanksOnlyTheGivenRows() {
        float[] scores = {3, 1, 2, 5, 4};
        assertThat(Ranker.topAmong(new int[] {4, 1, 2}, r -> scores[r], 2, null)).extracting(Ranker.Ranked::row).containsExactly(4, 2);
    }

    @Test
    void mmrTradesRelevanceForDiversity() {
        // items 0 and 1 point the same way, item 2 orthogonal; scores 1.0, 0.9, 0.5
        ItemSpace model = space(new float[][] {{1, 0}, {1, 0.01f}, {0, 1}});
        List<Ranker.Ranked> candidates = List.of(new Ranker.Ranked(0, 1.0f), new Ranker.Ranked(1, 0.9f), new Ranker.Ranked(2, 0.5f));
        assertThat(Ranker.diversify(model, candidates, 2, 0.0)).extracting(Ranker.Ranked::row).containsExactly(0, 1);
        // lambda 0.5: item 1 has relevance 0.8 but cosine ~1 to item 0 -> 0.5*0.8 - 0.5*1 = -0.1; item 2: 0.5*0 - 0 = 0
        assertThat(Ranker.diversify(model, candidates, 2, 0.5)).extracting(Ranker.Ranked::row).containsExactly(0, 2);
        // lambda 0.3: item 1: 0.7*0.8 - 0.3 = 0.26 > item 2: 0
        assertThat(Ranker.diversify(model, candidates, 2, 0.3)).extracting(Ranker.Ranked::row).containsExactly(0, 1);
    }

    @Test
    void itemSpaceLooksUpRowsByNodeId() {
        ItemSpace model = space(new float[][] {{1, 0}, {0, 2}});
        assertThat(model.rowHoldingId(false, 501)).isEqualTo(1);
        assertThat(model.rowHoldingId(false, 500)).isZero();
        assertThat(model.rowHoldingId(false, 7)).isEqualTo(-1);
        assertThat(model.rowHoldingId(true, 100)).isZero();
        assertThat(model.rowHoldingId(true, 500)).isEqualTo(-1);
        assertThat(model.itemNorm(1)).isEqualTo(2f);
        assertThat(model.score(new float[] {3, 4}, 1)).isEqualTo(8f);
    }

    /** One user (node 100, embedding [1, 1]) and the given items (nodes 500, 501, ...). */
    static ItemSpace space(float[][] items) {
        int width = items[0].length;
        float[] embeddings = new float[(1 + items.length) * width];
        embeddings[0] = 1;
        embeddings[1] = 1;
        long[] itemIds = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            System.arraycopy(items[i], 0, embeddings, (1 + i) * width, width);
            itemIds[i] = 500 + i;
        }
        return ItemSpace.ofModelRows(width, embeddings, new long[] {100}, itemIds);
    }

    @Test
    void manyRowsScoreToTheSameFloatsAsOneAtATime() {
        java.util.Random random = new java.util.Random(3);
        for (int width : new int[] {1, 5, 64}) {
            int items = 2 * 1024 + 23;
            float[] matrix = new float[items * width];
            for (int v = 0; v < matrix.length; v++) {
                matrix[v] = (float) random.nextGaussian();
            }
            matrix[7 * width] = 0; // item 7: the zero vector when width is 1 (cosine 0)
            ItemSpace space = ItemSpace.ofItems(width, matrix, java.util.stream.LongStream.range(0, items).toArray());
            float[] query = new float[width];
            for (int c = 0; c < width; c++) {
                query[c] = (float) random.nextGaussian();
            }
            // any order, repeats, a length that is not a multiple of four
            int[] rows = {22, 0, 7, 7, 13, 1, 2, 3, 21, 5, 9, items - 1, 1024};
            for (boolean cosine : new boolean[] {false, true}) {
                Ranker.Scorer scorer = Ranker.byQuery(space, query, cosine);
                float[] many = new float[rows.length];
                scorer.scores(rows, many);
                int[] all = java.util.stream.IntStream.range(0, items).toArray();
                float[] allScores = new float[items];
                scorer.scores(all, allScores);
                for (int row = 0; row < items; row++) {
                    assertThat(Float.floatToIntBits(allScores[row])).as("all: width %d cosine %b row %d", width, cosine, row)
                            .isEqualTo(Float.floatToIntBits(scorer.score(row)));
                }
                for (int i = 0; i < rows.length; i++) {
                    assertThat(Float.floatToIntBits(many[i])).as("width %d cosine %b row %d", width, cosine, rows[i])
                            .isEqualTo(Float.floatToIntBits(scorer.score(rows[i])));
                    float dot = Vectors.dot(query, 0, matrix, rows[i] * width, width);
                    assertThat(scorer.score(rows[i])).isEqualTo(cosine ? (space.itemNorm(rows[i]) == 0 ? 0
                            : dot / space.itemNorm(rows[i])) : dot);
                }
            }
        }
    }
}
