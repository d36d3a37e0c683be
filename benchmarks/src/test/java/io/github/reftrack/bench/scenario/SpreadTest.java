package io.github.reftrack.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tables' arithmetic and the parsing of what a program prints. */
class SpreadTest {
    @Test
    void medianIsTheMiddle_whenTheCountIsOdd() {
        assertThat(Spread.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Spread(2.0, 1.0, 3.0, 3));
    }

    @Test
    void medianIsTheMeanOfTheMiddleTwo_whenTheCountIsEven() {
        assertThat(Spread.of(List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    }

    @Test
    void formatShowsSignificantDigits_withTheRange() {
        assertThat(Spread.of(List.of(1.234, 1.1, 12.5)).format(3, "×")).isEqualTo("1.23× (1.10–12.5)");
        assertThat(Spread.number(12345.6, 3)).isEqualTo("12346");
    }

    @Test
    void emptyValuesAreRefused() {
        assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultLinesAreRead_otherLinesIgnored() {
        assertThat(WholeProcess.results("INFO: x\nresult requests/s 1234.5\nresult cpu 2\nresult bad\n"))
                .isEqualTo(Map.of("requests/s", 1234.5, "cpu", 2.0));
    }

    @Test
    void unknownOptionIsNamed() {
        assertThatThrownBy(() -> new ScenarioOptions(Map.of("rounds", "5"), "--round", "3"))
                .hasMessageContaining("unknown option '--round'").hasMessageContaining("--rounds");
    }
}
