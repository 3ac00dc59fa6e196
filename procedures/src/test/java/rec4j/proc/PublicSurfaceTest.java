package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import rec4j.testsupport.Neo4jExtension;

/**
 * The public surface of rec4j, as {@code SHOW PROCEDURES} / {@code SHOW FUNCTIONS} report it, must equal
 * {@code src/test/resources/public-surface.txt}. After an intended change, regenerate it with
 * {@code mvn -pl procedures -am test -Dtest=PublicSurfaceTest -Dsurefire.failIfNoSpecifiedTests=false -Drec4j.updateGolden=true} and review the diff
 * (it also regenerates docs/reference.md and the README's procedure table).
 */
@ExtendWith(Neo4jExtension.class)
class PublicSurfaceTest {

    private static final Path GOLDEN = Path.of("src/test/resources/public-surface.txt");

    @Test
    void matchesTheGoldenFileAndEverythingIsDescribed(Driver driver) throws IOException {
        List<String> undescribed = new ArrayList<>();
        StringBuilder surface = new StringBuilder();
        render(driver, "SHOW PROCEDURES YIELD name, signature, description, mode, argumentDescription, returnDescription "
                + "WHERE name STARTS WITH 'rec.' RETURN * ORDER BY name", "procedure", surface, undescribed);
        render(driver, "SHOW FUNCTIONS YIELD name, signature, description, argumentDescription, returnDescription "
                + "WHERE name STARTS WITH 'rec.' RETURN * ORDER BY name", "function", surface, undescribed);

        assertThat(undescribed).as("procedures, arguments and result fields without a @Description").isEmpty();
        if (Boolean.getBoolean("rec4j.updateGolden")) {
            Files.writeString(GOLDEN, surface, StandardCharsets.UTF_8);
            ReferenceDocsTest.regenerate(); // docs/reference.md and the README's table follow the surface
        }
        assertThat(surface.toString()).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    private static void render(Driver driver, String query, String kind, StringBuilder out, List<String> undescribed) {
        for (Record row : driver.executableQuery(query).execute().records()) {
            String name = row.get("name").asString();
            out.append(kind).append(' ').append(row.get("signature").asString()).append('\n');
            String description = row.get("description").asString("");
            check(description, name, undescribed);
            out.append("  description: ").append(description).append('\n');
            if (row.containsKey("mode")) {
                out.append("  mode: ").append(row.get("mode").asString()).append('\n');
            }
            describe(row.get("argumentDescription"), "  argument ", name, out, undescribed);
            describe(row.get("returnDescription"), "  returns ", name, out, undescribed);
        }
    }

    private static void describe(Value fields, String prefix, String owner, StringBuilder out, List<String> undescribed) {
        if (!fields.type().name().startsWith("LIST")) { // a function's return is one type: "STRING", ...
            out.append(prefix).append(fields.asString()).append('\n');
            return;
        }
        for (Value field : fields.values()) {
            Map<String, Object> map = field.asMap();
            String name = String.valueOf(map.get("name"));
            String description = String.valueOf(map.getOrDefault("description", ""));
            check(description, owner + "." + name, undescribed);
            out.append(prefix).append(name).append(": ").append(description).append('\n');
        }
    }

    private static void check(String description, String what, List<String> undescribed) {
        // Neo4j fills a missing description with the field's name and type ("x :: STRING").
        if (description.isBlank() || description.matches("\\w+ :: .*")) {
            undescribed.add(what);
        }
    }
}
