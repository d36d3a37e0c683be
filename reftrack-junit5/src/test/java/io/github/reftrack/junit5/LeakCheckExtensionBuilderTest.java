package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reftrack.RefTracking;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeakCheckExtensionBuilderTest {

    @Test
    void negativeGracePeriod_isRejected() {
        assertThatThrownBy(() -> LeakCheckExtension.builder().gracePeriod(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gracePeriod must be >= 0 (0 checks once, without waiting), was PT-0.001S");
    }

    @Test
    void nullGracePeriod_isRejected() {
        assertThatThrownBy(() -> LeakCheckExtension.builder().gracePeriod(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("gracePeriod");
    }

    @Test
    void modeOff_isRejected() {
        assertThatThrownBy(() -> LeakCheckExtension.builder().mode(RefTracking.Mode.OFF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OFF would check nothing: use FULL or SAMPLE");
    }

    @Test
    void displayLimitBelowOne_isRejected() {
        assertThatThrownBy(() -> LeakCheckExtension.builder().displayLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("displayLimit must be >= 1 (groups shown per directory), was 0");
    }

    @Test
    void zeroGracePeriod_isAccepted() {
        assertThatCode(() -> LeakCheckExtension.builder().gracePeriod(Duration.ZERO).perClass().perMethod().build())
                .doesNotThrowAnyException();
    }
}
