package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rec4j.testsupport.Cypher.cosine;
import static rec4j.testsupport.Cypher.list;
import static rec4j.testsupport.Cypher.run;
import static rec4j.testsupport.Cypher.single;

import java.io.IOException;
import java.io.InputStream;
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
import org.neo4j.driver.exceptions.Neo4jException;
import rec4j.testsupport.Neo4jExtension;

/**
 * A user-supplied model directory on each engine: the same tiny BERT (2 layers, hidden 32, all-MiniLM-L6-v2's
 * vocabulary, seeded random weights; written by scripts/export_text_model.py tiny) as TorchScript ({@code model.pt},
 * DJL's PyTorch engine) and as ONNX ({@code model.onnx}, ONNX Runtime) gives the same vectors through rec.embed.*.
 */
@ExtendWith(Neo4jExtension.class)
class TorchScriptModelTest {

    private static final String FIXTURE = "/text-model-tiny/";

    private static final List<String> TEXTS = List.of(
            "x",
            "A light comedy for a rainy evening.",
            "Terrible tent. It leaked in light rain, avoid it.",
            "Un film d'animation plein d'humour et de tendresse, idéal en famille.",
            "東京を舞台にした心温まる家族の物語。",
            "فيلم مغامرات مثير في الصحراء الكبرى.",
            "Это очень интересная книга о космосе и звёздах.",
            "Great coffee ☕️☕️ and the grinder is 🔥🔥🔥 — 10/10 would buy again 👍",
            "<p>Stainless steel <b>chef's knife</b>, 20&nbsp;cm blade.</p>",
            "Price: $129.99 (was $159.99) — save 19%! SKU #A-4471-B, 2 x 500 ml.",
            "tabs\tand\nnew lines\r\nin one text",
            // beyond the token limit (128): truncated alike on both engines
            "The hiking backpack survived a month in the Alps, rain and snow included. ".repeat(30));

    private final Driver driver;
    private final Path modelDirectory;

    TorchScriptModelTest(Driver driver) throws IOException {
        this.driver = driver;
        this.modelDirectory = Path.of(single(driver, "CALL rec.info() YIELD modelDirectory RETURN modelDirectory")
                .get("modelDirectory").asString());
        fixture("tiny-torch", "model.pt");
        fixture("tiny-onnx", "model.onnx");
        fixture("tiny-both", "model.onnx", "model.pt");
    }

    @Test
    void pyTorchAndOnnxRuntimeGiveTheSameVectors() {
        List<List<Double>> torch = texts("tiny-torch", TEXTS);
        List<List<Double>> onnx = texts("tiny-onnx", TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(torch.get(i)).hasSize(32);
            assertThat(cosine(torch.get(i), onnx.get(i))).as("text %d", i).isGreaterThanOrEqualTo(0.9999);
        }
        // the comparison means something: the model tells the texts apart, and it is not the default model
        for (int i = 0; i < TEXTS.size(); i++) {
            for (int j = i + 1; j < TEXTS.size(); j++) {
                assertThat(cosine(torch.get(i), torch.get(j))).as("texts %d and %d", i, j).isLessThan(0.99);
            }
        }
        assertThat(single(driver, "RETURN size(rec.embed.text('x')) AS d").get("d").asInt()).isEqualTo(384);

        // the function agrees with the procedure, one text at a time
        for (int i : new int[] {1, 4, TEXTS.size() - 1}) {
            List<Double> one = single(driver, "RETURN rec.embed.text($text, {textModel: 'tiny-torch'}) AS v",
                    Map.of("text", TEXTS.get(i))).get("v").asList(Value::asDouble);
            assertThat(cosine(one, onnx.get(i))).isGreaterThanOrEqualTo(0.9999);
        }
    }

    @Test
    void nodesAreEmbeddedWithTheTorchScriptModel() {
        run(driver, "MATCH (n:TorchItem) DETACH DELETE n");
        run(driver, "UNWIND range(0, size($texts) - 1) AS i CREATE (:TorchItem {i: i, text: $texts[i]})", Map.of("texts", TEXTS));
        Record result = single(driver, "CALL rec.embed.nodes({nodeLabels: ['TorchItem'], textProperties: ['text'], "
                + "textModel: 'tiny-torch', writeProperty: 'torchEmbedding', batchSize: 5, concurrency: 2})");
        assertThat(result.get("embedded").asLong()).isEqualTo(TEXTS.size());
        assertThat(result.get("dimension").asLong()).isEqualTo(32);
        assertThat(result.get("model").asString()).isEqualTo("tiny-torch");
        List<List<Double>> onnx = texts("tiny-onnx", TEXTS);
        for (Record row : list(driver, "MATCH (n:TorchItem) RETURN n.i AS i, n.torchEmbedding AS v")) {
            assertThat(cosine(row.get("v").asList(Value::asDouble), onnx.get(row.get("i").asInt()))).isGreaterThanOrEqualTo(0.9999);
        }
        run(driver, "MATCH (n:TorchItem) DETACH DELETE n");
    }

    @Test
    void modelPtIsWhatRunsAndModelOnnxWinsWhenBothArePresent() throws IOException {
        // a directory with only a corrupt model.pt fails on load: the TorchScript file is really read (by PyTorch)
        Path corrupt = fixture("tiny-corrupt-torch");
        Files.writeString(corrupt.resolve("model.pt"), "not a TorchScript archive");
        assertThatThrownBy(() -> texts("tiny-corrupt-torch", List.of("x")))
                .isInstanceOf(Neo4jException.class)
                .hasMessageContaining("Cannot load text model tiny-corrupt-torch");

        // with both files, ONNX Runtime runs model.onnx and model.pt is not loaded (a corrupt one does no harm)
        Path both = fixture("tiny-onnx-over-corrupt-torch", "model.onnx");
        Files.writeString(both.resolve("model.pt"), "not a TorchScript archive");
        List<List<Double>> chosen = texts("tiny-onnx-over-corrupt-torch", TEXTS);
        List<List<Double>> valid = texts("tiny-both", TEXTS);
        List<List<Double>> torch = texts("tiny-torch", TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(cosine(chosen.get(i), valid.get(i))).isGreaterThanOrEqualTo(0.9999);
            assertThat(cosine(chosen.get(i), torch.get(i))).isGreaterThanOrEqualTo(0.9999);
        }
    }

    private List<List<Double>> texts(String model, List<String> texts) {
        List<List<Double>> vectors = new ArrayList<>();
        for (Record row : list(driver, "CALL rec.embed.texts($texts, {textModel: $model, batchSize: 4}) YIELD index, embedding "
                + "RETURN embedding ORDER BY index", Map.of("texts", texts, "model", model))) {
            vectors.add(row.get("embedding").asList(Value::asDouble));
        }
        assertThat(vectors).hasSize(texts.size());
        return vectors;
    }

    /** A directory {@code name} under the model directory with the fixture's tokenizer.json and the given model files. */
    private Path fixture(String name, String... files) throws IOException {
        Path directory = Files.createDirectories(modelDirectory.resolve(name));
        List<String> all = new ArrayList<>(List.of(files));
        all.add("tokenizer.json");
        for (String file : all) {
            try (InputStream in = TorchScriptModelTest.class.getResourceAsStream(FIXTURE + file)) {
                assertThat(in).as(FIXTURE + file).isNotNull();
                Files.copy(in, directory.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return directory;
    }
}
