package rec4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/** The guide as Neo4j Browser fetches it: from a real server's HTTP port, mounted as run-demo.sh configures it. */
class GuideResourceTest {

    @Test
    void theServerServesTheGuideAtTheMountPoint() throws IOException, InterruptedException {
        byte[] expected;
        try (InputStream in = GuideResource.class.getResourceAsStream(GuideResource.GUIDE)) {
            expected = in.readAllBytes();
        }
        Path home = Files.createTempDirectory("rec4j-guide");
        // the package, as server.unmanaged_extension_classes=rec4j.browser=/rec4j names it
        try (Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(home)
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .withUnmanagedExtension("/rec4j", "rec4j.browser")
                .build()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> guide = http.send(HttpRequest.newBuilder(neo4j.httpURI().resolve("/rec4j/guide.html"))
                    .header("cache-control", "no-cache").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(guide.statusCode()).isEqualTo(200);
            assertThat(guide.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(guide.body()).isEqualTo(expected);
            assertThat(new String(expected, java.nio.charset.StandardCharsets.UTF_8)).contains("<slide>", "<title>rec4j");

            HttpResponse<Void> missing = http.send(HttpRequest.newBuilder(neo4j.httpURI().resolve("/rec4j/other.html")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }
}
