package rec4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The --key value command lines of DemoClient and FaultClient. */
class CliOptionsTest {

    @Test
    void readsThePairsAfterTheCommandWord() {
        Map<String, String> options = CliOptions.parse(new String[] {"load", "--bolt", "bolt://x:1", "--seed", "7"});
        assertThat(options).containsExactlyInAnyOrderEntriesOf(Map.of("bolt", "bolt://x:1", "seed", "7"));
        options.put("skip-existing", "true"); // FaultClient changes its map
        assertThat(options).containsEntry("skip-existing", "true");
    }

    @Test
    void refusesAKeyWithoutDashesOrWithoutAValue() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"load", "bolt", "x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Expected --key value pairs, got 'bolt'");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"load", "--bolt"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Expected --key value pairs, got '--bolt'");
    }
}
