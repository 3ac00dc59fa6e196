package rec4j.config;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one check for every user-given name that becomes a path: model names of every kind (GCN and sentiment models,
 * dropped ones included) and the relative paths of text-model directories. A name that fails is an
 * IllegalArgumentException naming the key and the rule; nothing outside the model directory is ever resolved.
 */
public final class ModelNames {

    /** A model name: a file name without separators, starting with a letter or digit ("..", "/x", "a/b" fail). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Names and paths in messages are shortened beyond this many characters. */
    private static final int SHOWN = 80;

    private ModelNames() {}

    /** {@code name} when it is a valid model name, else an error for {@code key}. */
    public static String require(String procedure, String key, String name) {
        if (name == null) {
            throw new IllegalArgumentException(procedure + ": '" + key + "' is required (a model name), got null");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(procedure + ": '" + key + "' must be 1-128 letters, digits, '.', '_' or '-' "
                    + "starting with a letter or digit, got " + ConfigMap.shown(name, SHOWN));
        }
        return name;
    }

    /** Whether {@code name} is a valid model name. */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * The file of a model: {@code directory/name + suffix}, after the name check, and checked once more to lie directly
     * in {@code directory}.
     */
    public static Path file(String procedure, Path directory, String name, String suffix) {
        require(procedure, "modelName", name);
        Path root = directory.toAbsolutePath().normalize();
        Path file = root.resolve(name + suffix).normalize();
        if (!root.equals(file.getParent())) {
            throw new IllegalStateException("model file of '" + name + "' resolved outside its directory");
        }
        return file;
    }

    /**
     * A text-model directory given by its path relative to the model directory {@code root}: normalised, it must stay
     * inside root (symbolic links resolved) and exist. Errors show the name as given, never an absolute path.
     */
    public static Path directoryUnder(String key, Path root, String relative) {
        if (relative == null || relative.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' must be a non-empty string");
        }
        Path base = root.toAbsolutePath().normalize();
        Path directory;
        try {
            directory = base.resolve(relative).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("'" + key + "' " + ConfigMap.shown(relative, SHOWN) + " is not a valid path");
        }
        if (Path.of(relative).isAbsolute() || !directory.startsWith(base) || directory.equals(base)) {
            throw new IllegalArgumentException("'" + key + "' " + ConfigMap.shown(relative, SHOWN) + " is outside the allowed model "
                    + "directory (setting server.rec4j.model_directory); give a path relative to it");
        }
        try {
            if (java.nio.file.Files.isDirectory(directory)
                    && directory.toRealPath().startsWith(base.toRealPath())) {
                return directory.toRealPath();
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + key + "' " + ConfigMap.shown(relative, SHOWN) + " is neither 'all-MiniLM-L6-v2' nor a "
                + "directory under the model directory (setting server.rec4j.model_directory)");
    }
}
