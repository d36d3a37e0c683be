package io.github.reftrack.cli;

import io.github.reftrack.LeakReport;
import java.util.List;

/** Known reports for the report and HTML tests, with frames and holders that need escaping. */
final class Reports {

    private Reports() {
    }

    static StackTraceElement frame(String cls, String method, String file, int line) {
        return new StackTraceElement(cls, method, file, line);
    }

    /** A delayed_node report: a kill-all leak (2 users) and the inode cache's own reference. */
    static LeakReport delayedNode() {
        String inodes = "io.github.reftrack.delayedinode.DelayedInodes";
        LeakReport.Group leak = new LeakReport.Group(2, List.of(
                frame(inodes, "killAllDelayedNodes", "DelayedInodes.java", 301),
                frame("io.github.reftrack.delayedinode.Subvolume", "<init>", "Subvolume.java", 44),
                frame("java.lang.Thread", "run", null, -1)),
                "5f3a1c2b9d8e7f60", List.of());
        LeakReport.Group cache = new LeakReport.Group(1, List.of(
                frame(inodes, "getDelayedNode", "DelayedInodes.java", 120),
                frame("io.github.reftrack.delayedinode.Subvolume", "<init>", "Subvolume.java", 44),
                frame("jdk.internal.misc.Unsafe", "park", null, -2)),
                "0a1b2c3d4e5f6071", List.of("inode_cache", "<script>alert('x')</script>"));
        return new LeakReport("delayed_node", "delayed_node@00000000c0ffee11", 4, 1, List.of(leak, cache));
    }

    /** A second directory of another class, sharing no frames with the first. */
    static LeakReport connection() {
        LeakReport.Group group = new LeakReport.Group(3, List.of(
                frame("com.example.Pool", "lease", "Pool.java", 7)), "ffeeddccbbaa9988", List.of());
        return new LeakReport("connection", "connection@0000000000000001", 3, 0, List.of(group));
    }

    /** Two call paths through one method at two lines, parting at their callers. */
    static LeakReport branching() {
        LeakReport.Group viaA = new LeakReport.Group(2, List.of(frame("com.example.Pool", "lease", "Pool.java", 7),
                frame("com.example.A", "open", "A.java", 3), frame("com.example.Main", "main", "Main.java", 1)),
                "1111111111111111", List.of());
        LeakReport.Group viaB = new LeakReport.Group(1, List.of(frame("com.example.Pool", "lease", "Pool.java", 9),
                frame("com.example.B", "open", "B.java", 5), frame("com.example.Main", "main", "Main.java", 2)),
                "2222222222222222", List.of());
        return new LeakReport("pool", "pool@0000000000000002", 3, 0, List.of(viaA, viaB));
    }
}
