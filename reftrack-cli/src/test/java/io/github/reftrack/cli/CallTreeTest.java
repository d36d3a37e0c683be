package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.reftrack.LeakReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call tree behind the HTML page: roots, counts per frame, where stacks end. */
class CallTreeTest {

    @Test
    void countsEveryReferenceUnderItsClass_andSortsClassesByCount() {
        CallTree.Node root = CallTree.build(List.of(Reports.delayedNode(), Reports.connection()));

        assertThat(root.users()).isEqualTo(7);
        assertThat(root.children()).extracting(CallTree.Node::label, CallTree.Node::users)
                .containsExactly(tuple("delayed_node", 4L),
                        tuple("connection", 3L));
    }

    @Test
    void rootsEachStackAtTheFrameThatTookTheReference() {
        CallTree.Node delayed = CallTree.build(List.of(Reports.delayedNode())).children().get(0);

        assertThat(delayed.children()).extracting(CallTree.Node::label, CallTree.Node::users).containsExactly(
                tuple("io.github.reftrack.delayedinode.DelayedInodes.killAllDelayedNodes(DelayedInodes.java:301)",
                        2L),
                tuple(
                        "io.github.reftrack.delayedinode.DelayedInodes.getDelayedNode(DelayedInodes.java:120)", 1L),
                tuple(CallTree.SKIPPED, 1L));
    }

    @Test
    void recordsHoldersAndDirectoriesWhereAStackEnds() {
        CallTree.Node getDelayedNode = CallTree.build(List.of(Reports.delayedNode())).children().get(0)
                .children().get(1);
        CallTree.Node subvolume = getDelayedNode.children().get(0);
        CallTree.Node park = subvolume.children().get(0);

        assertThat(subvolume.label()).isEqualTo("io.github.reftrack.delayedinode.Subvolume.<init>(Subvolume.java:44)");
        assertThat(subvolume.directories()).isEmpty();
        assertThat(park.label()).isEqualTo("jdk.internal.misc.Unsafe.park(Native Method)");
        assertThat(park.children()).isEmpty();
        assertThat(park.holders("delayed_node@00000000c0ffee11")).containsExactly("inode_cache",
                "<script>alert('x')</script>");
        assertThat(park.holders("delayed_node@0000000000000000")).isEmpty();
        assertThat(park.directories()).containsExactly(Map.entry("delayed_node@00000000c0ffee11", 1L));
    }

    @Test
    void mergesEqualFramesOfDifferentDirectories() {
        LeakReport other = new LeakReport("connection", "connection@0000000000000002", 2, 0, Reports.connection()
                .groups().stream().map(g -> new LeakReport.Group(2, g.frames(), g.fingerprint(), g.holders()))
                .toList());

        CallTree.Node lease = CallTree.build(List.of(Reports.connection(), other)).children().get(0)
                .children().get(0);

        assertThat(lease.users()).isEqualTo(5);
        assertThat(lease.directories()).containsExactly(Map.entry("connection@0000000000000001", 3L),
                Map.entry("connection@0000000000000002", 2L));
    }

    @Test
    void mergesFramesOfOneMethodAtDifferentLines_andListsTheLines() {
        CallTree.Node lease = CallTree.build(List.of(Reports.branching())).children().get(0).children().get(0);

        assertThat(lease.label()).isEqualTo("com.example.Pool.lease(Pool.java:7,9)");
        assertThat(lease.users()).isEqualTo(3);
        assertThat(lease.children()).extracting(CallTree.Node::label, CallTree.Node::users)
                .containsExactly(tuple("com.example.A.open(A.java:3)", 2L), tuple("com.example.B.open(B.java:5)", 1L));
    }

    @Test
    void putsUncapturedStacksUnderTheirOwnNode() {
        LeakReport report = new LeakReport("session", "session@0000000000000003", 1, 0,
                List.of(new LeakReport.Group(1, List.of(), "0000000000000000", List.of())));

        CallTree.Node session = CallTree.build(List.of(report)).children().get(0);

        assertThat(session.children()).extracting(CallTree.Node::label).containsExactly(CallTree.NO_STACK);
        assertThat(session.children().get(0).directories()).containsKey("session@0000000000000003");
    }
}
