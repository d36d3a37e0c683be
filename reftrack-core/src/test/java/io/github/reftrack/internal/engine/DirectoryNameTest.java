package io.github.reftrack.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Directory names: kernel-looking hashed ids that stay unique. */
class DirectoryNameTest {
    @Test
    void directoryIdsStayUniquePastTwoToTheThirtyTwo() {
        Set<Long> ids = new HashSet<>();
        for (long seq : new long[] {1, 2, 0xffffffffL, 0x1_0000_0000L, 0x1_0000_0001L, 0x2_0000_0001L}) {
            assertThat(ids.add(DirectoryName.idOf(seq))).as("id of %d", seq).isTrue();
        }
        assertThat(DirectoryName.idOf(7) >>> 32).isZero();
        assertThat(DirectoryName.idOf(0x1_0000_0001L) & 0xffffffffL).isEqualTo(DirectoryName.idOf(1));
    }

    @Test
    void namesAreClassAtSixteenHexDigitsInCreationOrder_whenTwoAreCreated() {
        DirectoryName first = DirectoryName.next("delayed_node");
        DirectoryName second = DirectoryName.next("delayed_node");
        assertThat(first.toString()).matches("delayed_node@[0-9a-f]{16}");
        assertThat(second.sequence()).isGreaterThan(first.sequence());
        assertThat(second.toString()).isNotEqualTo(first.toString());
    }
}
