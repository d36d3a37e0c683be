package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefScopeTest {
    private final AtomicBoolean holding = new AtomicBoolean(true);
    private final RefScope.Claim claim = new RefScope.Claim() {
        @Override
        public boolean holds() {
            return holding.get();
        }

        @Override
        public LeakReport report() {
            return new LeakReport("thing", "thing@0000000000000001", 1, 0,
                    List.of(new LeakReport.Group(1, List.of(), "0123456789abcdef", List.of())));
        }
    };

    @AfterEach
    void unbind() {
        RefScope.restore(null);
    }

    @Test
    void boundScopeClaimsBirthsOnItsThread_andTheOneBoundBeforeComesBack() {
        RefScope outer = RefScope.open("outer", "Outer", null, false);
        RefScope inner = RefScope.open("inner", "inner()", outer, false);
        RefScope before = outer.bind();
        RefScope previous = inner.bind();

        assertThat(RefScope.claimant()).isSameAs(inner);
        RefScope.restore(previous);
        assertThat(RefScope.claimant()).isSameAs(outer);
        RefScope.restore(before);
        assertThat(RefScope.claimant()).isNull();
    }

    @Test
    void heldListsOnlyClaimsThatStillHold() {
        RefScope scope = RefScope.open("t", "t()", null, false);
        scope.claim(claim);

        assertThat(scope.held()).hasSize(1);
        holding.set(false);
        assertThat(scope.held()).isEmpty();
    }

    @Test
    void otherThreadsGoToTheOutermostClassScope_whileNoUnrelatedOneIsOpen() throws Exception {
        RefScope outer = RefScope.open("a", "A", null, true);
        RefScope nested = RefScope.open("a/n", "A.N", outer, true);
        assertThat(onOtherThread()).isSameAs(outer);

        RefScope unrelated = RefScope.open("b", "B", null, true);
        assertThat(onOtherThread()).isNull();

        unrelated.close();
        nested.close();
        assertThat(onOtherThread()).isSameAs(outer);
        outer.close();
        assertThat(onOtherThread()).isNull();
    }

    @Test
    void closedScopeClaimsNothingOnItsThread() {
        RefScope scope = RefScope.open("t", "t()", null, false);
        scope.bind();
        scope.close();

        assertThat(RefScope.claimant()).isNull();
    }

    private static RefScope onOtherThread() throws InterruptedException {
        AtomicReference<RefScope> seen = new AtomicReference<>();
        Thread thread = new Thread(() -> seen.set(RefScope.claimant()));
        thread.start();
        thread.join();
        return seen.get();
    }
}
