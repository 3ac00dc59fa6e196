package rec4j.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * A seeded, realistic-looking shop catalog with planted structure that tests can check:
 * <ul>
 *   <li>each user has 1-3 favourite categories ({@code User.favoriteCategories}, the ground truth);</li>
 *   <li>{@value #FAVOURITE_SHARE} of a user's interactions fall in a favourite category and are rated high
 *       (mostly 4-5); the rest are spread over all categories and rated low (mostly 1-3);</li>
 *   <li>within a category, item popularity follows a Zipf law over a random order of items, so item ids
 *       say nothing about popularity;</li>
 *   <li>{@value #REVIEW_SHARE} of the interactions carry an English review whose sentiment agrees with the
 *       rating (4-5 positive, 3 neutral, 1-2 negative).</li>
 * </ul>
 * Same parameters, same files, byte for byte.
 */
public final class DemoData {

    static final double FAVOURITE_SHARE = 0.8;
    static final double REVIEW_SHARE = 0.3;
    public static final int MAX_INTERACTIONS = 1_000_000;
    private static final long START_EPOCH_SECONDS = 1_704_067_200L; // 2024-01-01T00:00:00Z
    private static final long YEAR_SECONDS = 365L * 24 * 3600;

    /** The size knobs; {@link #DEFAULT} is about 2,000 users, 1,000 items and 50,000 interactions. */
    public record Params(int users, int items, int interactions, long seed) {
        public static final Params DEFAULT = new Params(2_000, 1_000, 50_000, 42L);

        public Params {
            positive("users", users);
            positive("items", items);
            positive("interactions", interactions);
            if (items < CATEGORIES.size()) {
                throw new IllegalArgumentException("items must be >= " + CATEGORIES.size() + " (one per category), got " + items);
            }
            if (interactions > MAX_INTERACTIONS) {
                throw new IllegalArgumentException("interactions must be <= " + MAX_INTERACTIONS + ", got " + interactions);
            }
            if ((long) interactions > (long) users * items / 2) {
                throw new IllegalArgumentException("interactions must be <= users * items / 2 = "
                        + ((long) users * items / 2) + ", got " + interactions);
            }
        }

        /** A catalog of the given number of interactions with users and items scaled like the default (and the 1M benchmark). */
        public static Params scaledTo(int interactions, long seed) {
            if (interactions <= 50_000) {
                return new Params(DEFAULT.users, DEFAULT.items, interactions, seed);
            }
            double f = (interactions - 50_000) / 950_000.0; // 50k -> 2,000 x 1,000; 1M -> 6,000 x 4,000
            return new Params((int) Math.round(2_000 + f * 4_000), (int) Math.round(1_000 + f * 3_000), interactions, seed);
        }

        private static void positive(String key, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(key + " must be > 0, got " + value);
            }
        }
    }

    public record Category(String name, List<String> nouns, List<String> praise, List<String> complaints) {}

    public record Item(int itemId, String title, String category, String description, double price, String noun) {}

    public record User(int userId, String name, List<String> favoriteCategories) {}

    public record Rating(int userId, int itemId, int rating, long timestamp, String review) {}

    public record Catalog(List<User> users, List<Item> items, List<Rating> ratings) {}

    /** The categories, their product nouns and review phrases: {@code categories.txt} beside this class. */
    static final List<Category> CATEGORIES = readCategories();

    private static final List<String> ADJECTIVES = List.of("Classic", "Summit", "Urban", "Nordic", "Compact", "Pro", "Everyday",
            "Vintage", "Lightweight", "Premium", "Coastal", "Essential", "Deluxe", "Rugged", "Studio", "Wild");
    private static final List<String> FIRST_NAMES = List.of("Alice", "Bob", "Chen", "Dana", "Emeka", "Fatima", "Gus", "Hana",
            "Ivan", "Jo", "Kai", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara");

    private DemoData() {}

    public static Catalog generate(Params params) {
        Random random = new Random(params.seed());
        int categories = CATEGORIES.size();

        // Items: category round-robin, a random popularity order per category, Zipf weights over that order.
        List<Item> items = new ArrayList<>(params.items());
        List<List<Integer>> itemsByCategory = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            itemsByCategory.add(new ArrayList<>());
        }
        double[] quality = new double[params.items()];
        for (int id = 0; id < params.items(); id++) {
            Category category = CATEGORIES.get(id % categories);
            String noun = pick(category.nouns(), random);
            String adjective = pick(ADJECTIVES, random);
            String title = adjective + " " + capitalize(noun) + " " + (100 + random.nextInt(900));
            String description = "A " + adjective.toLowerCase() + " " + noun + " that " + pick(category.praise(), random)
                    + ". Made for people who love " + category.name().toLowerCase() + ", and it "
                    + pick(category.praise(), random) + ".";
            double price = Math.round((5 + random.nextDouble() * 195) * 100) / 100.0;
            items.add(new Item(id + 1, title, category.name(), description, price, noun));
            itemsByCategory.get(id % categories).add(id);
            quality[id] = random.nextGaussian() * 0.5;
        }
        double[][] cumulative = new double[categories][];
        int[][] order = new int[categories][];
        for (int c = 0; c < categories; c++) {
            List<Integer> members = new ArrayList<>(itemsByCategory.get(c));
            java.util.Collections.shuffle(members, random);
            order[c] = members.stream().mapToInt(Integer::intValue).toArray();
            cumulative[c] = new double[order[c].length];
            double sum = 0;
            for (int rank = 0; rank < order[c].length; rank++) {
                sum += 1.0 / Math.pow(rank + 1, 0.8);
                cumulative[c][rank] = sum;
            }
        }

        // Users: 1-3 favourite categories, some categories more popular than others.
        double[] categoryCumulative = new double[categories];
        double categorySum = 0;
        for (int c = 0; c < categories; c++) {
            categorySum += 1.0 / (c + 2);
            categoryCumulative[c] = categorySum;
        }
        List<User> users = new ArrayList<>(params.users());
        int[][] favourites = new int[params.users()][];
        for (int u = 0; u < params.users(); u++) {
            int count = 1 + random.nextInt(3);
            Set<Integer> chosen = new java.util.LinkedHashSet<>();
            while (chosen.size() < count) {
                chosen.add(sample(categoryCumulative, random));
            }
            favourites[u] = chosen.stream().mapToInt(Integer::intValue).toArray();
            List<String> names = chosen.stream().map(c -> CATEGORIES.get(c).name()).toList();
            users.add(new User(u + 1, FIRST_NAMES.get(u % FIRST_NAMES.size()) + " " + (u / FIRST_NAMES.size() + 1), names));
        }

        // Interactions: activity differs per user (0.3x to 1.7x the mean); exactly params.interactions() pairs.
        int[] counts = activity(params, random);
        List<Rating> ratings = new ArrayList<>(params.interactions());
        for (int u = 0; u < params.users(); u++) {
            int wanted = counts[u];
            Set<Integer> seen = new HashSet<>();
            for (int k = 0; k < wanted; k++) {
                boolean favourite = random.nextDouble() < FAVOURITE_SHARE;
                int item = -1;
                for (int attempt = 0; attempt < 50 && item < 0; attempt++) {
                    int c = favourite ? favourites[u][random.nextInt(favourites[u].length)] : random.nextInt(categories);
                    int candidate = order[c][sample(cumulative[c], random)];
                    if (!seen.contains(candidate)) {
                        item = candidate;
                    }
                }
                while (item < 0 || seen.contains(item)) { // dense user: fall back to any unseen item
                    item = random.nextInt(params.items());
                }
                seen.add(item);
                Item it = items.get(item);
                boolean liked = Arrays.stream(favourites[u]).anyMatch(c -> CATEGORIES.get(c).name().equals(it.category()));
                double score = (liked ? 4.3 : 2.2) + quality[item] + random.nextGaussian() * 0.7;
                int rating = (int) Math.max(1, Math.min(5, Math.round(score)));
                long timestamp = START_EPOCH_SECONDS + (long) (random.nextDouble() * YEAR_SECONDS);
                String review = random.nextDouble() < REVIEW_SHARE ? review(rating, it, random) : null;
                ratings.add(new Rating(u + 1, it.itemId(), rating, timestamp, review));
            }
        }
        return new Catalog(users, items, ratings);
    }

    private static List<Category> readCategories() {
        List<Category> categories = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(DemoData.class.getResourceAsStream("categories.txt"), "categories.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split(" \\| ");
                if (columns.length != 4) {
                    throw new IllegalStateException("categories.txt: not 'name | nouns | praise | complaints': " + line);
                }
                categories.add(new Category(columns[0].strip(), entries(columns[1]), entries(columns[2]), entries(columns[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(categories);
    }

    private static List<String> entries(String column) {
        return Arrays.stream(column.split(";")).map(String::strip).toList();
    }

    private static int[] activity(Params params, Random random) {
        int cap = Math.max(1, params.items() / 2);
        double[] weight = new double[params.users()];
        double sum = 0;
        for (int u = 0; u < weight.length; u++) {
            weight[u] = 0.3 + 1.4 * random.nextDouble();
            sum += weight[u];
        }
        int[] counts = new int[params.users()];
        int total = 0;
        for (int u = 0; u < counts.length; u++) {
            counts[u] = Math.min(cap, (int) (params.interactions() * weight[u] / sum));
            total += counts[u];
        }
        for (int u = 0; total < params.interactions(); u = (u + 1) % counts.length) {
            if (counts[u] < cap) {
                counts[u]++;
                total++;
            }
        }
        return counts;
    }

    /** Writes users.csv, items.csv and ratings.csv (RFC 4180, UTF-8, with headers) into {@code directory}. */
    public static void writeCsv(Catalog catalog, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve("users.csv"), StandardCharsets.UTF_8)) {
            out.write("userId,name,favoriteCategories\n");
            for (User user : catalog.users()) {
                row(out, user.userId(), user.name(), String.join(";", user.favoriteCategories()));
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve("items.csv"), StandardCharsets.UTF_8)) {
            out.write("itemId,title,category,description,price\n");
            for (Item item : catalog.items()) {
                row(out, item.itemId(), item.title(), item.category(), item.description(), item.price());
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve("ratings.csv"), StandardCharsets.UTF_8)) {
            out.write("userId,itemId,rating,timestamp,review\n");
            for (Rating r : catalog.ratings()) {
                row(out, r.userId(), r.itemId(), r.rating(), r.timestamp(), r.review() == null ? "" : r.review());
            }
        }
    }

    private static String review(int rating, Item item, Random random) {
        Category category = CATEGORIES.stream().filter(c -> c.name().equals(item.category())).findFirst().orElseThrow();
        return switch (rating) {
            case 5 -> "Absolutely love this " + item.noun() + "! It " + pick(category.praise(), random) + ".";
            case 4 -> "Really good " + item.noun() + ", it " + pick(category.praise(), random) + ".";
            case 3 -> "The " + item.noun() + " is okay. Nothing special, it does the job.";
            case 2 -> "Disappointed with this " + item.noun() + ": it " + pick(category.complaints(), random) + ".";
            default -> "Terrible " + item.noun() + ". It " + pick(category.complaints(), random) + ", avoid it.";
        };
    }

    private static void row(BufferedWriter out, Object... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            String value = String.valueOf(fields[i]);
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
                value = '"' + value.replace("\"", "\"\"") + '"';
            }
            out.write(value);
        }
        out.write('\n');
    }

    private static int sample(double[] cumulative, Random random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String capitalize(String s) {
        StringBuilder out = new StringBuilder();
        for (String word : s.split(" ")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
