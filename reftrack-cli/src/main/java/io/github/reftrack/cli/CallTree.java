package io.github.reftrack.cli;

import io.github.reftrack.FrameFilter;
import io.github.reftrack.LeakReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

    /**
     * One node: a method (or a class, at the top) and the references passing through it. Frames
     * of one method at different lines are one node, so a leak site that moved by a line between
     * versions, or that takes references from two lines of one method, is counted once; the label
     * lists the lines.
     */
    static final class Node {
        private final String key;
        private StackTraceElement frame;
        private final Set<Integer> lines = new TreeSet<>();
        private long users;
        private final Map<String, Node> children = new LinkedHashMap<>();
        private final Map<String, Set<String>> holders = new LinkedHashMap<>();
        private final Map<String, Long> directories = new LinkedHashMap<>();
        private int hiddenBefore;
        private int hiddenAfter;

        Node(String key) {
            this.key = key;
        }

        /**
         * The class name for a class node, or the frame as reports print it, with every line seen:
         * {@code com.example.Pool.lease(Pool.java:7,12)}.
         */
        String label() {
            if (frame == null || lines.isEmpty()) {
                return frame == null ? key : frame.toString();
            }
            return frame.getClassName() + '.' + frame.getMethodName() + '(' + frame.getFileName() + ':'
                    + lines.stream().map(String::valueOf).collect(Collectors.joining(",")) + ')';
        }

        long users() {
            return users;
        }

        /** Frames folded away between this node and the one that called into it (the most seen). */
        int hiddenBefore() {
            return hiddenBefore;
        }

        /** Frames folded away outside this node, where a stack ended in hidden frames (the most seen). */
        int hiddenAfter() {
            return hiddenAfter;
        }

        /** Children, most references first; ties keep first-seen order. */
        List<Node> children() {
            List<Node> sorted = new ArrayList<>(children.values());
            sorted.sort(Comparator.comparingLong(Node::users).reversed());
            return sorted;
        }

        /** Holder names of the stacks that end at this node, in one directory; empty if none. */
        Set<String> holders(String directory) {
            return holders.getOrDefault(directory, Set.of());
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
     * Builds the tree of the given reports with every frame; the returned root's children are the
     * directory classes, in order of first appearance before sorting by count.
     */
    static Node build(List<LeakReport> reports) {
        return build(reports, FrameFilter.of(List.of()));
    }

    /**
     * Builds the tree of the given reports, folding away the frames {@code filter} hides (their
     * number is kept on the nodes next to them); a stack whose frames would all be hidden is kept
     * whole.
     */
    static Node build(List<LeakReport> reports, FrameFilter filter) {
        Node root = new Node("all");
        for (LeakReport report : reports) {
            Node classNode = root.child(report.className());
            root.users += report.totalUsers();
            classNode.users += report.totalUsers();
            for (LeakReport.Group group : report.groups()) {
                add(classNode, report.dirName(), group, filter);
            }
            if (report.skippedUsers() > 0) {
                Node skipped = classNode.child(SKIPPED);
                skipped.users += report.skippedUsers();
                skipped.directories.merge(report.dirName(), (long) report.skippedUsers(), Long::sum);
            }
        }
        return root;
    }

    private static void add(Node classNode, String dirName, LeakReport.Group group, FrameFilter filter) {
        Node node = classNode;
        List<StackTraceElement> frames = group.frames();
        if (frames.isEmpty()) {
            node = node.child(NO_STACK);
            node.users += group.users();
        }
        boolean hideSome = !frames.stream().allMatch(filter::hides);
        int hidden = 0;
        for (StackTraceElement frame : frames) {
            if (hideSome && filter.hides(frame)) {
                hidden++;
                continue;
            }
            node = node.child(methodKey(frame));
            node.hiddenBefore = Math.max(node.hiddenBefore, hidden);
            hidden = 0;
            node.users += group.users();
            if (node.frame == null) {
                node.frame = frame;
            }
            if (frame.getFileName() != null && frame.getLineNumber() >= 0) {
                node.lines.add(frame.getLineNumber());
            }
        }
        node.hiddenAfter = Math.max(node.hiddenAfter, hidden);
        if (!group.holders().isEmpty()) {
            node.holders.computeIfAbsent(dirName, k -> new LinkedHashSet<>()).addAll(group.holders());
        }
        node.directories.merge(dirName, (long) group.users(), Long::sum);
    }

    /** Frames of one method share a node whatever their line; native and unknown-source frames stay apart. */
    private static String methodKey(StackTraceElement frame) {
        String where = frame.isNativeMethod() ? "native" : String.valueOf(frame.getFileName());
        return frame.getClassName() + '.' + frame.getMethodName() + '(' + where + ')';
    }
}
