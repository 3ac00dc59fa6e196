package rec4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The getters of {@link ConfigMap} and their error messages, which are a contract: every message is asserted in full.
 */
class ConfigMapTest {

    private static ConfigMap config(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int k = 0; k < keyValues.length; k += 2) {
            map.put((String) keyValues[k], keyValues[k + 1]);
        }
        return new ConfigMap("rec.test", map);
    }

    private static void fails(Runnable call, String message) {
        assertThatThrownBy(call::run).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void anExplicitNullConfigIsRefusedAndTheProcedureIsKept() {
        fails(() -> new ConfigMap("rec.test", null), "rec.test: 'config' must be a map, got null");
        ConfigMap c = new ConfigMap("rec.test", Map.of());
        assertThat(c.procedure()).isEqualTo("rec.test");
        assertThat(c.string("a", "d")).isEqualTo("d");
        c.rejectUnknown();
    }

    @Test
    void longStringsAreRefusedAndLongValuesShortenedInMessages() {
        String longest = "x".repeat(ConfigMap.MAX_STRING_LENGTH);
        assertThat(config("a", longest).string("a", null)).isEqualTo(longest);
        String tooLong = longest + "y";
        String shown = "'" + "x".repeat(99) + "... (4097 characters)";
        fails(() -> config("a", tooLong).string("a", null),
                "rec.test: 'a' must be a non-empty string of at most 4096 characters, got " + shown);
        fails(() -> config("a", List.of(tooLong)).stringList("a", null),
                "rec.test: 'a' must be a non-empty list of non-empty strings of at most 4096 characters, got ["
                        + "x".repeat(99) + "... (4099 characters)");
        assertThat(ConfigMap.shown("abc")).isEqualTo("'abc'");
        assertThat(ConfigMap.shown(3L)).isEqualTo("3");
        assertThat(ConfigMap.shown(null)).isEqualTo("null");
        assertThat(ConfigMap.shown("y".repeat(198))).as("200 characters with the quotes").isEqualTo("'" + "y".repeat(198) + "'");
        assertThat(ConfigMap.shown("y".repeat(199))).isEqualTo("'" + "y".repeat(99) + "... (199 characters)");
        assertThat(ConfigMap.quoted("m")).isEqualTo("'m'");
    }

    @Test
    void sharedPieces() {
        assertThat(config().concurrency()).isEqualTo(Defaults.concurrency());
        assertThat(config("concurrency", 64L).concurrency()).isEqualTo(64);
        fails(() -> config("concurrency", 65L).concurrency(), "rec.test: 'concurrency' must be an integer in [1, 64], got 65");
        fails(() -> config("concurrency", 0L).concurrency(), "rec.test: 'concurrency' must be an integer in [1, 64], got 0");
        assertThat(config().randomSeed()).isEqualTo(42L);
        assertThat(config("randomSeed", -7L).randomSeed()).isEqualTo(-7L);
        fails(() -> config("randomSeed", 1.5).randomSeed(),
                "rec.test: 'randomSeed' must be an integer in [-2147483648, 2147483647], got 1.5");
        assertThat(config().batchSize(100, 1000)).isEqualTo(100);
        fails(() -> config("batchSize", 1001L).batchSize(100, 1000),
                "rec.test: 'batchSize' must be an integer in [1, 1000], got 1001");

        assertThat(config("f", 0.0).fraction("f", 0.2)).isEqualTo(0.0);
        assertThat(config().fraction("f", 0.2)).isEqualTo(0.2);
        fails(() -> config("f", 1.0).fraction("f", 0.2), "rec.test: 'f' must be in [0, 1), got 1.0");
        fails(() -> config("f", -0.1).fraction("f", 0.2), "rec.test: 'f' must be in [0, 1), got -0.1");
        fails(() -> config("f", Double.NaN).fraction("f", 0.2), "rec.test: 'f' must be a finite number, got NaN");
        assertThat(config("p", 1e-9).positive("p", 1.0)).isEqualTo(1e-9);
        fails(() -> config("p", 0L).positive("p", 1.0), "rec.test: 'p' must be > 0, got 0.0");
        assertThat(config("n", 0L).nonNegative("n", 1.0)).isEqualTo(0.0);
        fails(() -> config("n", -1L).nonNegative("n", 1.0), "rec.test: 'n' must be >= 0, got -1.0");

        assertThat(config().userItemLabels(List.of("User", "Item"))).containsExactly("User", "Item");
        assertThat(config("nodeLabels", List.of("U", "I")).userItemLabels(null)).containsExactly("U", "I");
        fails(() -> config("nodeLabels", List.of("U")).userItemLabels(null),
                "rec.test: 'nodeLabels' must name two labels, users then items, got [U]");
        fails(() -> config("nodeLabels", "U").userItemLabels(null),
                "rec.test: 'nodeLabels' must name two labels, users then items, got [U]");
        fails(() -> config("nodeLabels", List.of("U", "U")).userItemLabels(null),
                "rec.test: 'nodeLabels' must name two labels, users then items, got [U, U]");
        fails(() -> config("nodeLabels", List.of("U", "I", "X")).userItemLabels(null),
                "rec.test: 'nodeLabels' must name two labels, users then items, got [U, I, X]");
    }

    @Test
    void string() {
        assertThat(config("a", "x").string("a", "d")).isEqualTo("x");
        assertThat(config().string("a", "d")).isEqualTo("d");
        assertThat(config().string("a", null)).isNull();
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("a", null);
        assertThat(new ConfigMap("rec.test", withNull).string("a", "d")).as("a null value is absent").isEqualTo("d");
        fails(() -> config("a", "").string("a", "d"), "rec.test: 'a' must be a non-empty string, got ''");
        fails(() -> config("a", "  ").string("a", "d"), "rec.test: 'a' must be a non-empty string, got '  '");
        fails(() -> config("a", 3L).string("a", "d"), "rec.test: 'a' must be a non-empty string, got 3");
        fails(() -> config("a", List.of("x")).string("a", "d"), "rec.test: 'a' must be a non-empty string, got [x]");
    }

    @Test
    void requiredString() {
        assertThat(config("a", "x").requiredString("a")).isEqualTo("x");
        fails(() -> config().requiredString("a"), "rec.test: 'a' is required (a non-empty string)");
        fails(() -> config("a", "").requiredString("a"), "rec.test: 'a' must be a non-empty string, got ''");
        fails(() -> config("a", true).requiredString("a"), "rec.test: 'a' must be a non-empty string, got true");
    }

    @Test
    void stringList() {
        assertThat(config("a", List.of("x", "y")).stringList("a", List.of())).containsExactly("x", "y");
        assertThat(config("a", "x").stringList("a", List.of())).as("a single string is a list of one").containsExactly("x");
        assertThat(config().stringList("a", List.of("d"))).containsExactly("d");
        assertThat(config().stringList("a", null)).isNull();
        List<String> mutable = new java.util.ArrayList<>(List.of("x"));
        List<String> read = config("a", mutable).stringList("a", null);
        mutable.add("y");
        assertThat(read).as("a copy").containsExactly("x");
        assertThatThrownBy(() -> read.add("z")).isInstanceOf(UnsupportedOperationException.class);

        fails(() -> config("a", List.of()).stringList("a", null), "rec.test: 'a' must be a non-empty list of strings, got []");
        fails(() -> config("a", "").stringList("a", null), "rec.test: 'a' must be a non-empty list of non-empty strings, got ''");
        fails(() -> config("a", 1L).stringList("a", null), "rec.test: 'a' must be a non-empty list of strings, got 1");
        fails(() -> config("a", List.of("x", 2L)).stringList("a", null),
                "rec.test: 'a' must be a non-empty list of non-empty strings, got [x, 2]");
        fails(() -> config("a", List.of("x", " ")).stringList("a", null),
                "rec.test: 'a' must be a non-empty list of non-empty strings, got [x,  ]");
        fails(() -> config("a", Arrays.asList("x", null)).stringList("a", null),
                "rec.test: 'a' must be a non-empty list of non-empty strings, got [x, null]");
    }

    @Test
    void requiredStringList() {
        assertThat(config("a", "x").requiredStringList("a")).containsExactly("x");
        assertThat(config("a", List.of("x", "y")).requiredStringList("a")).containsExactly("x", "y");
        fails(() -> config().requiredStringList("a"), "rec.test: 'a' is required (a non-empty list of strings)");
        fails(() -> config("a", List.of()).requiredStringList("a"), "rec.test: 'a' must be a non-empty list of strings, got []");
    }

    @Test
    void intInRange() {
        assertThat(config("a", 5L).intInRange("a", 1, 1, 64)).isEqualTo(5);
        assertThat(config("a", 5).intInRange("a", 1, 1, 64)).as("an Integer").isEqualTo(5);
        assertThat(config("a", 1L).intInRange("a", 7, 1, 64)).as("the lower bound").isEqualTo(1);
        assertThat(config("a", 64L).intInRange("a", 7, 1, 64)).as("the upper bound").isEqualTo(64);
        assertThat(config().intInRange("a", 7, 1, 64)).isEqualTo(7);
        assertThat(config().intInRange("a", 700, 1, 64)).as("the default is not checked").isEqualTo(700);
        fails(() -> config("a", 0L).intInRange("a", 1, 1, 64), "rec.test: 'a' must be an integer in [1, 64], got 0");
        fails(() -> config("a", 65L).intInRange("a", 1, 1, 64), "rec.test: 'a' must be an integer in [1, 64], got 65");
        fails(() -> config("a", 65).intInRange("a", 1, 1, 64), "rec.test: 'a' must be an integer in [1, 64], got 65");
        fails(() -> config("a", 4294967297L).intInRange("a", 1, 1, 64),
                "rec.test: 'a' must be an integer in [1, 64], got 4294967297");
        fails(() -> config("a", 5.0).intInRange("a", 1, 1, 64), "rec.test: 'a' must be an integer in [1, 64], got 5.0");
        fails(() -> config("a", "5").intInRange("a", 1, 1, 64), "rec.test: 'a' must be an integer in [1, 64], got '5'");
        fails(() -> config("a", -3L).intInRange("a", 1, 0, Integer.MAX_VALUE),
                "rec.test: 'a' must be an integer in [0, 2147483647], got -3");
    }

    @Test
    void intList() {
        assertThat(config("a", List.of(1L, 10L)).intList("a", List.of(), 1, 10)).containsExactly(1, 10);
        assertThat(config("a", 5L).intList("a", List.of(), 1, 10)).as("a single integer").containsExactly(5);
        assertThat(config("a", List.of(3, 4)).intList("a", List.of(), 1, 10)).as("Integers").containsExactly(3, 4);
        assertThat(config().intList("a", List.of(20), 1, 10)).containsExactly(20);
        String allowed = "rec.test: 'a' must be an integer or a non-empty list of integers in [1, 10], got ";
        fails(() -> config("a", List.of()).intList("a", null, 1, 10), allowed + "[]");
        fails(() -> config("a", List.of(1L, 11L)).intList("a", null, 1, 10), allowed + "[1, 11]");
        fails(() -> config("a", List.of(0L)).intList("a", null, 1, 10), allowed + "[0]");
        fails(() -> config("a", 2.0).intList("a", null, 1, 10), allowed + "2.0");
        fails(() -> config("a", List.of(2L, 3.0)).intList("a", null, 1, 10), allowed + "[2, 3.0]");
        fails(() -> config("a", "5").intList("a", null, 1, 10), allowed + "'5'");
    }

    @Test
    void number() {
        assertThat(config("a", 0.5).number("a", 1.0)).isEqualTo(0.5);
        assertThat(config("a", 2L).number("a", 1.0)).as("an integer is a number").isEqualTo(2.0);
        assertThat(config("a", 3).number("a", 1.0)).isEqualTo(3.0);
        assertThat(config().number("a", 1.0)).isEqualTo(1.0);
        assertThat(config().number("a", null)).isNull();
        fails(() -> config("a", Double.NaN).number("a", 1.0), "rec.test: 'a' must be a finite number, got NaN");
        fails(() -> config("a", Double.POSITIVE_INFINITY).number("a", 1.0),
                "rec.test: 'a' must be a finite number, got Infinity");
        fails(() -> config("a", Double.NEGATIVE_INFINITY).number("a", 1.0),
                "rec.test: 'a' must be a finite number, got -Infinity");
        fails(() -> config("a", "0.5").number("a", 1.0), "rec.test: 'a' must be a finite number, got '0.5'");
        fails(() -> config("a", false).number("a", 1.0), "rec.test: 'a' must be a finite number, got false");
    }

    @Test
    void numberInRange() {
        assertThat(config("a", 0.0).numberInRange("a", 0.5, 0.0, 1.0)).isEqualTo(0.0);
        assertThat(config("a", 1.0).numberInRange("a", 0.5, 0.0, 1.0)).isEqualTo(1.0);
        assertThat(config("a", 1L).numberInRange("a", 0.5, 0.0, 1.0)).isEqualTo(1.0);
        assertThat(config().numberInRange("a", 0.5, 0.0, 1.0)).isEqualTo(0.5);
        fails(() -> config("a", 1.5).numberInRange("a", 0.5, 0.0, 1.0), "rec.test: 'a' must be a number in [0.0, 1.0], got 1.5");
        fails(() -> config("a", 2L).numberInRange("a", 0.5, 0.0, 1.0), "rec.test: 'a' must be a number in [0.0, 1.0], got 2.0");
        fails(() -> config("a", -1e-9).numberInRange("a", 0.5, 0.0, 1.0),
                "rec.test: 'a' must be a number in [0.0, 1.0], got -1.0E-9");
        fails(() -> config("a", Double.NaN).numberInRange("a", 0.5, 0.0, 1.0), "rec.test: 'a' must be a finite number, got NaN");
        fails(() -> config().numberInRange("a", 2.0, 0.0, 1.0), "rec.test: 'a' must be a number in [0.0, 1.0], got 2.0");
    }

    @Test
    void bool() {
        assertThat(config("a", true).bool("a", false)).isTrue();
        assertThat(config("a", false).bool("a", true)).isFalse();
        assertThat(config().bool("a", true)).isTrue();
        fails(() -> config("a", "true").bool("a", false), "rec.test: 'a' must be true or false, got 'true'");
        fails(() -> config("a", 1L).bool("a", false), "rec.test: 'a' must be true or false, got 1");
    }

    @Test
    void oneOf() {
        List<String> allowed = List.of("none", "sum");
        assertThat(config("a", "sum").oneOf("a", "none", allowed)).isEqualTo("sum");
        assertThat(config().oneOf("a", "none", allowed)).isEqualTo("none");
        assertThat(config().oneOf("a", null, allowed)).isNull();
        fails(() -> config("a", "SUM").oneOf("a", "none", allowed), "rec.test: 'a' must be one of [none, sum], got 'SUM'");
        fails(() -> config("a", "").oneOf("a", "none", allowed), "rec.test: 'a' must be a non-empty string, got ''");
        fails(() -> config("a", 1L).oneOf("a", "none", allowed), "rec.test: 'a' must be a non-empty string, got 1");
    }

    @Test
    void rawAndInvalidValue() {
        Map<String, Object> nested = Map.of("x", 1L);
        ConfigMap c = config("a", nested);
        assertThat(c.raw("a")).isSameAs(nested);
        assertThat(c.raw("b")).isNull();
        c.rejectUnknown(); // raw marks the key as known
        assertThat(c.invalidValue("a", "v", "something else")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.test: 'a' must be something else, got 'v'");
        assertThat(c.invalidValue("a", 3L, "something else")).hasMessage("rec.test: 'a' must be something else, got 3");
        assertThat(c.invalidValue("a", null, "set")).hasMessage("rec.test: 'a' must be set, got null");
    }

    @Test
    void rejectUnknownListsTheKeysAskedFor() {
        ConfigMap c = config("modelName", "m", "epochs", 3L, "epoch", 5L);
        c.string("modelName", null);
        c.intInRange("epochs", 10, 1, 100);
        c.bool("verbose", false); // asked for but absent: still allowed
        fails(c::rejectUnknown, "rec.test: unknown configuration key 'epoch'; allowed keys: [epochs, modelName, verbose]");

        ConfigMap none = config("x", 1L);
        fails(none::rejectUnknown, "rec.test: unknown configuration key 'x'; allowed keys: []");

        ConfigMap ok = config("a", 1L);
        ok.raw("a");
        ok.rejectUnknown();
    }
}
