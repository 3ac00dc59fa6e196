package rec4j.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.Node;
import rec4j.config.ConfigMap;

/** The item filter of rec.recommend.*, on stand-in nodes (only their properties are read), without a database. */
class ItemFilterTest {

    private static final String ALLOWED = "a map of item property to a value, a list of values, or {min, max}";

    /** A node whose getProperty(key, default) answers from the map; any other call fails. */
    static Node node(Map<String, Object> properties) {
        return (Node) Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[] {Node.class}, (proxy, method, args) -> {
            if (method.getName().equals("getProperty") && args.length == 2) {
                return properties.getOrDefault((String) args[0], args[1]);
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    private static ItemFilter parse(Object filter) {
        Map<String, Object> config = new HashMap<>();
        config.put("filter", filter);
        ConfigMap map = new ConfigMap("rec.recommend.forUser", config);
        ItemFilter parsed = ItemFilter.parse(map);
        map.rejectUnknown();
        return parsed;
    }

    @Test
    void noFilterIsNone() {
        assertThat(ItemFilter.parse(new ConfigMap("rec.recommend.forUser", Map.of()))).isSameAs(ItemFilter.NONE);
        assertThat(ItemFilter.NONE.isEmpty()).isTrue();
        assertThat(ItemFilter.NONE.matches(node(Map.of()))).isTrue();
        assertThat(parse(Map.of()).isEmpty()).isTrue();
    }

    @Test
    void equality() {
        ItemFilter genre = parse(Map.of("genre", "drama"));
        assertThat(genre.isEmpty()).isFalse();
        assertThat(genre.matches(node(Map.of("genre", "drama")))).isTrue();
        assertThat(genre.matches(node(Map.of("genre", "comedy")))).isFalse();
        assertThat(genre.matches(node(Map.of("other", "drama")))).as("without the property").isFalse();
        assertThat(genre.matches(node(Map.of("genre", 1L)))).isFalse();
        // numbers compare by value across types
        ItemFilter year = parse(Map.of("year", 2000L));
        assertThat(year.matches(node(Map.of("year", 2000)))).isTrue();
        assertThat(year.matches(node(Map.of("year", 2000.0)))).isTrue();
        assertThat(year.matches(node(Map.of("year", 2001L)))).isFalse();
        assertThat(year.matches(node(Map.of("year", "2000")))).isFalse();
        assertThat(parse(Map.of("flag", true)).matches(node(Map.of("flag", true)))).isTrue();
        assertThat(parse(Map.of("flag", true)).matches(node(Map.of("flag", false)))).isFalse();
    }

    @Test
    void aStringMatchesAListPropertyThatContainsIt() {
        ItemFilter tag = parse(Map.of("tags", "red"));
        assertThat(tag.matches(node(Map.of("tags", new String[] {"blue", "red"})))).isTrue();
        assertThat(tag.matches(node(Map.of("tags", new String[] {"blue"})))).isFalse();
        assertThat(tag.matches(node(Map.of("tags", new String[0])))).isFalse();
    }

    @Test
    void membership() {
        ItemFilter genres = parse(Map.of("genre", List.of("drama", "comedy")));
        assertThat(genres.matches(node(Map.of("genre", "comedy")))).isTrue();
        assertThat(genres.matches(node(Map.of("genre", "horror")))).isFalse();
        assertThat(genres.matches(node(Map.of("genre", new String[] {"horror", "drama"})))).as("a list property").isTrue();
        assertThat(parse(Map.of("year", List.of(1999L, 2001L))).matches(node(Map.of("year", 2001)))).isTrue();
        assertThat(parse(Map.of("genre", List.of())).matches(node(Map.of("genre", "drama")))).as("an empty list").isFalse();
    }

    @Test
    void rangesAreInclusive() {
        ItemFilter price = parse(Map.of("price", Map.of("min", 10L, "max", 20.5)));
        assertThat(price.matches(node(Map.of("price", 10L)))).isTrue();
        assertThat(price.matches(node(Map.of("price", 20.5)))).isTrue();
        assertThat(price.matches(node(Map.of("price", 15)))).isTrue();
        assertThat(price.matches(node(Map.of("price", 9.99)))).isFalse();
        assertThat(price.matches(node(Map.of("price", 21L)))).isFalse();
        assertThat(price.matches(node(Map.of("price", "15")))).as("a string is not in a numeric range").isFalse();
        assertThat(parse(Map.of("price", Map.of("min", 10L))).matches(node(Map.of("price", 1e9)))).as("open above").isTrue();
        assertThat(parse(Map.of("price", Map.of("max", 10L))).matches(node(Map.of("price", -5L)))).as("open below").isTrue();

        ItemFilter title = parse(Map.of("title", Map.of("min", "b", "max", "d")));
        assertThat(title.matches(node(Map.of("title", "b")))).isTrue();
        assertThat(title.matches(node(Map.of("title", "cat")))).isTrue();
        assertThat(title.matches(node(Map.of("title", "d")))).isTrue();
        assertThat(title.matches(node(Map.of("title", "dog")))).isFalse();
        assertThat(title.matches(node(Map.of("title", "a")))).isFalse();
        assertThat(title.matches(node(Map.of("title", 3L)))).isFalse();
        // mixed bounds match nothing
        assertThat(parse(Map.of("x", Map.of("min", 1L, "max", "z"))).matches(node(Map.of("x", 2L)))).isFalse();
        assertThat(parse(Map.of("x", Map.of("min", 1L, "max", "z"))).matches(node(Map.of("x", "b")))).isFalse();
        assertThat(parse(Map.of("x", Map.of("min", 1L))).matches(node(Map.of("x", true)))).isFalse();
    }

    @Test
    void everyConditionMustHold() {
        ItemFilter both = parse(Map.of("genre", "drama", "year", Map.of("min", 2000L)));
        assertThat(both.matches(node(Map.of("genre", "drama", "year", 2005L)))).isTrue();
        assertThat(both.matches(node(Map.of("genre", "drama", "year", 1995L)))).isFalse();
        assertThat(both.matches(node(Map.of("genre", "comedy", "year", 2005L)))).isFalse();
        assertThat(both.matches(node(Map.of("genre", "drama")))).isFalse();
    }

    @Test
    void badFiltersNameTheKey() {
        assertThatThrownBy(() -> parse("drama")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.recommend.forUser: 'filter' must be " + ALLOWED + ", got 'drama'");
        assertThatThrownBy(() -> parse(List.of("drama"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.recommend.forUser: 'filter' must be " + ALLOWED + ", got [drama]");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("genre", null);
        assertThatThrownBy(() -> parse(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.recommend.forUser: 'filter' must be " + ALLOWED + " (genre is null), got {genre=null}");
        assertThatThrownBy(() -> parse(Map.of("price", Map.of()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.recommend.forUser: 'filter' must be " + ALLOWED
                        + "; a range has only the keys min and max, got [] for price, got {price={}}");
        assertThatThrownBy(() -> parse(Map.of("price", Map.of("from", 1L)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.recommend.forUser: 'filter' must be " + ALLOWED
                        + "; a range has only the keys min and max, got [from] for price, got {price={from=1}}");
        assertThatThrownBy(() -> parse(Map.of("price", Map.of("min", true)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rec.recommend.forUser: 'filter' must be " + ALLOWED
                        + "; range bounds are numbers or strings, got {price={min=true}}");
    }

    @Test
    void theParsedFilterIsACopy() {
        Map<String, Object> given = new HashMap<>(Map.of("genre", "drama"));
        ItemFilter filter = parse(given);
        given.put("year", 2000L);
        assertThat(filter.conditions()).containsOnlyKeys("genre");
        assertThatThrownBy(() -> filter.conditions().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
