package rec4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Record;
import org.neo4j.driver.types.TypeSystem;
import rec4j.browser.GuideResource;
import rec4j.testsupport.Neo4jHarness;

/**
 * Every runnable query of the Neo4j Browser guide (the plugin's {@code rec4j/browser/guide.html}) runs on the demo
 * data, set up by the demo scripts of cypher/ as run-demo.sh does, and returns rows.
 */
class GuideQueriesTest {

    static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    static final Pattern SLIDE = Pattern.compile("<slide>(.*?)</slide>", Pattern.DOTALL);
    static final Pattern RUNNABLE = Pattern.compile("<pre class=\"code runnable\">(.*?)</pre>", Pattern.DOTALL);

    static Neo4jHarness harness;
    static List<List<String>> slides;

    @BeforeAll
    static void loadDemo() throws IOException {
        String guide;
        try (InputStream in = GuideResource.class.getResourceAsStream(GuideResource.GUIDE)) {
            assertThat(in).as(GuideResource.GUIDE).isNotNull();
            guide = COMMENT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).replaceAll("");
        }
        slides = new ArrayList<>();
        Matcher slide = SLIDE.matcher(guide);
        while (slide.find()) {
            List<String> queries = new ArrayList<>();
            Matcher pre = RUNNABLE.matcher(slide.group(1));
            while (pre.find()) {
                queries.add(unescape(pre.group(1)));
            }
            slides.add(queries);
        }

        harness = Neo4jHarness.shared();
        // the same catalog as CypherScriptsTest, which may share this harness
        DemoData.writeCsv(DemoData.generate(new DemoData.Params(200, 100, 2_000, 7)), harness.importDir().resolve("rec4j-demo"));
        for (Path script : CypherScripts.list(CypherScriptsTest.CYPHER)) {
            String name = script.getFileName().toString();
            if (name.startsWith("00-") || name.contains("-demo")) {
                CypherScripts.run(harness.driver(), script);
            }
        }
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    @Test
    void everySlideHasRunnableQueriesAndTheStepsAreCovered() {
        assertThat(slides).hasSizeGreaterThanOrEqualTo(7).allSatisfy(queries -> assertThat(queries).isNotEmpty());
        String all = String.join("\n", slides.stream().flatMap(List::stream).toList());
        assertThat(all).contains("rec.recommend.forUser(u,", "explain: true", "rec.recommend.similarItems(",
                "rec.recommend.forText(", "seedItems:", "rec.evaluate.model(");
    }

    @Test
    void everyRunnableQueryReturnsRowsOnTheDemoData() {
        for (List<String> queries : slides) {
            for (String query : queries) {
                List<Record> rows = harness.driver().executableQuery(query).execute().records();
                assertThat(rows).as(query).isNotEmpty();
            }
        }
    }

    @Test
    void theExplainStepReturnsPathsThatTheBrowserDraws() {
        String explain = slides.stream().flatMap(List::stream)
                .filter(q -> q.contains("explain: true") && q.contains("RETURN path")).findFirst().orElseThrow();
        List<Record> rows = harness.driver().executableQuery(explain).execute().records();
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("path").hasType(TypeSystem.getDefault().PATH())).isTrue();
            assertThat(r.get("path").asPath().start().labels()).containsExactly("User");
        });
    }
}
