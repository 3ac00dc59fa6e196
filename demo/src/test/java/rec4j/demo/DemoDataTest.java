package rec4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {

    private static final DemoData.Catalog DEFAULT = DemoData.generate(DemoData.Params.DEFAULT);

    @Test
    void defaultSizeIsExact() {
        assertThat(DEFAULT.users()).hasSize(2_000);
        assertThat(DEFAULT.items()).hasSize(1_000);
        assertThat(DEFAULT.ratings()).hasSize(50_000);
        Set<Long> pairs = DEFAULT.ratings().stream().map(r -> (long) r.userId() * 1_000_000 + r.itemId()).collect(Collectors.toSet());
        assertThat(pairs).as("unique (user, item) pairs").hasSize(50_000);
        assertThat(DEFAULT.users().stream().allMatch(u -> !u.favoriteCategories().isEmpty() && u.favoriteCategories().size() <= 3)).isTrue();
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherData(@TempDir Path dir) throws Exception {
        DemoData.Params small = new DemoData.Params(300, 120, 3_000, 7);
        DemoData.writeCsv(DemoData.generate(small), dir.resolve("a"));
        DemoData.writeCsv(DemoData.generate(small), dir.resolve("b"));
        DemoData.writeCsv(DemoData.generate(new DemoData.Params(300, 120, 3_000, 8)), dir.resolve("c"));
        for (String file : new String[] {"users.csv", "items.csv", "ratings.csv"}) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(file))).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
        }
        assertThat(Files.readString(dir.resolve("a/ratings.csv"))).isNotEqualTo(Files.readString(dir.resolve("c/ratings.csv")));
        assertThat(Files.readAllLines(dir.resolve("a/ratings.csv"))).hasSize(3_001).first().isEqualTo("userId,itemId,rating,timestamp,review");
    }

    @Test
    void tastesArePlantedAndRatingsFollowThem() {
        Map<Integer, Set<String>> taste = new HashMap<>();
        DEFAULT.users().forEach(u -> taste.put(u.userId(), new HashSet<>(u.favoriteCategories())));
        Map<Integer, String> category = new HashMap<>();
        DEFAULT.items().forEach(i -> category.put(i.itemId(), i.category()));
        long inTaste = 0;
        double ratingIn = 0, ratingOut = 0;
        for (DemoData.Rating r : DEFAULT.ratings()) {
            if (taste.get(r.userId()).contains(category.get(r.itemId()))) {
                inTaste++;
                ratingIn += r.rating();
            } else {
                ratingOut += r.rating();
            }
        }
        long outTaste = DEFAULT.ratings().size() - inTaste;
        // 80 % chosen in a favourite category, plus random picks that happen to land in one
        assertThat((double) inTaste / DEFAULT.ratings().size()).isBetween(0.80, 0.88);
        assertThat(ratingIn / inTaste).isGreaterThan(4.0);
        assertThat(ratingOut / outTaste).isLessThan(2.6);
    }

    @Test
    void reviewsAgreeWithRatings() {
        long reviews = DEFAULT.ratings().stream().filter(r -> r.review() != null).count();
        assertThat((double) reviews / DEFAULT.ratings().size()).isCloseTo(0.3, within(0.02));
        for (DemoData.Rating r : DEFAULT.ratings()) {
            if (r.review() == null) {
                continue;
            }
            if (r.rating() >= 4) {
                assertThat(r.review()).containsAnyOf("love", "Really good");
            } else if (r.rating() <= 2) {
                assertThat(r.review()).containsAnyOf("Disappointed", "Terrible");
            } else {
                assertThat(r.review()).contains("okay");
            }
        }
    }

    @Test
    void itemIdsSayNothingAboutPopularity() {
        Map<Integer, Integer> popularity = new HashMap<>();
        DEFAULT.ratings().forEach(r -> popularity.merge(r.itemId(), 1, Integer::sum));
        int n = DEFAULT.items().size();
        double meanId = (n + 1) / 2.0, meanPop = 50_000.0 / n, cov = 0, varId = 0, varPop = 0;
        for (int id = 1; id <= n; id++) {
            double p = popularity.getOrDefault(id, 0);
            cov += (id - meanId) * (p - meanPop);
            varId += (id - meanId) * (id - meanId);
            varPop += (p - meanPop) * (p - meanPop);
        }
        assertThat(cov / Math.sqrt(varId * varPop)).isBetween(-0.1, 0.1);
        // ... while popularity itself is skewed (Zipf within a category)
        int max = popularity.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(max).isGreaterThan(5 * (int) meanPop);
    }

    @Test
    void sizeKnobScalesToAMillionAndRejectsBadSizes() {
        DemoData.Params million = DemoData.Params.scaledTo(1_000_000, 1);
        assertThat(million.users()).isEqualTo(6_000);
        assertThat(million.items()).isEqualTo(4_000);
        assertThatThrownBy(() -> DemoData.Params.scaledTo(1_000_001, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interactions must be <= 1000000, got 1000001");
        assertThatThrownBy(() -> new DemoData.Params(0, 100, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("users must be > 0, got 0");
        assertThatThrownBy(() -> new DemoData.Params(10, 20, 101, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interactions must be <= users * items / 2 = 100");
    }
}
