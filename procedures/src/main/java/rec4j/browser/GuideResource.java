package rec4j.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

/**
 * The rec4j guide for Neo4j Browser (HTML slides whose queries run on the demo data), served by the server itself as
 * an unmanaged extension. With {@code server.unmanaged_extension_classes=rec4j.browser=/rec4j} it is at
 * {@code http://HOST:PORT/rec4j/guide.html}, and {@code browser.post_connect_cmd=guide http://HOST:PORT/rec4j/guide.html}
 * opens it in the Browser's sidebar after connecting (see run-demo.sh).
 */
@Path("/")
public final class GuideResource {

    /** The guide on the classpath of the plugin jar. */
    public static final String GUIDE = "/rec4j/browser/guide.html";

    @GET
    @Path("guide.html")
    @Produces("text/html; charset=UTF-8")
    public byte[] guide() {
        try (InputStream in = GuideResource.class.getResourceAsStream(GUIDE)) {
            if (in == null) {
                throw new IllegalStateException("the plugin jar lacks " + GUIDE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
