package rec4j.recommend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.graphdb.Node;
import rec4j.config.ConfigMap;

/**
 * The {@code filter} of rec.recommend.*: {property: value | [values] | {min, max}} on the item's properties -
 * equality, membership (a list property matches when it contains the value), or an inclusive range of numbers or
 * strings. An item without the property never matches.
 */
public record ItemFilter(Map<String, Object> conditions) {

    public static final ItemFilter NONE = new ItemFilter(Map.of());

    private static final String ALLOWED = "a map of item property to a value, a list of values, or {min, max}";

    /** The {@code filter} key of a config, checked. */
    public static ItemFilter parse(ConfigMap map) {
        Object raw = map.raw("filter");
        if (raw == null) {
            return NONE;
        }
        if (!(raw instanceof Map<?, ?> given)) {
            throw map.invalidValue("filter", raw, ALLOWED);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : given.entrySet()) {
            Object condition = e.getValue();
            if (condition == null) {
                throw map.invalidValue("filter", raw, ALLOWED + " (" + e.getKey() + " is null)");
            }
            if (condition instanceof Map<?, ?> range) {
                if (range.isEmpty() || !Set.of("min", "max").containsAll(range.keySet())) {
                    throw map.invalidValue("filter", raw, ALLOWED + "; a range has only the keys min and max, got "
                            + range.keySet() + " for " + e.getKey());
                }
                for (Object bound : range.values()) {
                    if (!(bound instanceof Number || bound instanceof String)) {
                        throw map.invalidValue("filter", raw, ALLOWED + "; range bounds are numbers or strings");
                    }
                }
            }
            out.put((String) e.getKey(), condition);
        }
        return new ItemFilter(Map.copyOf(out));
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** Whether the item node's properties satisfy every condition. */
    public boolean matches(Node node) {
        for (Map.Entry<String, Object> e : conditions.entrySet()) {
            Object value = node.getProperty(e.getKey(), null);
            if (value == null) {
                return false;
            }
            Object condition = e.getValue();
            if (condition instanceof Map<?, ?> range) {
                if (!inRange(value, range.get("min"), range.get("max"))) {
                    return false;
                }
            } else if (condition instanceof List<?> values) {
                if (values.stream().noneMatch(v -> same(v, value))) {
                    return false;
                }
            } else if (!same(condition, value)) {
                return false;
            }
        }
        return true;
    }

    static boolean same(Object wanted, Object value) {
        if (wanted instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (value.getClass().isArray() && wanted instanceof String) {
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                if (wanted.equals(java.lang.reflect.Array.get(value, i))) {
                    return true;
                }
            }
            return false;
        }
        return wanted.equals(value);
    }

    static boolean inRange(Object value, Object min, Object max) {
        if (value instanceof Number v) {
            double x = v.doubleValue();
            return (!(min instanceof Number lo) || x >= lo.doubleValue()) && (!(max instanceof Number hi) || x <= hi.doubleValue())
                    && !(min instanceof String) && !(max instanceof String);
        }
        if (value instanceof String s) {
            return (!(min instanceof String lo) || s.compareTo(lo) >= 0) && (!(max instanceof String hi) || s.compareTo(hi) <= 0)
                    && !(min instanceof Number) && !(max instanceof Number);
        }
        return false;
    }
}
