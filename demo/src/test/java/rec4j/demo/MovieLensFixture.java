package rec4j.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A tiny data set in GroupLens' MovieLens 100K file formats (never the real data), with planted taste: movies 1-20 are
 * comedies (the odd ones also animation), 21-40 horror films (the odd ones also thrillers); viewers 1-15 like comedies,
 * 16-30 horror. Each viewer rates 12 movies of their genre 4 or 5 and 3 of the other 1 or 2 (seeded).
 * Files: u.genre (name|position), u.item (pipe-separated, ISO-8859-1, 19 genre flags), u.data (tab-separated), and,
 * optionally, a plot file items_text.tsv as cypher/12-movielens-plots reads it.
 */
final class MovieLensFixture {

    static final int VIEWERS = 30;
    static final int MOVIES = 40;
    static final int LIKED_PER_VIEWER = 12;
    static final int DISLIKED_PER_VIEWER = 3;
    static final List<String> GENRES = List.of("unknown", "Action", "Adventure", "Animation", "Children's", "Comedy",
            "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
            "Thriller", "War", "Western");
    /** Movies in the plot file with an empty plot. */
    static final List<Integer> NO_PLOT = List.of(20, 40);

    private MovieLensFixture() {}

    static boolean isComedy(int movieId) {
        return movieId <= MOVIES / 2;
    }

    static boolean likesComedy(int viewerId) {
        return viewerId <= VIEWERS / 2;
    }

    /** The movie's genres in u.genre order. */
    static List<String> genres(int movieId) {
        boolean odd = movieId % 2 == 1;
        if (isComedy(movieId)) {
            return odd ? List.of("Animation", "Comedy") : List.of("Comedy");
        }
        return odd ? List.of("Horror", "Thriller") : List.of("Horror");
    }

    static String title(int movieId) {
        return (isComedy(movieId) ? "Laughing Matters " : "The Dark Cellar ") + movieId + " (199" + movieId % 10 + ")";
    }

    static String plot(int movieId) {
        if (movieId == 2) {
            return "Two friends open a \"bakery\" that sells only jokes; a warm, silly comedy.";
        }
        return isComedy(movieId)
                ? "A hilarious family comedy: a clumsy dad, a talking dog and a birthday party that goes wrong."
                : "A terrifying horror story: a family moves into a haunted house where something waits in the cellar.";
    }

    /** Writes u.genre, u.item, u.data and, with {@code plots}, items_text.tsv into {@code dir}; returns the ratings. */
    static List<int[]> write(Path dir, boolean plots) throws IOException {
        Files.createDirectories(dir);
        StringBuilder genre = new StringBuilder();
        for (int g = 0; g < GENRES.size(); g++) {
            genre.append(GENRES.get(g)).append('|').append(g).append('\n');
        }
        Files.writeString(dir.resolve("u.genre"), genre.append('\n'), StandardCharsets.ISO_8859_1);

        StringBuilder item = new StringBuilder();
        for (int m = 1; m <= MOVIES; m++) {
            item.append(m).append('|').append(title(m)).append("|01-Jan-199").append(m % 10)
                    .append("||http://example.org/movie?").append(m);
            for (String g : GENRES) {
                item.append('|').append(genres(m).contains(g) ? '1' : '0');
            }
            item.append('\n');
        }
        Files.writeString(dir.resolve("u.item"), item, StandardCharsets.ISO_8859_1);

        Random random = new Random(15);
        List<int[]> ratings = new ArrayList<>();
        for (int v = 1; v <= VIEWERS; v++) {
            List<Integer> own = new ArrayList<>();
            List<Integer> other = new ArrayList<>();
            for (int m = 1; m <= MOVIES; m++) {
                (isComedy(m) == likesComedy(v) ? own : other).add(m);
            }
            Collections.shuffle(own, random);
            Collections.shuffle(other, random);
            for (int m : own.subList(0, LIKED_PER_VIEWER)) {
                ratings.add(new int[] {v, m, 4 + random.nextInt(2)});
            }
            for (int m : other.subList(0, DISLIKED_PER_VIEWER)) {
                ratings.add(new int[] {v, m, 1 + random.nextInt(2)});
            }
        }
        StringBuilder data = new StringBuilder();
        long time = 874_965_758L;
        for (int[] r : ratings) {
            data.append(r[0]).append('\t').append(r[1]).append('\t').append(r[2]).append('\t').append(time += 3_600).append('\n');
        }
        Files.writeString(dir.resolve("u.data"), data, StandardCharsets.ISO_8859_1);

        Path plotFile = dir.resolve("items_text.tsv");
        if (plots) {
            StringBuilder text = new StringBuilder("item_id\ttitle\tplot\n");
            for (int m = 1; m <= MOVIES; m++) {
                text.append(m).append('\t').append(title(m)).append('\t').append(NO_PLOT.contains(m) ? "" : plot(m)).append('\n');
            }
            text.append("999\tNot In u.item (1999)\tA movie that MovieLens does not have.\n");
            Files.writeString(plotFile, text, StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(plotFile);
        }
        return ratings;
    }
}
