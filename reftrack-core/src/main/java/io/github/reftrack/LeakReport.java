package io.github.reftrack;

import io.github.reftrack.capture.FrameText;
import java.util.List;
import java.util.Objects;

/**
 * The live trackers of one directory at one instant, grouped by the stack that took them: the
 * Java form of the kernel's {@code ref_tracker_dir_print}.
 *
 * <p>Groups are ordered by their newest tracker, newest first; at most {@code displayLimit}
 * groups are formed, and trackers whose stack did not get a group are counted in
 * {@link #skippedUsers()}. {@link #toString()} renders the kernel's text:
 *
 * <pre>
 * delayed_node@00000000c0ffee11 has 1/2 users at
 *      com.example.Cleaner.killAll(Cleaner.java:88)
 *      ...
 *
 * delayed_node@00000000c0ffee11 has 1/2 users at
 *   held by: inode_cache
 *      com.example.Inodes.get(Inodes.java:41)
 *      ...
 *
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param className    the directory's class, e.g. {@code delayed_node}
 * @param dirName      the directory's name, {@code <class>@<16 hex digits>}
 * @param totalUsers   live trackers in the directory when the report was taken
 * @param skippedUsers live trackers not shown because the display limit was reached
 * @param groups       one entry per distinct stack, newest first
 */
public record LeakReport(String className, String dirName, int totalUsers, int skippedUsers, List<Group> groups) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if a name, the group list or a group is null
     * @throws IllegalArgumentException if the counts are negative or do not add up
     */
    public LeakReport {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(dirName, "dirName");
        groups = List.copyOf(groups);
        int shown = groups.stream().mapToInt(Group::users).sum();
        if (totalUsers < 0 || skippedUsers < 0 || shown + skippedUsers != totalUsers) {
            throw new IllegalArgumentException("inconsistent report for " + dirName + ": " + shown
                    + " users in groups + " + skippedUsers + " skipped != " + totalUsers + " total");
        }
    }

    /**
     * Returns whether the directory had no live trackers.
     *
     * @return {@code true} if {@link #totalUsers()} is zero
     */
    public boolean isEmpty() {
        return totalUsers == 0;
    }

    /**
     * Renders the report in the kernel's shape; an empty report renders as the empty string (the
     * kernel prints nothing).
     *
     * @return the report text, each group ending in a blank line
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(256);
        for (Group group : groups) {
            out.append(dirName).append(" has ").append(group.users()).append('/').append(totalUsers)
                    .append(" users at\n");
            if (!group.holders().isEmpty()) {
                out.append("  held by: ").append(String.join(", ", group.holders())).append('\n');
            }
            FrameText.appendAll(group.frames(), Frames.REPORT_INDENT, out);
            out.append('\n');
        }
        if (skippedUsers > 0) {
            out.append(dirName).append(" skipped reports about ").append(skippedUsers).append('/')
                    .append(totalUsers).append(" users.\n");
        }
        return out.toString();
    }

    /**
     * Renders the report as one JSON object: {@code className}, {@code dirName},
     * {@code totalUsers}, {@code skippedUsers} and {@code groups}, each group with {@code users},
     * {@code fingerprint}, {@code holders} and {@code frames} (objects with {@code class},
     * {@code method}, {@code file}, {@code line}).
     *
     * @return the JSON text, on one line
     */
    public String toJson() {
        Json json = new Json();
        json.beginObject()
                .field("className", className)
                .field("dirName", dirName)
                .field("totalUsers", totalUsers)
                .field("skippedUsers", skippedUsers)
                .name("groups").beginArray();
        for (Group group : groups) {
            json.beginObject()
                    .field("users", group.users())
                    .field("fingerprint", group.fingerprint())
                    .name("holders").strings(group.holders());
            json.name("frames");
            Frames.writeJson(group.frames(), json);
            json.endObject();
        }
        return json.endArray().endObject().toString();
    }

    /**
     * The trackers of a report that share one allocation stack.
     *
     * @param users       how many live trackers have this stack
     * @param frames      the stack, starting at the caller of {@code alloc}, library frames
     *                    stripped, at most {@value RefTracking#DEPTH_PROPERTY} frames; empty when
     *                    the stack could not be captured
     * @param fingerprint a stable identifier of the call path: the same across runs, hosts, line
     *                    number changes and object identities, different between call paths
     * @param holders     the distinct holder names given to {@code alloc(holder)} by these
     *                    trackers, in order of appearance; empty if none had one
     */
    public record Group(int users, List<StackTraceElement> frames, String fingerprint, List<String> holders) {

        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException     if a list or the fingerprint is null
         * @throws IllegalArgumentException if {@code users} is not positive
         */
        public Group {
            if (users <= 0) {
                throw new IllegalArgumentException("a group has at least one user, was " + users);
            }
            frames = List.copyOf(frames);
            Objects.requireNonNull(fingerprint, "fingerprint");
            holders = List.copyOf(holders);
        }
    }
}
