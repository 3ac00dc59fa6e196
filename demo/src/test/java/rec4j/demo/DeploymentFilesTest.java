package rec4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files a user deploys with, kept in step with what the build and the demo use: the README's neo4j.conf lines
 * (docker/rec4j.conf), the GDS version of the Docker image (the root pom's), and the Docker build context.
 * .ci/conf-test.sh starts a real server with the README's lines.
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of("..");

    @Test
    void theReadmeSnippetIsDockerRec4jConf() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("(?s)<!-- rec4j.conf:begin -->\\n *```properties\\n(.*?)\\n *```\\n *<!-- rec4j.conf:end -->")
                .matcher(readme);
        assertThat(block.find()).as("a ```properties block between <!-- rec4j.conf:begin --> and <!-- rec4j.conf:end -->").isTrue();
        String snippet = block.group(1).lines().map(l -> l.replaceFirst("^ {3}", "")).reduce((a, b) -> a + "\n" + b).orElse("");
        assertThat(snippet).isEqualTo(Files.readString(ROOT.resolve("docker/rec4j.conf")).stripTrailing());
    }

    @Test
    void rec4jConfHasItsCommentsOnLinesOfTheirOwn() throws IOException {
        // Neo4j reads "key=value   # comment" as the value "value   # comment"
        for (String line : Files.readAllLines(ROOT.resolve("docker/rec4j.conf"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(line).as("a setting line").matches("[a-z0-9_.]+=[^#\\s]+");
            }
        }
    }

    @Test
    void theDockerImageInstallsTheGdsVersionRec4jIsBuiltWith() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        String gds = only(Pattern.compile("<gds.version>([^<]+)</gds.version>"), pom);
        assertThat(only(Pattern.compile("(?m)^ARG GDS_VERSION=(\\S+)$"), dockerfile)).isEqualTo(gds);
        assertThat(dockerfile).contains("neo4j-graph-data-science-${GDS_VERSION}.jar").doesNotContainPattern("(?m)^ENV NEO4J_PLUGINS");
    }

    @Test
    void theDockerBuildContextHoldsWhatTheDockerfileCopies() throws IOException {
        List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        List<String> copied = Files.readAllLines(ROOT.resolve("docker/Dockerfile")).stream()
                .filter(l -> l.startsWith("COPY ")).map(l -> l.split("\\s+")[1]).toList();
        assertThat(copied).isNotEmpty();
        assertThat(ignore).first().isEqualTo("*");
        assertThat(ignore.subList(1, ignore.size())).containsExactlyInAnyOrderElementsOf(copied.stream().map(c -> "!" + c).toList());
    }

    private static String only(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern.pattern()).isTrue();
        String value = m.group(1);
        assertThat(m.find()).as("one match of " + pattern.pattern()).isFalse();
        return value;
    }
}
