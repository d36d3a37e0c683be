package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineFramesTest {

    private static StackTraceElement frame(String className) {
        return new StackTraceElement(className, "run", "X.java", 1);
    }

    @Test
    void trailingEngineFrames_areDropped() {
        List<StackTraceElement> frames = List.of(frame("com.example.Pool"), frame("com.example.PoolTest"),
                frame("jdk.internal.reflect.NativeMethodAccessorImpl"), frame("java.lang.reflect.Method"),
                frame("org.junit.jupiter.engine.execution.MethodInvocation"));

        assertThat(EngineFrames.trim(frames)).containsExactly(frame("com.example.Pool"), frame("com.example.PoolTest"));
    }

    @Test
    void reflectionAboveUserCode_isKept() {
        List<StackTraceElement> frames = List.of(frame("com.example.Pool"), frame("java.lang.reflect.Method"),
                frame("com.example.Framework"));

        assertThat(EngineFrames.trim(frames)).isEqualTo(frames);
    }

    @Test
    void stackOfEngineFramesOnly_keepsItsTopFrame() {
        List<StackTraceElement> frames = List.of(frame("org.junit.A"), frame("org.junit.B"));

        assertThat(EngineFrames.trim(frames)).containsExactly(frame("org.junit.A"));
    }

    @Test
    void emptyStack_staysEmpty() {
        assertThat(EngineFrames.trim(List.<StackTraceElement>of())).isEmpty();
    }
}
