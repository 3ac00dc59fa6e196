package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/reference.md and the README's procedure table are rendered from the golden public surface; this test fails
 * when either differs from what the surface file gives (regenerate with {@code -Drec4j.updateGolden=true}).
 */
class ReferenceDocsTest {

    private static final Path SURFACE = Path.of("src/test/resources/public-surface.txt");
    private static final Path PAGE = Path.of("../docs/reference.md");
    private static final Path README = Path.of("../README.md");

    /** docs/reference.md and the whole README as the surface file renders them. */
    private record Rendered(String page, String readme) {}

    private static Rendered render() throws IOException {
        List<ReferenceDocs.Entry> entries = ReferenceDocs.parse(Files.readString(SURFACE, StandardCharsets.UTF_8));
        return new Rendered(ReferenceDocs.referencePage(entries), ReferenceDocs.replaceBlock(
                Files.readString(README, StandardCharsets.UTF_8), ReferenceDocs.readmeTable(entries)));
    }

    /** Writes docs/reference.md and the README's table from the surface file (PublicSurfaceTest calls it too). */
    static void regenerate() throws IOException {
        Rendered rendered = render();
        Files.writeString(PAGE, rendered.page(), StandardCharsets.UTF_8);
        Files.writeString(README, rendered.readme(), StandardCharsets.UTF_8);
    }

    @Test
    void referencePageAndReadmeTableMatchThePublicSurface() throws IOException {
        if (Boolean.getBoolean("rec4j.updateGolden")) {
            regenerate();
        }
        Rendered rendered = render();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8)).as("docs/reference.md").isEqualTo(rendered.page());
        assertThat(Files.readString(README, StandardCharsets.UTF_8)).as("README.md's reference table").isEqualTo(rendered.readme());
    }

    @Test
    void everyProcedureAndFunctionIsOnThePageWithEachFieldOnce() throws IOException {
        String surface = Files.readString(SURFACE, StandardCharsets.UTF_8);
        List<ReferenceDocs.Entry> entries = ReferenceDocs.parse(surface);
        long declared = surface.lines().filter(l -> l.startsWith("procedure ") || l.startsWith("function ")).count();
        assertThat(entries).hasSize((int) declared);
        String page = ReferenceDocs.referencePage(entries);
        for (ReferenceDocs.Entry entry : entries) {
            assertThat(page).contains("### " + entry.name() + "\n").contains(entry.signature());
            for (String[] column : entry.returns()) {
                assertThat(page).contains(column[1].replace("|", "\\|"));
            }
        }
        String table = ReferenceDocs.readmeTable(entries);
        assertThat(table.lines().filter(l -> l.startsWith("| [`rec."))).hasSize(entries.size());
    }

    @Test
    void firstSentenceStopsAtAFullStopBeforeACapital() {
        assertThat(ReferenceDocs.firstSentence("Trains a model (e.g. GDS graphs). Then stores it.")).isEqualTo("Trains a model (e.g. GDS graphs).");
        assertThat(ReferenceDocs.firstSentence("No full stop here")).isEqualTo("No full stop here");
        assertThat(ReferenceDocs.anchor("rec.gcn.train.estimate")).isEqualTo("recgcntrainestimate");
    }
}
