package rec4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a Cypher config map once, at the procedure boundary: typed getters whose errors name the key, the
 * value and what is allowed, and {@link #rejectUnknown} for keys that no getter asked for.
 */
public final class ConfigMap {

    /**
     * The longest string a getter accepts: configuration strings are names (of labels, properties, models, indexes) or
     * a text model's URL, and a longer one is a mistake that would otherwise become a property key or be echoed back.
     */
    public static final int MAX_STRING_LENGTH = 4096;

    /** Values longer than this are shortened in messages. */
    private static final int MAX_SHOWN = 200;

    private final String procedure;
    private final Map<String, Object> map;
    private final Set<String> known = new TreeSet<>();

    /**
     * @throws IllegalArgumentException when {@code map} is null: a procedure's configuration argument given as an explicit
     *         null (leaving the argument out gives its default, an empty map)
     */
    public ConfigMap(String procedure, Map<String, Object> map) {
        if (map == null) {
            throw new IllegalArgumentException(procedure + ": 'config' must be a map, got null");
        }
        this.procedure = procedure;
        this.map = map;
    }

    public String string(String key, String defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw invalid(key, value, "a non-empty string");
        }
        if (s.length() > MAX_STRING_LENGTH) {
            throw invalid(key, value, "a non-empty string of at most " + MAX_STRING_LENGTH + " characters");
        }
        return s;
    }

    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null) {
            throw new IllegalArgumentException(procedure + ": '" + key + "' is required (a non-empty string)");
        }
        return value;
    }

    /** A list of non-empty strings; a single string is accepted as a list of one. */
    public List<String> stringList(String key, List<String> defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        List<?> raw = value instanceof String ? List.of(value) : value instanceof List<?> list ? list : null;
        if (raw == null || raw.isEmpty()) {
            throw invalid(key, value, "a non-empty list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object item : raw) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw invalid(key, value, "a non-empty list of non-empty strings");
            }
            if (s.length() > MAX_STRING_LENGTH) {
                throw invalid(key, value, "a non-empty list of non-empty strings of at most " + MAX_STRING_LENGTH
                        + " characters");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    public List<String> requiredStringList(String key) {
        List<String> value = stringList(key, null);
        if (value == null) {
            throw new IllegalArgumentException(procedure + ": '" + key + "' is required (a non-empty list of strings)");
        }
        return value;
    }

    public int intInRange(String key, int defaultValue, int min, int max) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Long || value instanceof Integer) || ((Number) value).longValue() < min
                || ((Number) value).longValue() > max) {
            throw invalid(key, value, "an integer in [" + min + ", " + max + "]");
        }
        return ((Number) value).intValue();
    }

    /** A non-empty list of integers in [min, max]; a single integer is accepted as a list of one. */
    public List<Integer> intList(String key, List<Integer> defaultValue, int min, int max) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        List<?> raw = value instanceof List<?> list ? list : List.of(value);
        List<Integer> out = new ArrayList<>();
        for (Object item : raw) {
            if (!(item instanceof Long || item instanceof Integer) || ((Number) item).longValue() < min
                    || ((Number) item).longValue() > max) {
                out = null;
                break;
            }
            out.add(((Number) item).intValue());
        }
        if (out == null || out.isEmpty()) {
            throw invalid(key, value, "an integer or a non-empty list of integers in [" + min + ", " + max + "]");
        }
        return List.copyOf(out);
    }

    public Double number(String key, Double defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw invalid(key, value, "a finite number");
        }
        return n.doubleValue();
    }

    /** A number in [min, max]. */
    public double numberInRange(String key, double defaultValue, double min, double max) {
        Double value = number(key, defaultValue);
        if (value < min || value > max) {
            throw invalid(key, value, "a number in [" + min + ", " + max + "]");
        }
        return value;
    }

    /** The value as Cypher passed it (null when absent), for types the typed getters do not cover. */
    public Object raw(String key) {
        return get(key);
    }

    /** An error for a value of the key that is not what is allowed. */
    public IllegalArgumentException invalidValue(String key, Object value, String allowed) {
        return invalid(key, value, allowed);
    }

    public String procedure() {
        return procedure;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean b)) {
            throw invalid(key, value, "true or false");
        }
        return b;
    }

    public String oneOf(String key, String defaultValue, List<String> allowed) {
        String value = string(key, defaultValue);
        if (value != null && !allowed.contains(value)) {
            throw invalid(key, value, "one of " + allowed);
        }
        return value;
    }

    // Shared pieces: the keys many procedures take, with one default, one range and one message each (GDS style).

    /** {@code concurrency}: threads, 1..{@value Defaults#MAX_CONCURRENCY}, default min(4, cores). */
    public int concurrency() {
        return intInRange("concurrency", Defaults.concurrency(), 1, Defaults.MAX_CONCURRENCY);
    }

    /** {@code randomSeed}: an integer, default {@value Defaults#RANDOM_SEED}. */
    public long randomSeed() {
        return intInRange("randomSeed", (int) Defaults.RANDOM_SEED, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** {@code batchSize} in [1, max]. */
    public int batchSize(int defaultValue, int max) {
        return intInRange("batchSize", defaultValue, 1, max);
    }

    /** A fraction in [0, 1). */
    public double fraction(String key, double defaultValue) {
        double v = number(key, defaultValue);
        if (v >= 1 || v < 0) {
            throw invalid(key, v, "in [0, 1)");
        }
        return v;
    }

    /** A number > 0. */
    public double positive(String key, double defaultValue) {
        double v = number(key, defaultValue);
        if (!(v > 0)) {
            throw invalid(key, v, "> 0");
        }
        return v;
    }

    /** A number >= 0. */
    public double nonNegative(String key, double defaultValue) {
        double v = number(key, defaultValue);
        if (v < 0) {
            throw invalid(key, v, ">= 0");
        }
        return v;
    }

    /** {@code nodeLabels}: two different labels, users then items. */
    public List<String> userItemLabels(List<String> defaultValue) {
        List<String> labels = stringList("nodeLabels", defaultValue);
        if (labels.size() != 2 || labels.get(0).equals(labels.get(1))) {
            throw new IllegalArgumentException(procedure + ": 'nodeLabels' must name two labels, users then items, got "
                    + labels);
        }
        return labels;
    }

    /** Fails on any key that no getter was asked for, listing the allowed ones. */
    public void rejectUnknown() {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(procedure + ": unknown configuration key '" + key + "'; allowed keys: "
                        + known);
            }
        }
    }

    private Object get(String key) {
        known.add(key);
        return map.get(key);
    }

    private IllegalArgumentException invalid(String key, Object value, String allowed) {
        return new IllegalArgumentException(procedure + ": '" + key + "' must be " + allowed + ", got " + shown(value));
    }

    /**
     * A value given by the caller as a message shows it: a string in quotes, anything else as text; beyond
     * {@value #MAX_SHOWN} characters only the start and the length.
     */
    public static String shown(Object value) {
        return shown(value, MAX_SHOWN);
    }

    /** As {@link #shown(Object)}, shortened beyond {@code max} characters (e.g. tighter for names). */
    public static String shown(Object value, int max) {
        String text = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        if (text.length() <= max) {
            return text;
        }
        int length = value instanceof String s ? s.length() : text.length();
        return text.substring(0, max / 2) + "... (" + length + " characters)";
    }

    /** A name given by the caller, quoted, shortened like {@link #shown} when it is long. */
    public static String quoted(String name) {
        return shown(name);
    }
}
