package io.github.reftrack.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.FrameFilter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Interning a batch of raw captures: the same stacks whether decoded one by one or in parallel. */
class StackDepotTest {

    private static StackDepot depot() {
        FrameFilter filter = FrameFilter.of(List.of());
        filter.hideClass(Capture.class.getName());
        return new StackDepot(JavaCaptureSource.INSTANCE, filter, 16, () -> false);
    }

    private static Capture siteA() {
        return Capture.take();
    }

    private static Capture siteB() {
        return Capture.take();
    }

    private static Capture siteC() {
        return Capture.take();
    }

    private static StackRef[] captures(int n) {
        StackRef[] refs = new StackRef[n];
        for (int i = 0; i < n; i++) {
            refs[i] = i % 3 == 0 ? siteA() : i % 3 == 1 ? siteB() : siteC();
        }
        return refs;
    }

    @Test
    void aBatchOfThrowablesDecodedInParallelInternsTheStacksOneByOneWould() {
        int n = 3 * StackDepot.PARALLEL_DECODE + 1;
        StackRef[] refs = captures(n);
        refs[5] = null;
        StackDepot batch = depot();
        Stack[] out = new Stack[n];
        batch.intern(refs, out, 0, n);

        StackDepot single = depot();
        Set<Integer> handles = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Stack expected = single.intern(refs[i]);
            assertThat(out[i].frames()).as("stack %d", i).isEqualTo(expected.frames());
            handles.add(System.identityHashCode(out[i]));
        }
        assertThat(out[5]).isSameAs(Stack.EMPTY);
        assertThat(batch.size()).as("three call sites, three stacks").isEqualTo(3);
        assertThat(handles).as("one interned object per call site, plus the empty stack").hasSize(4);
        assertThat(out[0].frames().get(0).getMethodName()).isEqualTo("siteA");
    }

    @Test
    void onlyTheRangeAskedForIsInterned() {
        StackRef[] refs = captures(10);
        Stack[] out = new Stack[10];
        depot().intern(refs, out, 2, 7);
        assertThat(Arrays.asList(out).subList(0, 2)).containsOnlyNulls();
        assertThat(Arrays.asList(out).subList(2, 7)).doesNotContainNull();
        assertThat(Arrays.asList(out).subList(7, 10)).containsOnlyNulls();
    }
}
