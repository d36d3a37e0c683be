package io.github.reftrack.cli;

import io.github.reftrack.LeakReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live references of a set of reports as a tree: directory class, then the frame that took
 * the reference, then its caller, and so on outwards. Each node counts the references whose
 * stack passes through it.
 *
 * <p>The tree is rooted at the innermost frame (the caller of {@code alloc}) because that end of
 * a stack is always there and always says who took the reference; the outer end is cut at
 * {@code reftrack.depth} frames, so rooting there would start the tree at arbitrary frames in
 * the middle of deep stacks and split one leak site over many roots.
 *
 * <p>Not thread-safe; built once, then only read.
 */
final class CallTree {
    /** Label of the node holding references whose stack was not captured. */
    static final String NO_STACK = "(no stack recorded)";
    /** Label of the node counting references a report left out at its display limit. */
    static final String SKIPPED = "(not shown: over the report's display limit)";

    /** One node: a frame (or a class, at the top) and the references passing through it. */
    static final class Node {
        private final String label;
        private long users;
        private final Map<String, Node> children = new LinkedHashMap<>();
        private final Set<String> holders = new LinkedHashSet<>();
        private final Map<String, Long> directories = new LinkedHashMap<>();

        Node(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        long users() {
            return users;
        }

        /** Children, most references first; ties keep first-seen order. */
        List<Node> children() {
            List<Node> sorted = new ArrayList<>(children.values());
            sorted.sort(Comparator.comparingLong(Node::users).reversed());
            return sorted;
        }

        /** Holder names of the stacks that end at this node. */
        Set<String> holders() {
            return holders;
        }

        /** References per directory among the stacks that end at this node. */
        Map<String, Long> directories() {
            return directories;
        }

        private Node child(String childLabel) {
            return children.computeIfAbsent(childLabel, Node::new);
        }
    }

    private CallTree() {
    }

    /**
     * Builds the tree of the given reports; the returned root's children are the directory
     * classes, in order of first appearance before sorting by count.
     */
    static Node build(List<LeakReport> reports) {
        Node root = new Node("all");
        for (LeakReport report : reports) {
            Node classNode = root.child(report.className());
            root.users += report.totalUsers();
            classNode.users += report.totalUsers();
            for (LeakReport.Group group : report.groups()) {
                add(classNode, report.dirName(), group);
            }
            if (report.skippedUsers() > 0) {
                Node skipped = classNode.child(SKIPPED);
                skipped.users += report.skippedUsers();
                skipped.directories.merge(report.dirName(), (long) report.skippedUsers(), Long::sum);
            }
        }
        return root;
    }

    private static void add(Node classNode, String dirName, LeakReport.Group group) {
        Node node = classNode;
        List<StackTraceElement> frames = group.frames();
        if (frames.isEmpty()) {
            node = node.child(NO_STACK);
            node.users += group.users();
        }
        for (StackTraceElement frame : frames) {
            node = node.child(frame.toString());
            node.users += group.users();
        }
        node.holders.addAll(group.holders());
        node.directories.merge(dirName, (long) group.users(), Long::sum);
    }
}
