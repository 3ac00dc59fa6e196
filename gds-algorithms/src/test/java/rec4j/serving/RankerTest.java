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
                scorer.scores(rows, rows.length, many);
                int[] all = java.util.stream.IntStream.range(0, items).toArray();
                float[] allScores = new float[items];
                scorer.scores(all, all.length, allScores);
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

    /** The same scorer without its bound order: every eligible row is scored. */
    private static Ranker.Scorer everyRow(Ranker.Scorer scorer) {
        return new Ranker.Scorer() {
            @Override
            public float score(int row) {
                return scorer.score(row);
            }

            @Override
            public void scores(int[] rows, int n, float[] out) {
                scorer.scores(rows, n, out);
            }
        };
    }

    @Test
    void theBoundedScanRanksAsScoringEveryRow() {
        java.util.Random random = new java.util.Random(11);
        int width = 16, items = 3_000;
        float[] matrix = new float[items * width];
        for (int i = 0; i < items; i++) {
            // norms spread over two orders of magnitude, as popularity spreads trained embeddings
            double scale = Math.pow(100, random.nextDouble());
            for (int c = 0; c < width; c++) {
                matrix[i * width + c] = (float) (scale * random.nextGaussian());
            }
        }
        // exact ties: items 100..109 copy item 5; a zero vector; a tiny vector (underflowing products)
        for (int i = 100; i < 110; i++) {
            System.arraycopy(matrix, 5 * width, matrix, i * width, width);
        }
        java.util.Arrays.fill(matrix, 200 * width, 201 * width, 0f);
        java.util.Arrays.fill(matrix, 201 * width, 202 * width, 1e-30f);
        long[] ids = java.util.stream.LongStream.range(0, items).toArray();
        ItemSpace space = ItemSpace.ofModelRows(width, matrix, new long[0], ids); // a trained model's: stored by norm
        ItemSpace original = space;
        int scored = 0;
        for (int query = 0; query < 200; query++) {
            float[] q = new float[width];
            if (query % 10 == 0) {
                System.arraycopy(matrix, 5 * width, q, 0, width); // the tied items at the top
            } else if (query % 10 == 1) {
                // items 1000..1999, in pairs of one vector: norm 500 (above every other item's), cosines to the
                // query within 1e-5 of 1, so their scores crowd just under the bound and their norm order is not
                // their score order
                for (int c = 0; c < width; c++) {
                    q[c] = (float) random.nextGaussian();
                }
                float[] aligned = matrix.clone();
                for (int i = 1000; i < 2000; i += 2) {
                    float[] v = new float[width];
                    for (int c = 0; c < width; c++) {
                        v[c] = q[c] + (float) (2e-3 * random.nextDouble() * random.nextGaussian());
                    }
                    float norm = (float) Math.sqrt(Vectors.dot(v, 0, v, 0, width));
                    for (int c = 0; c < width; c++) {
                        aligned[i * width + c] = aligned[(i + 1) * width + c] = 500 * v[c] / norm;
                    }
                }
                space = ItemSpace.ofModelRows(width, aligned, new long[0], ids);
            } else {
                for (int c = 0; c < width; c++) {
                    q[c] = (float) random.nextGaussian();
                }
            }
            boolean cosine = query % 10 == 7;
            Ranker.Scorer bounded = Ranker.byQuery(space, q, cosine);
            assertThat(bounded.boundOrder()).isNotNull();
            if (query % 10 == 1) {
                space = original;
            }
            java.util.BitSet excluded = new java.util.BitSet();
            for (int e = 0; e < 50; e++) {
                excluded.set(random.nextInt(items));
            }
            int k = 1 + random.nextInt(40);
            java.util.function.IntPredicate eligible = row -> !excluded.get(row);
            java.util.function.IntPredicate accept = query % 3 == 0 ? row -> row % 7 != 0 : null;
            int[] counted = new int[1];
            java.util.function.IntPredicate counting = row -> {
                counted[0]++;
                return eligible.test(row);
            };
            List<Ranker.Ranked> expected = Ranker.top(items, everyRow(bounded), k, eligible, accept);
            List<Ranker.Ranked> actual = Ranker.top(items, bounded, k, counting, accept);
            assertThat(actual).as("query %d k %d", query, k).isEqualTo(expected);
            scored += counted[0];
        }
        // the bound prunes: far fewer rows are looked at than 200 full scans
        assertThat(scored).isLessThan(200 * items / 2);
    }

    @Test
    void cosineAndNonFiniteQueriesHaveNoBound() {
        ItemSpace space = space(new float[][] {{1, 0}, {0, 2}});
        Ranker.Scorer dot = Ranker.byQuery(space, new float[] {1, 1}, false);
        assertThat(dot.boundOrder()).containsExactly(1, 0);
        assertThat(dot.upperBound(1)).isGreaterThanOrEqualTo(2 * Math.sqrt(2)).isLessThan(2.8285); // |q| |v|, widened
        assertThat(Ranker.byQuery(space, new float[] {1, 1}, true).upperBound(1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Ranker.byQuery(space, new float[] {Float.POSITIVE_INFINITY, 1}, false).upperBound(1))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Ranker.top(2, dot, 0, r -> true, null)).isEmpty();
        // a space taken as it is (not stored by norm) is scanned row by row
        assertThat(Ranker.byQuery(ItemSpace.ofItems(2, new float[] {1, 0, 0, 2}, new long[] {5, 6}), new float[] {1, 1},
                false).boundOrder()).isNull();
        // reads by row, whatever the storage order
        assertThat(space.itemVector(1)).containsExactly(0, 2);
        assertThat(space.itemValue(0, 0)).isEqualTo(1);
        assertThat(space.itemDot(0, 1)).isZero();
    }
}
