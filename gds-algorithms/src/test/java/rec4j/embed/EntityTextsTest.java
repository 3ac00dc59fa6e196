package rec4j.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EntityTextsTest {

    @Test
    void joinsThePresentPartsByNewlinesSkippingMissingAndBlankOnes() {
        assertThat(EntityTexts.join(Arrays.asList("Title", null, " \t", "Plot\nmore", ""))).isEqualTo("Title\nPlot\nmore");
        assertThat(EntityTexts.join(Arrays.asList(null, "  Ünïcödé "))).isEqualTo("  Ünïcödé ");
    }

    @Test
    void isNullWhenThereIsNoText() {
        assertThat(EntityTexts.join(Arrays.asList(null, " ", ""))).isNull();
        assertThat(EntityTexts.join(java.util.List.of())).isNull();
    }
}
