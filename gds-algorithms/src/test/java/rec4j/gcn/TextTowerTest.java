package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ridge text tower: hand-computed fits, the fit as the minimiser of its objective, and cold start on a planted
 * problem (two taste groups whose items carry a feature that tells the group; cold items are held out of the graph with
 * all their interactions).
 */
class TextTowerTest {

    static final int USERS = 60, ITEMS = 40, FEATURES = 6;

    @Test
    void fitsAOneDimensionalLineByHand() {
        // x = 0, 1, 2 -> y = 1, 3, 5; centred: x -1, 0, 1 and y -2, 0, 2; XᵀX/n = 2/3, XᵀY/n = 4/3;
        // with l2 = 1/3: w = (4/3) / (2/3 + 1/3) = 4/3; embed(3) = (3 - 1) * 4/3 + 3 = 17/3.
        float[] x = {0, 1, 2};
        float[] y = {1, 3, 5};
        TextTower.Weights t = TextTower.fit(x, 1, y, 1, new int[] {0, 1, 2}, 1.0 / 3, 1);
        assertThat(t.weights()[0]).isCloseTo(4f / 3, within(1e-6f));
        assertThat(t.featureMean()[0]).isEqualTo(1f);
        assertThat(t.embeddingMean()[0]).isEqualTo(3f);
        assertThat(t.embed(new float[] {3})[0]).isCloseTo(17f / 3, within(1e-5f));
        assertThat(t.fittedItems()).isEqualTo(3);
    }

    @Test
    void fitsOnlyTheListedRows() {
        // row 1 (an outlier) is not listed: x 0, 2 -> y 0, 4; centred x -1, 1, y -2, 2; w = 2 / (1 + 1) = 1 at l2 1
        float[] x = {0, 1, 2};
        float[] y = {0, 100, 4};
        TextTower.Weights t = TextTower.fit(x, 1, y, 1, new int[] {0, 2}, 1.0, 1);
        assertThat(t.weights()[0]).isCloseTo(1f, within(1e-6f));
        assertThat(t.embed(new float[] {1})[0]).isCloseTo(2f, within(1e-6f));
    }

    @Test
    void theFitMinimisesTheRidgeObjective() {
        Random random = new Random(3);
        int n = 30, f = 5, w = 3;
        float[] x = new float[n * f];
        float[] y = new float[n * w];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) random.nextGaussian();
        }
        for (int k = 0; k < y.length; k++) {
            y[k] = (float) random.nextGaussian();
        }
        int[] rows = java.util.stream.IntStream.range(0, n).toArray();
        double l2 = 0.05;
        TextTower.Weights t = TextTower.fit(x, f, y, w, rows, l2, 1);
        double[] weights = new double[f * w];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = t.weights()[k];
        }
        // central finite differences of the objective in every weight: zero at the minimum, relative to the size of
        // the objective's gradient at W = 0 (what an unfitted map would see)
        double h = 1e-4;
        double worst = 0, scale = 0;
        double[] zero = new double[f * w];
        for (int k = 0; k < weights.length; k++) {
            double saved = weights[k];
            weights[k] = saved + h;
            double up = objective(x, y, f, w, t, weights, l2);
            weights[k] = saved - h;
            double down = objective(x, y, f, w, t, weights, l2);
            weights[k] = saved;
            worst = Math.max(worst, Math.abs((up - down) / (2 * h)));
            zero[k] = h;
            double upZero = objective(x, y, f, w, t, zero, l2);
            zero[k] = -h;
            double downZero = objective(x, y, f, w, t, zero, l2);
            zero[k] = 0;
            scale = Math.max(scale, Math.abs((upZero - downZero) / (2 * h)));
        }
        assertThat(scale).isGreaterThan(1e-2);
        assertThat(worst / scale).isLessThan(1e-3);
    }

    /** (1/n)|(X − x̄) W + ȳ − Y|² + l2 |W|², over all rows. */
    private static double objective(float[] x, float[] y, int f, int w, TextTower.Weights t, double[] weights, double l2) {
        int n = x.length / f;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < w; c++) {
                double p = t.embeddingMean()[c];
                for (int k = 0; k < f; k++) {
                    p += ((double) x[i * f + k] - t.featureMean()[k]) * weights[k * w + c];
                }
                loss += (p - y[i * w + c]) * (p - y[i * w + c]);
            }
        }
        double penalty = 0;
        for (double v : weights) {
            penalty += v * v;
        }
        return loss / n + l2 * penalty;
    }

    record Planted(Interactions warm, int[] cold, float[] features) {}

    /**
     * Users and items in two groups (by parity); a user likes half of the own group's items and few others. Items
     * 0..7 are cold: all their interactions leave the graph. Item features: column g is about 1 for group g (plus noise),
     * then noise columns; with {@code informative} false every column is noise.
     */
    static Planted planted(long seed, boolean informative) {
        Random random = new Random(seed);
        int[] cold = {0, 1, 2, 3, 4, 5, 6, 7};
        List<int[]> pairs = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int i = cold.length; i < ITEMS; i++) {
                if (random.nextDouble() < (i % 2 == u % 2 ? 0.5 : 0.03)) {
                    pairs.add(new int[] {u, i});
                }
            }
        }
        float[] features = new float[ITEMS * FEATURES];
        for (int i = 0; i < ITEMS; i++) {
            for (int k = 0; k < FEATURES; k++) {
                features[i * FEATURES + k] = (float) (random.nextGaussian() * 0.3);
            }
            if (informative) {
                features[i * FEATURES + i % 2] += 1;
            }
        }
        Interactions warm = Interactions.of(USERS, ITEMS, pairs.stream().mapToInt(p -> p[0]).toArray(),
                pairs.stream().mapToInt(p -> p[1]).toArray(), null, null, 0);
        return new Planted(warm, cold, features);
    }

    /** Share of users whose top half of the cold items (by score with the tower's embeddings) is all of their own group. */
    static double ownGroupOnTop(GcnModel model, TextTower.Weights tower, Planted data) {
        return ownGroupOnTop(model, tower, data, FEATURES);
    }

    private static double ownGroupOnTop(GcnModel model, TextTower.Weights tower, Planted data, int features) {
        float[][] emb = new float[data.cold().length][];
        for (int a = 0; a < emb.length; a++) {
            int item = data.cold()[a];
            emb[a] = tower.embed(java.util.Arrays.copyOfRange(data.features(), item * features, (item + 1) * features));
        }
        int good = 0;
        for (int u = 0; u < USERS; u++) {
            double minOwn = Double.MAX_VALUE, maxOther = -Double.MAX_VALUE;
            for (int a = 0; a < emb.length; a++) {
                double s = 0;
                for (int c = 0; c < model.width(); c++) {
                    s += model.embeddings()[u * model.width() + c] * emb[a][c];
                }
                if (data.cold()[a] % 2 == u % 2) {
                    minOwn = Math.min(minOwn, s);
                } else {
                    maxOther = Math.max(maxOther, s);
                }
            }
            if (minOwn > maxOther) {
                good++;
            }
        }
        return (double) good / USERS;
    }

    /** A small graph-only GCN trained on the planted graph's interactions. */
    private static GcnModel trained(Planted data) {
        GcnParameters p = new GcnParameters(16, 2, 40, 128, 0.01, 1e-4, 1.0, 1, GcnParameters.Fusion.NONE, 0.0, 10, 100, 5L, 1);
        return GcnTrainer.train(data.warm(), null, p, s -> { }, () -> false).model();
    }

    @Test
    void ranksColdItemsOfTheUsersGroupFirstAndIsTheSameAtConcurrency1And4() {
        Planted data = planted(7, true);
        GcnModel model = trained(data);

        TextTower.Weights one = TextTower.fit(model, data.warm(), data.features(), FEATURES, 1e-3, 1);
        TextTower.Weights four = TextTower.fit(model, data.warm(), data.features(), FEATURES, 1e-3, 4);

        assertThat(four.weights()).isEqualTo(one.weights());
        assertThat(four.featureMean()).isEqualTo(one.featureMean());
        assertThat(four.embeddingMean()).isEqualTo(one.embeddingMean());
        assertThat(one.fittedItems()).isEqualTo(ITEMS - data.cold().length);
        assertThat(ownGroupOnTop(model, one, data)).isGreaterThanOrEqualTo(0.95);

        // control: the same graph with features that carry no group
        Planted noise = planted(7, false);
        TextTower.Weights blind = TextTower.fit(model, noise.warm(), noise.features(), FEATURES, 1e-3, 1);
        assertThat(ownGroupOnTop(model, blind, noise)).isLessThan(0.5);
    }

    @Test
    void placesTheItemsWithoutInteractionsByTheirTextAndKeepsEveryOtherRow() {
        Planted data = planted(7, true);
        GcnModel model = trained(data);
        TextTower.Weights tower = TextTower.fit(model, data.warm(), data.features(), FEATURES, 1e-3, 1);
        float[] features = data.features().clone();
        java.util.Arrays.fill(features, 7 * FEATURES, 8 * FEATURES, 0f); // cold item 7 has no text

        TextTower.Placed placed = TextTower.placeItemsWithoutInteractions(model, data.warm(), features, tower);

        assertThat(placed.items()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        int w = model.width();
        for (int i = 0; i < ITEMS; i++) {
            float[] row = java.util.Arrays.copyOfRange(placed.model().embeddings(), (USERS + i) * w, (USERS + i + 1) * w);
            float[] trained = java.util.Arrays.copyOfRange(model.embeddings(), (USERS + i) * w, (USERS + i + 1) * w);
            assertThat(row).as("item %d", i).isEqualTo(i < 7
                    ? tower.embed(java.util.Arrays.copyOfRange(features, i * FEATURES, (i + 1) * FEATURES)) : trained);
        }
        assertThat(java.util.Arrays.copyOf(placed.model().embeddings(), USERS * w))
                .isEqualTo(java.util.Arrays.copyOf(model.embeddings(), USERS * w));
        // the trained rows of items no one interacted with do not rank them by the user's group; placed, they do
        Planted six = new Planted(data.warm(), new int[] {0, 1, 2, 3, 4, 5}, data.features());
        assertThat(ownGroupOnTop(placed.model(), six)).isGreaterThanOrEqualTo(0.95);
        // (at most one global order: one parity group's three first for everyone serves half the users)
        assertThat(ownGroupOnTop(model, six)).isLessThanOrEqualTo(0.5);
        // a model with every item interacted with is returned as it is
        assertThat(TextTower.placeItemsWithoutInteractions(model, data.warm(), new float[ITEMS * FEATURES], tower).model())
                .isSameAs(model);
    }

    /** As {@link #ownGroupOnTop(GcnModel, TextTower.Weights, Planted)} with the model's own item rows. */
    static double ownGroupOnTop(GcnModel model, Planted data) {
        int w = model.width();
        TextTower.Weights rows = new TextTower.Weights(ITEMS, w, identityRows(model), new float[ITEMS], new float[w], 0, 1);
        float[] oneHot = new float[ITEMS * ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            oneHot[i * ITEMS + i] = 1;
        }
        return ownGroupOnTop(model, rows, new Planted(data.warm(), data.cold(), oneHot), ITEMS);
    }

    /** Weights that map item i's one-hot vector to its row in the model. */
    private static float[] identityRows(GcnModel model) {
        return java.util.Arrays.copyOfRange(model.embeddings(), model.users() * model.width(),
                (model.users() + model.items()) * model.width());
    }

    @Test
    void rejectsBadInputNamingIt() {
        float[] x = {0, 1, 2};
        float[] y = {1, 3, 5};
        int[] rows = {0, 1, 2};
        assertThatThrownBy(() -> TextTower.fit(x, 1, y, 1, rows, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("l2").hasMessageContaining("0.0");
        assertThatThrownBy(() -> TextTower.fit(x, 1, y, 1, rows, 1e-3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concurrency");
        assertThatThrownBy(() -> TextTower.fit(x, 1, y, 1, new int[] {0}, 1e-3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> TextTower.fit(x, 1, new float[] {1, 2}, 1, rows, 1e-3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same rows");
        assertThatThrownBy(() -> TextTower.fit(new float[] {0, Float.NaN, 2}, 1, y, 1, rows, 1e-3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        TextTower.Weights t = TextTower.fit(x, 1, y, 1, rows, 1e-3, 1);
        assertThatThrownBy(() -> t.embed(new float[] {1, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 1 feature values, got 2");
        assertThatThrownBy(() -> new TextTower.Weights(2, 1, new float[] {1}, new float[] {0, 0}, new float[] {0}, 3, 1e-3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
