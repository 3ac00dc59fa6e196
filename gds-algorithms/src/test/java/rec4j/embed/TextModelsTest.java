package rec4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text models by URL and by directory, with downloads allowed: a file URL loads only inside the model directory, one
 * model loaded under several spellings is one resident copy, at most maxLoaded models are kept, and no error message
 * shows a server path.
 */
class TextModelsTest {

    @TempDir
    Path temp;

    @Test
    void fileUrlsStayInsideTheModelDirectoryAndOneModelIsLoadedOnce() throws IOException {
        Path root = Files.createDirectories(temp.resolve("models"));
        Path copy = Files.createDirectories(root.resolve("minilm"));
        try (InputStream model = TextEncoder.resource("/all-minilm-l6-v2.onnx");
                InputStream tokenizer = TextEncoder.resource("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(model, copy.resolve("model.onnx"));
            Files.copy(tokenizer, copy.resolve("tokenizer.json"));
        }
        Files.createDirectories(root.resolve("other"));
        Files.writeString(temp.resolve("etc.pt"), "not a model");
        try (TextModels models = new TextModels(root, true, 0, TextEncoder.DEFAULT_MAX_TOKENS, 1)) {
            TextEncoder byName = models.get("minilm");
            // the same directory spelt as a file URL, with a query, or with '..' is the same resident model
            assertThat(models.get(copy.toUri().toString())).isSameAs(byName);
            assertThat(models.get("minilm/../minilm")).isSameAs(byName);
            assertThat(models.get("file://" + copy + "/")).isSameAs(byName);

            for (String outside : new String[] {"file:///etc", temp.toUri().toString(), "file://" + temp + "/etc.pt",
                    "file://" + root + "/../"}) {
                assertThatThrownBy(() -> models.get(outside)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("is outside the allowed model directory")
                        .hasMessageNotContaining(temp.toString().substring(0, temp.toString().length() - 1) + "/models");
            }
            // a second distinct model is over this catalog's bound of 1
            assertThatThrownBy(() -> models.get("other")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 text models are loaded already");
            // a directory without a model: the message names it as given, not by its absolute path
            assertThatThrownBy(() -> new TextModels(root, true, 0, TextEncoder.DEFAULT_MAX_TOKENS).get("other"))
                    .hasMessageContaining("'other'").hasMessageNotContaining(root.toString());
        }
    }
}
