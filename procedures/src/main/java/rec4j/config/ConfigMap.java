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

    private final String procedure;
    private final Map<String, Object> map;
    private final Set<String> known = new TreeSet<>();

    public ConfigMap(String procedure, Map<String, Object> map) {
        this.procedure = procedure;
        this.map = map == null ? Map.of() : map;
    }

    public String string(String key, String defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw invalid(key, value, "a non-empty string");
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
        String shown = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        return new IllegalArgumentException(procedure + ": '" + key + "' must be " + allowed + ", got " + shown);
    }
}
