package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.LeakReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowancesTest {
    private static final LeakReport.Group GROUP = new LeakReport.Group(1, List.of(
            new StackTraceElement("com.acme.Pool", "borrow", "Pool.java", 12),
            new StackTraceElement("com.acme.PoolTest", "borrows", "PoolTest.java", 30)), "0123456789abcdef",
            List.of());

    @Test
    void siteWithAHashMatchesAClassAndMethodAnywhereInTheStack() {
        assertThat(new Allowances(List.of("com.acme.PoolTest#borrows"), List.of()).allows("x", GROUP)).isTrue();
        assertThat(new Allowances(List.of("com.acme.Pool#release"), List.of()).allows("x", GROUP)).isFalse();
        assertThat(new Allowances(List.of("com.acme.Poo#borrow"), List.of()).allows("x", GROUP)).isFalse();
    }

    @Test
    void siteWithoutAHashIsAPrefixOfClassDotMethod() {
        assertThat(new Allowances(List.of("com.acme.Pool"), List.of()).allows("x", GROUP)).isTrue();
        assertThat(new Allowances(List.of("com.acme.Pool.borrow"), List.of()).allows("x", GROUP)).isTrue();
        assertThat(new Allowances(List.of("org.other."), List.of()).allows("x", GROUP)).isFalse();
    }

    @Test
    void trackedClassIsMatchedByItsDirectoryClass() {
        Allowances allowances = new Allowances(List.of(), List.of("netty_bytebuf"));

        assertThat(allowances.allows("netty_bytebuf", GROUP)).isTrue();
        assertThat(allowances.allows("lucene_reader", GROUP)).isFalse();
    }
}
