package rec4j.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The model directory as a whole: what concerns every catalog's files (GCN, sentiment, EASE) at once. */
public final class ModelDirectory {

    private ModelDirectory() {}

    /**
     * Deletes the temporary files that a save interrupted by a crash left in the catalogs' directories (at start-up,
     * before any procedure can save); returns how many.
     */
    public static int removeStaleTempFiles(Path modelDirectory) {
        int removed = 0;
        for (String kind : List.of("gcn", "sentiment", "ease")) {
            Path base = modelDirectory.resolve(kind);
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(base, 2)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f) && ModelFiles.isTempFile(f.getFileName().toString())) {
                        Files.deleteIfExists(f);
                        removed++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot clean temporary files under the model directory", e);
            }
        }
        return removed;
    }
}
