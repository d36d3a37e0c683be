package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one frame filter: prefixes, reftrack's own frames, bridges, all-hidden stacks, {@code none}. */
class FrameFilterTest {

    /** A generic handler, as Netty's {@code SimpleChannelInboundHandler}. */
    abstract static class Handler<T> {
        StackTraceElement[] deliver(T message) {
            return handle(message);
        }

        abstract StackTraceElement[] handle(T message);
    }

    /** Its subclass: javac adds a bridge {@code handle(Object)} that forwards to {@code handle(String)}. */
    static final class AuditHandler extends Handler<String> {
        @Override
        StackTraceElement[] handle(String message) {
            return new Throwable().getStackTrace();
        }
    }

    @Test
    void aBridgeMethodsFrameIsHidden_whenAGenericHandlerIsCalledThroughItsBase() {
        StackTraceElement[] captured = new AuditHandler().deliver("x");
        assertThat(captured).filteredOn(f -> f.getMethodName().equals("handle")).as("bridge + real method").hasSize(2);

        CallStack shown = FrameFilter.of(List.of()).shown(captured, 64);

        assertThat(shown.frames()).filteredOn(f -> f.getMethodName().equals("handle")).singleElement()
                .satisfies(f -> assertThat(f.getClassName()).endsWith("AuditHandler"));
        assertThat(shown.frames().get(1).getMethodName()).isEqualTo("deliver");
        assertThat(shown.allHidden()).isFalse();
    }

    @Test
    void bridgesStay_whenHidingIsOff() {
        CallStack shown = FrameFilter.of(List.of(FrameFilter.NONE)).shown(new AuditHandler().deliver("x"), 64);

        assertThat(shown.frames()).filteredOn(f -> f.getMethodName().equals("handle")).hasSize(2);
    }

    @Test
    void theNearestHiddenFramesAreShownAndMarked_whenEveryFrameIsHidden() {
        StackTraceElement[] all = {frame("io.github.reftrack.internal.engine.Ledger"), frame("io.netty.Buf"),
            frame("io.netty.Pool"), frame("java.lang.Thread")};
        FrameFilter filter = FrameFilter.of(List.of("io.netty.", "java."));
        filter.dropOwnClass("io.github.reftrack.internal.engine.Ledger");

        CallStack shown = filter.shown(all, 2);

        assertThat(shown.allHidden()).isTrue();
        assertThat(shown.frames()).extracting(StackTraceElement::getClassName).containsExactly("io.netty.Buf",
                "io.netty.Pool");
        assertThat(new LostReference("c", "c@1", null, shown).toString()).isEqualTo("c@1: reference lost without"
                + " release.\nallocated in:\n (all frames hidden; nearest library frames shown)\n"
                + " io.netty.Buf.run(X.java:1)\n io.netty.Pool.run(X.java:1)\n");
    }

    @Test
    void noneShowsPrefixedFramesButNeverReftracksOwn() {
        StackTraceElement[] all = {frame("io.github.reftrack.RefTrackerDir"), frame("io.netty.Buf"),
            frame("com.example.App")};
        FrameFilter filter = FrameFilter.of(List.of("io.netty.", "none"));
        filter.dropOwnClass("io.github.reftrack.RefTrackerDir");

        assertThat(filter.isOff()).isTrue();
        assertThat(filter.shown(all, 8).frames()).extracting(StackTraceElement::getClassName)
                .containsExactly("io.netty.Buf", "com.example.App");
    }

    @Test
    void nestedClassesOfAHiddenClassAreHidden() {
        FrameFilter filter = FrameFilter.of(List.of());
        filter.hideClass("com.example.Wrapper");

        assertThat(filter.hides("com.example.Wrapper$1")).isTrue();
        assertThat(filter.hides("com.example.WrapperX")).isFalse();
    }

    private static StackTraceElement frame(String className) {
        return new StackTraceElement(className, "run", "X.java", 1);
    }

    @Test
    void prefixLearntAtRunTimeHidesItsClasses_andChangesTheGeneration() {
        FrameFilter filter = FrameFilter.of(List.of("io.netty."));
        int before = filter.generation();
        assertThat(filter.hides("io.grpc.netty.shaded.io.netty.buffer.WrappedByteBuf")).isFalse();

        filter.hidePrefix("io.grpc.netty.shaded.io.netty.");

        assertThat(filter.hides("io.grpc.netty.shaded.io.netty.buffer.WrappedByteBuf")).isTrue();
        assertThat(filter.hides("io.grpc.netty.shaded.Other")).isFalse();
        assertThat(filter.generation()).isNotEqualTo(before);
        FrameFilter off = FrameFilter.of(List.of(FrameFilter.NONE));
        off.hidePrefix("a.");
        assertThat(off.hides("a.B")).isFalse();
    }
}
