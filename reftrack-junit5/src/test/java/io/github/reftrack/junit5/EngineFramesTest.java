package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.CallStack;
import io.github.reftrack.LeakReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineFramesTest {

    private static StackTraceElement frame(String className) {
        return new StackTraceElement(className, "run", "X.java", 1);
    }

    private static List<StackTraceElement> trim(List<StackTraceElement> frames) {
        return EngineFrames.trim(CallStack.of(frames)).frames();
    }

    @Test
    void aTrimmedReportKeepsItsCountsAgesAndFingerprints() {
        List<StackTraceElement> frames = List.of(frame("com.example.Pool"), frame("org.junit.A"));
        LeakReport report = new LeakReport("pool", "pool@1", 2, 0, List.of(new LeakReport.Group(2, frames,
                "0123456789abcdef", List.of("h"), Duration.ofSeconds(20), Duration.ZERO)), 4);

        LeakReport trimmed = (LeakReport) EngineFrames.trim(report);

        assertThat(trimmed.untrackedUsers()).isEqualTo(4);
        assertThat(trimmed.groups().get(0).oldest()).isEqualTo(Duration.ofSeconds(20));
        assertThat(trimmed.groups().get(0).fingerprint()).isEqualTo("0123456789abcdef");
        assertThat(trimmed.groups().get(0).frames()).containsExactly(frame("com.example.Pool"));
        assertThat(trimmed.toString()).contains("and 4 more counted without a stack", "(oldest 20s)");
    }

    @Test
    void trailingEngineFrames_areDropped() {
        List<StackTraceElement> frames = List.of(frame("com.example.Pool"), frame("com.example.PoolTest"),
                frame("jdk.internal.reflect.NativeMethodAccessorImpl"), frame("java.lang.reflect.Method"),
                frame("org.junit.jupiter.engine.execution.MethodInvocation"));

        assertThat(trim(frames)).containsExactly(frame("com.example.Pool"), frame("com.example.PoolTest"));
    }

    @Test
    void reflectionAboveUserCode_isKept() {
        List<StackTraceElement> frames = List.of(frame("com.example.Pool"), frame("java.lang.reflect.Method"),
                frame("com.example.Framework"));

        assertThat(trim(frames)).isEqualTo(frames);
    }

    @Test
    void stackOfEngineFramesOnly_keepsItsTopFrame() {
        List<StackTraceElement> frames = List.of(frame("org.junit.A"), frame("org.junit.B"));

        assertThat(trim(frames)).containsExactly(frame("org.junit.A"));
    }

    @Test
    void emptyStack_staysEmpty() {
        assertThat(trim(List.<StackTraceElement>of())).isEmpty();
    }
}
