package rec4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rec4j.serving.Vectors;

class TextEncoderTest {

    static TextModels models;
    static TextEncoder encoder;
    @TempDir
    static Path modelDirectory;

    @BeforeAll
    static void load() {
        models = new TextModels(modelDirectory, false, 0, TextEncoder.DEFAULT_MAX_TOKENS);
        encoder = models.get(null);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void equalsLangChain4jsOwnMiniLmOn200VariedTexts() {
        List<String> texts = VariedTexts.texts();
        assertThat(texts).hasSize(200);
        AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
        float[][] ours = encoder.embed(texts, 32, 2, () -> false);
        double min = 1, sum = 0;
        int maxTokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            maxTokens = Math.max(maxTokens, encoder.tokenCount(texts.get(i)));
            double cosine = Vectors.cosine(ours[i], reference.embed(texts.get(i)).content().vector());
            min = Math.min(min, cosine);
            if (cosine < 0.999) {
                System.out.printf("  differs (%.5f, %d tokens): %s%n", cosine, encoder.tokenCount(texts.get(i)), texts.get(i));
            }
            sum += cosine;
        }
        System.out.printf("rec4j vs LangChain4j all-MiniLM-L6-v2 on %d texts (up to %d tokens): min cosine %.7f, mean %.7f%n",
                texts.size(), maxTokens, min, sum / texts.size());
        assertThat(maxTokens).as("the texts stay within the token limit").isLessThan(TextEncoder.DEFAULT_MAX_TOKENS);
        assertThat(maxTokens).as("and include long ones").isGreaterThan(90);
        assertThat(min).isGreaterThanOrEqualTo(0.999);
    }

    @Test
    void textBeyondTheTokenLimitIsTruncated() {
        StringBuilder longText = new StringBuilder();
        for (int i = 0; longText.length() < 5_000; i++) {
            longText.append("Sentence number ").append(i).append(" describes a sturdy hiking backpack in detail. ");
        }
        String text = longText.toString();
        assertThat(encoder.tokenCount(text)).isEqualTo(TextEncoder.DEFAULT_MAX_TOKENS);
        float[] full = one(text);
        float[] withOtherTail = one(text + " Completely different: a cookbook of spicy Thai curries and desserts.");
        assertThat(Vectors.cosine(full, withOtherTail)).as("the tail past 128 tokens does not count").isGreaterThan(0.99999);
        // ... while the same tail inside the limit does change the vector
        assertThat(Vectors.cosine(one("A sturdy hiking backpack."),
                one("A sturdy hiking backpack. Completely different: a cookbook of spicy Thai curries and desserts.")))
                .isLessThan(0.95);
        // LangChain4j's packaged tokenizer.json truncates at 128 tokens too, before its 510-token chunking could start
        double vsLangChain4j = Vectors.cosine(full, new AllMiniLmL6V2EmbeddingModel().embed(text).content().vector());
        System.out.printf("5,000-character text: rec4j (truncates at 128) vs LangChain4j: cosine %.7f%n", vsLangChain4j);
        assertThat(vsLangChain4j).isGreaterThan(0.999);
    }

    @Test
    void oddTextsGiveUnitVectors() {
        List<String> odd = new ArrayList<>(List.of("🙂🙃🙂", "<html><body><script>alert(1)</script></body></html>",
                "Ελληνικά κείμενα", "한국어 텍스트", "\u0000\u0001 control characters", "a".repeat(100_000),
                "word ".repeat(20_000)));
        float[][] vectors = encoder.embed(odd, 4, 1, () -> false);
        for (float[] v : vectors) {
            assertThat(v).hasSize(384);
            double norm = 0;
            for (float x : v) {
                assertThat(Float.isFinite(x)).isTrue();
                norm += x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    @Test
    void batchingPaddingAndConcurrencyDoNotChangeVectors() {
        List<String> texts = VariedTexts.texts().subList(0, 60);
        float[][] single = encoder.embed(texts, 1, 1, () -> false);
        float[][] batched = encoder.embed(texts, 32, 4, () -> false);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(Vectors.cosine(single[i], batched[i])).isGreaterThan(0.99999);
        }
    }

    @Test
    void cancellationStopsBetweenBatches() {
        int[] checks = {0};
        assertThatThrownBy(() -> encoder.embed(VariedTexts.texts(), 8, 1, () -> ++checks[0] > 2))
                .isInstanceOf(TextEncoder.EmbeddingCancelledException.class);
        assertThat(checks[0]).isEqualTo(3);
    }

    @Test
    void aModelDirectoryInsideTheAllowedDirectoryLoadsAndOthersAreRefused() throws IOException {
        Path copy = Files.createDirectories(modelDirectory.resolve("minilm-copy"));
        try (InputStream model = TextEncoder.resource("/all-minilm-l6-v2.onnx");
                InputStream tokenizer = TextEncoder.resource("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(model, copy.resolve("model.onnx"));
            Files.copy(tokenizer, copy.resolve("tokenizer.json"));
        }
        assertThat(Vectors.cosine(models.get("minilm-copy").embed(List.of("hello world"), 1, 1, () -> false)[0], one("hello world")))
                .isGreaterThan(0.99999);
        assertThatThrownBy(() -> models.get("../elsewhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'model' '../elsewhere' is outside the allowed model directory");
        assertThatThrownBy(() -> models.get("/etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'model' '/etc' is outside the allowed model directory");
        assertThatThrownBy(() -> models.get("no-such-model"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'model' 'no-such-model' is neither 'all-MiniLM-L6-v2' nor a directory under");
        Files.createDirectories(modelDirectory.resolve("empty"));
        assertThatThrownBy(() -> models.get("empty"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no tokenizer.json");
        assertThatThrownBy(() -> models.get("djl://ai.djl.huggingface.onnxruntime/sentence-transformers/all-MiniLM-L6-v2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a URL, but model downloads are off: set server.rec4j.allow_download=true");
    }

    static float[] one(String text) {
        return encoder.embed(List.of(text), 1, 1, () -> false)[0];
    }

}
