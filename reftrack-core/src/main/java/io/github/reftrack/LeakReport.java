package io.github.reftrack;

import io.github.reftrack.internal.event.FrameText;
import io.github.reftrack.internal.event.TextEscape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The live references of one directory at one instant, grouped by the stack that took them: the
 * Java form of the kernel's {@code ref_tracker_dir_print}.
 *
 * <p>Groups are ordered by their newest tracker, newest first; at most {@code displayLimit}
 * groups are formed, and trackers whose stack did not get a group are counted in
 * {@link #skippedUsers()}. References counted without a stack (sampled out, or their capture
 * failed) are counted in {@link #untrackedUsers()}. {@link #toString()} renders the kernel's
 * text, with the age of each group's oldest reference once it is {@link #SHOWN_AGE} or more:
 *
 * <pre>
 * delayed_node@00000000c0ffee11 has 1/12 users at (oldest 2m13s)
 *      com.example.Cleaner.killAll(Cleaner.java:88)
 *      ...
 *
 * delayed_node@00000000c0ffee11 has 1/12 users at (oldest 4s)
 *   held by: inode_cache
 *   taken during: CacheTest.evicts() (1)
 *      com.example.Inodes.get(Inodes.java:41)
 *      ...
 *
 * delayed_node@00000000c0ffee11 and 10 more counted without a stack
 * </pre>
 *
 * <p>A group whose references are held by several objects ({@link Group#objects()} above 1, as
 * when {@code reftrack dump} groups the directories of one class) shows the newest hold time too:
 * {@code (oldest 2m13s, newest 12s)}.
 *
 * <p>An {@linkplain #isExitSummary() exit summary} (the totals a tool publishes at exit of the
 * leaks it reported object by object) heads each group that counts objects with how many objects
 * leaked how many references on its stack, instead of the kernel's {@code has n/m users}:
 *
 * <pre>
 * netty_bytebuf at exit: 4 object(s) leaked 4 reference(s) at
 *   acquire site: 20480 taken, 20476 released
 *      example.netty.WriteBehindStore.put(WriteBehindStore.java:18)
 *      ...
 *
 * netty_bytebuf at exit: releases were paired with references by inference (...)
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param className      the directory's class, e.g. {@code delayed_node}
 * @param dirName        the directory's name, {@code <class>@<16 hex digits>}
 * @param totalUsers     live trackers (references with a stack) when the report was taken
 * @param skippedUsers   live trackers not shown because the display limit was reached
 * @param groups         one entry per distinct stack, newest first
 * @param untrackedUsers references counted without a stack (sampled out, capture failed); not in
 *                       {@code totalUsers}
 * @param pairing        how releases were paired with the references they return when a release
 *                       names none (the agent's pairing policy), or {@code null} when every
 *                       release named its tracker
 * @param sampleInterval the agent tracked one object in this many, chosen at random ({@code sample}
 *                       mode): the objects counted are a sample, and this many times as many are
 *                       estimated; 1 when every object was tracked
 */
public record LeakReport(String className, String dirName, int totalUsers, int skippedUsers, List<Group> groups,
        int untrackedUsers, String pairing, int sampleInterval) implements RefTrackerEvent {

    /**
     * Validates and copies the components. Counts are added up in {@code long}, so counts that
     * agree only through {@code int} overflow are rejected.
     *
     * @throws NullPointerException     if a name, the group list or a group is null
     * @throws IllegalArgumentException if the counts are negative or do not add up, or
     *                                  {@code sampleInterval} is below 1
     */
    public LeakReport {
        Objects.requireNonNull(className, "className");
        if (sampleInterval < 1) {
            throw new IllegalArgumentException("sampleInterval must be >= 1 (1: every object tracked), was "
                    + sampleInterval);
        }
        Objects.requireNonNull(dirName, "dirName");
        groups = List.copyOf(groups);
        long shown = 0;
        for (Group group : groups) {
            shown += group.users();
        }
        if (totalUsers < 0 || skippedUsers < 0 || untrackedUsers < 0 || shown + skippedUsers != totalUsers) {
            throw new IllegalArgumentException("inconsistent report for " + dirName + ": " + shown
                    + " users in groups + " + skippedUsers + " skipped != " + totalUsers + " total"
                    + (untrackedUsers < 0 ? ", and " + untrackedUsers + " untracked users is negative" : ""));
        }
    }

    /**
     * Creates a report of every object's references (not a sample).
     *
     * @param className      the directory's class
     * @param dirName        the directory's name
     * @param totalUsers     live trackers when the report was taken
     * @param skippedUsers   live trackers not shown because the display limit was reached
     * @param groups         one entry per distinct stack, newest first
     * @param untrackedUsers references counted without a stack
     * @param pairing        how releases were paired with references by inference, or {@code null}
     * @throws NullPointerException     if a name, the group list or a group is null
     * @throws IllegalArgumentException if the counts are negative or do not add up
     */
    public LeakReport(String className, String dirName, int totalUsers, int skippedUsers, List<Group> groups,
            int untrackedUsers, String pairing) {
        this(className, dirName, totalUsers, skippedUsers, groups, untrackedUsers, pairing, 1);
    }

    /**
     * Creates a report of trackers whose releases named them.
     *
     * @param className      the directory's class
     * @param dirName        the directory's name
     * @param totalUsers     live trackers when the report was taken
     * @param skippedUsers   live trackers not shown because the display limit was reached
     * @param groups         one entry per distinct stack, newest first
     * @param untrackedUsers references counted without a stack
     * @throws NullPointerException     if a name, the group list or a group is null
     * @throws IllegalArgumentException if the counts are negative or do not add up
     */
    public LeakReport(String className, String dirName, int totalUsers, int skippedUsers, List<Group> groups,
            int untrackedUsers) {
        this(className, dirName, totalUsers, skippedUsers, groups, untrackedUsers, null);
    }

    /**
     * Creates a report without references counted without a stack.
     *
     * @param className    the directory's class
     * @param dirName      the directory's name
     * @param totalUsers   live trackers when the report was taken
     * @param skippedUsers live trackers not shown because the display limit was reached
     * @param groups       one entry per distinct stack, newest first
     * @throws NullPointerException     if a name, the group list or a group is null
     * @throws IllegalArgumentException if the counts are negative or do not add up
     */
    public LeakReport(String className, String dirName, int totalUsers, int skippedUsers, List<Group> groups) {
        this(className, dirName, totalUsers, skippedUsers, groups, 0, null);
    }

    /**
     * Returns whether the directory held no reference, with or without a stack.
     *
     * @return {@code true} if {@link #totalUsers()} and {@link #untrackedUsers()} are zero
     */
    public boolean isEmpty() {
        return totalUsers == 0 && untrackedUsers == 0;
    }

    @Override
    public String eventName() {
        return "leak";
    }

    /**
     * Renders the report in the kernel's shape (an exit summary's groups headed by their object
     * and reference counts); an empty report renders as the empty string (the kernel prints
     * nothing). Names are escaped: control characters appear as {@code \n},
     * {@code \u001b} and so on, so a name cannot forge lines.
     *
     * @return the report text, each group ending in a blank line
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(256);
        String dir = TextEscape.escape(dirName);
        long all = (long) totalUsers + untrackedUsers;
        for (Group group : groups) {
            boolean total = isExitSummary() && group.objects() > 0;
            if (total) {
                appendTotalHeader(dir, group, out);
            } else {
                appendHeader(dir, all, group, out);
            }
            group.appendDetails(!total, out);
            group.stack().appendTo(FrameText.REPORT_INDENT, out);
            out.append('\n');
        }
        if (skippedUsers > 0) {
            out.append(dir).append(" skipped reports about ").append(skippedUsers).append('/').append(all)
                    .append(" users.\n");
        }
        if (untrackedUsers > 0) {
            out.append(dir).append(totalUsers > 0 ? " and " + untrackedUsers + " more"
                    : " has " + untrackedUsers + "/" + all + " users").append(" counted without a stack\n");
        }
        if (pairing != null && !isEmpty()) {
            out.append(dir).append(": releases were paired with references by inference (")
                    .append(TextEscape.escape(pairing)).append(")\n");
        }
        if (sampleInterval > 1 && !isEmpty()) {
            long objects = estimatedObjects() / sampleInterval;
            out.append(dir).append(": a sample, 1 object in ").append(sampleInterval).append(" tracked at random: ")
                    .append(objects).append(" sampled object(s), about ").append(estimatedObjects())
                    .append(" in all\n");
        }
        return out.toString();
    }

    /** The kernel's group header: {@code dir has 1/12 users at (oldest 2m13s)}. */
    private static void appendHeader(String dir, long all, Group group, StringBuilder out) {
        out.append(dir).append(" has ").append(group.users()).append('/').append(all).append(" users at");
        if (group.oldest() != null && group.oldest().compareTo(SHOWN_AGE) >= 0) {
            out.append(" (oldest ").append(age(group.oldest()));
            if (group.objects() > 1 && group.newest() != null) {
                out.append(", newest ").append(age(group.newest()));
            }
            out.append(')');
        }
        out.append('\n');
    }

    /** An exit summary's group header: {@code lease at exit: 4 object(s) leaked 4 reference(s) at}. */
    private void appendTotalHeader(String dir, Group group, StringBuilder out) {
        out.append(dir).append(": ").append(group.objects()).append(sampleInterval > 1 ? " sampled" : "")
                .append(" object(s) leaked ").append(group.users()).append(" reference(s) at\n");
    }

    @Override
    public LeakReport withStacks(UnaryOperator<CallStack> change) {
        List<Group> changed = new ArrayList<>(groups.size());
        for (Group group : groups) {
            changed.add(group.withStack(change.apply(group.stack())));
        }
        return new LeakReport(className, dirName, totalUsers, skippedUsers, changed, untrackedUsers, pairing,
                sampleInterval);
    }

    /**
     * Returns this report with each group changed, e.g. to add what a tool counted:
     * {@code report.withGroups(group -> group.withCounts(objects, balance))}.
     *
     * @param change maps a group to its replacement, with the same {@code users}
     * @return the copy
     * @throws IllegalArgumentException if a replacement changed the counts so they do not add up
     */
    public LeakReport withGroups(UnaryOperator<Group> change) {
        List<Group> changed = new ArrayList<>(groups.size());
        for (Group group : groups) {
            changed.add(change.apply(group));
        }
        return new LeakReport(className, dirName, totalUsers, skippedUsers, changed, untrackedUsers, pairing,
                sampleInterval);
    }

    /**
     * Returns this report with another pairing policy.
     *
     * @param newPairing how releases were paired with references by inference, or {@code null}
     * @return the copy
     */
    public LeakReport withPairing(String newPairing) {
        return new LeakReport(className, dirName, totalUsers, skippedUsers, groups, untrackedUsers, newPairing,
                sampleInterval);
    }

    /**
     * Returns this report marked as a sample: its objects were tracked one in {@code interval}.
     *
     * @param interval one object in this many was tracked; 1 for all
     * @return the copy
     * @throws IllegalArgumentException if {@code interval} is below 1
     */
    public LeakReport withSampleInterval(int interval) {
        return new LeakReport(className, dirName, totalUsers, skippedUsers, groups, untrackedUsers, pairing,
                interval);
    }

    /**
     * The objects these references were counted on, estimated for all objects when this report is
     * a sample ({@link #sampleInterval()} above 1): the largest {@link Group#objects()} of the
     * groups times the interval. Not their sum: one object that holds references on several stacks
     * is counted in each of their groups (an exit summary of objects that each leaked on two stacks
     * has both groups with every object). The count is exact when every group counts the same
     * objects (a report of one object, an exit summary) and a lower bound otherwise.
     *
     * @return the estimate, 0 when the groups count no objects
     */
    public long estimatedObjects() {
        long objects = 0;
        for (Group group : groups) {
            objects = Math.max(objects, group.objects());
        }
        return objects * sampleInterval;
    }

    /**
     * How the {@link #dirName()} of an exit summary ends: {@code netty_bytebuf at exit}, the totals
     * that an agent publishes at JVM exit of the leaks it already reported object by object.
     */
    public static final String EXIT_SUMMARY_SUFFIX = " at exit";

    /**
     * Returns whether this report is an exit summary (its directory name ends with
     * {@value #EXIT_SUMMARY_SUFFIX}): totals of leaks already reported one by one, which sinks
     * that count leaks (the MXBean's counts, the leak history) do not count again.
     *
     * @return {@code true} for an exit summary
     */
    public boolean isExitSummary() {
        return dirName.endsWith(EXIT_SUMMARY_SUFFIX);
    }

    /**
     * The youngest oldest-reference age the text shows: a reference held for less than ten
     * seconds is ordinary traffic, not a hold worth a reader's attention, and leaving it out keeps
     * the text of a short run stable (JSON always carries the ages).
     */
    public static final Duration SHOWN_AGE = Duration.ofSeconds(10);

    /** Renders an age as the largest two units: {@code 850ms}, {@code 4s}, {@code 2m13s}, {@code 3h05m}. */
    static String age(Duration age) {
        long ms = Math.max(0, age.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        if (s < 86_400) {
            return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
        }
        return (s / 86_400) + "d" + ((s % 86_400) / 3600) + "h";
    }

    /**
     * The trackers of a report that share one allocation stack.
     *
     * @param users   how many live trackers have this stack
     * @param stack   the stack, starting at the caller of {@code alloc}, hidden frames left out, at
     *                most {@value RefTracking#DEPTH_PROPERTY} frames; empty when the stack could
     *                not be captured
     * @param holders the distinct holder names given to {@code alloc(holder)} by these trackers,
     *                in order of appearance; empty if none had one (the text shows the first
     *                {@value #HOLDERS_SHOWN} and how many more)
     * @param oldest  how long the oldest of these references had been held when the report was
     *                taken, or {@code null} if not known
     * @param newest  how long the newest had been held, or {@code null} if not known
     * @param objects how many tracked objects hold these references (the agent tracks one
     *                directory per object), or 0 when not counted
     * @param balance  how often the acquire site at the top of the stack took and released
     *                 references, or {@code null} when not counted
     * @param contexts the context tags these references were taken with, most frequent first
     *                 ({@link Contexts#NONE} when none had one; {@code null} is taken as that)
     */
    public record Group(int users, CallStack stack, List<String> holders, Duration oldest, Duration newest,
            int objects, SiteBalance balance, Contexts contexts) {
        /**
         * How many holder names the text shows ({@code held by: a, b, c, d, e, +7 more}): a group
         * merged over many objects (the agent's unclosed files, by path) has one per object.
         */
        public static final int HOLDERS_SHOWN = 5;

        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException     if a list or the stack is null
         * @throws IllegalArgumentException if {@code users} is not positive or {@code objects}
         *                                  negative
         */
        public Group {
            contexts = contexts == null ? Contexts.NONE : contexts;
            if (users <= 0) {
                throw new IllegalArgumentException("a group has at least one user, was " + users);
            }
            if (objects < 0) {
                throw new IllegalArgumentException("a group's object count cannot be negative, was " + objects);
            }
            Objects.requireNonNull(stack, "stack");
            holders = List.copyOf(holders);
        }

        /**
         * Creates a group whose references carry no context tag.
         *
         * @param users   how many live trackers have this stack
         * @param stack   the stack
         * @param holders the distinct holder names
         * @param oldest  the oldest reference's hold time, or {@code null}
         * @param newest  the newest reference's hold time, or {@code null}
         * @param objects how many tracked objects hold these references, or 0
         * @param balance the acquire site's balance, or {@code null}
         * @throws NullPointerException     if a list or the stack is null
         * @throws IllegalArgumentException if {@code users} is not positive or {@code objects}
         *                                  negative
         */
        public Group(int users, CallStack stack, List<String> holders, Duration oldest, Duration newest, int objects,
                SiteBalance balance) {
            this(users, stack, holders, oldest, newest, objects, balance, Contexts.NONE);
        }

        /**
         * Creates a group with hold times, without object counts.
         *
         * @param users       how many live trackers have this stack
         * @param frames      the stack
         * @param fingerprint a stable identifier of the call path (see {@link CallStack})
         * @param holders     the distinct holder names
         * @param oldest      the oldest reference's hold time, or {@code null}
         * @param newest      the newest reference's hold time, or {@code null}
         * @throws NullPointerException     if a list or the fingerprint is null
         * @throws IllegalArgumentException if {@code users} is not positive
         */
        public Group(int users, List<StackTraceElement> frames, String fingerprint, List<String> holders,
                Duration oldest, Duration newest) {
            this(users, new CallStack(frames, fingerprint), holders, oldest, newest, 0, null);
        }

        /**
         * Creates a group whose hold times are not known.
         *
         * @param users       how many live trackers have this stack
         * @param frames      the stack
         * @param fingerprint a stable identifier of the call path
         * @param holders     the distinct holder names
         * @throws NullPointerException     if a list or the fingerprint is null
         * @throws IllegalArgumentException if {@code users} is not positive
         */
        public Group(int users, List<StackTraceElement> frames, String fingerprint, List<String> holders) {
            this(users, frames, fingerprint, holders, null, null);
        }

        /**
         * Returns the stack's frames.
         *
         * @return the frames, innermost first
         */
        public List<StackTraceElement> frames() {
            return stack.frames();
        }

        /**
         * Returns the stack's fingerprint.
         *
         * @return 16 lowercase hex digits
         */
        public String fingerprint() {
            return stack.fingerprint();
        }

        /**
         * Returns this group with another stack.
         *
         * @param newStack the stack
         * @return the copy
         */
        public Group withStack(CallStack newStack) {
            return new Group(users, newStack, holders, oldest, newest, objects, balance, contexts);
        }

        /**
         * Returns this group with what a tool counted.
         *
         * @param newObjects how many objects hold these references, or 0 when not counted
         * @param newBalance the acquire site's balance, or {@code null} when not counted
         * @return the copy
         * @throws IllegalArgumentException if {@code newObjects} is negative
         */
        public Group withCounts(int newObjects, SiteBalance newBalance) {
            return new Group(users, stack, holders, oldest, newest, newObjects, newBalance, contexts);
        }

        /**
         * Returns this group with other context tags.
         *
         * @param newContexts the tags and their counts
         * @return the copy
         */
        public Group withContexts(Contexts newContexts) {
            return new Group(users, stack, holders, oldest, newest, objects, balance, newContexts);
        }

        /**
         * Renders the holders as a report line shows them: the first {@value #HOLDERS_SHOWN},
         * escaped, and how many more ({@code /tmp/a.txt, /tmp/b.txt, +7 more}).
         *
         * @return the text, empty when there is no holder
         */
        public String heldBy() {
            StringBuilder out = new StringBuilder();
            int shown = Math.min(holders.size(), HOLDERS_SHOWN);
            for (int i = 0; i < shown; i++) {
                out.append(i == 0 ? "" : ", ").append(TextEscape.escape(holders.get(i)));
            }
            if (holders.size() > shown) {
                out.append(", +").append(holders.size() - shown).append(" more");
            }
            return out.toString();
        }

        /** The lines between the group's header and its frames; the object count unless the header has it. */
        void appendDetails(boolean withObjects, StringBuilder out) {
            if (!holders.isEmpty()) {
                out.append("  held by: ").append(heldBy()).append('\n');
            }
            if (!contexts.isEmpty()) {
                out.append("  taken during: ").append(contexts).append('\n');
            }
            if (withObjects && objects > 0) {
                out.append("  objects: ").append(objects).append('\n');
            }
            if (balance != null) {
                out.append("  acquire site: ").append(balance.taken()).append(" taken, ").append(balance.released())
                        .append(" released\n");
            }
        }
    }

    /**
     * How often one acquire site took references and how often they were released.
     *
     * @param taken    references taken at the site
     * @param released of those, how many were released
     */
    public record SiteBalance(long taken, long released) {
        /**
         * Validates the counts.
         *
         * @throws IllegalArgumentException if a count is negative
         */
        public SiteBalance {
            if (taken < 0 || released < 0) {
                throw new IllegalArgumentException("negative site balance: " + taken + " taken, " + released
                        + " released");
            }
        }
    }

    /**
     * The context tags of a group's references (see {@link ContextSource}) with how many
     * references each was taken with: the {@value #KEPT} most frequent, most frequent first (ties
     * by tag), and how many references carried any other tag. References without a tag are not
     * counted. Groups merged from several directories add their counts; a tag that was among the
     * others in one of them is counted there only in {@link #others()}.
     *
     * @param counts tag to number of references, at most {@value #KEPT} entries kept, in order
     * @param others references taken with a tag not in {@code counts}
     */
    public record Contexts(Map<String, Integer> counts, int others) {
        /** How many tags a group keeps with their counts. */
        public static final int KEPT = 5;
        /** No reference had a tag. */
        public static final Contexts NONE = new Contexts(Map.of(), 0);

        /**
         * Orders the counts, keeps the {@value #KEPT} largest and adds the rest to {@code others}.
         *
         * @throws NullPointerException     if the map, a tag or a count is null
         * @throws IllegalArgumentException if a count is not positive or {@code others} is negative
         */
        public Contexts {
            if (others < 0) {
                throw new IllegalArgumentException("a negative count of other context tags: " + others);
            }
            List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.size());
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                Objects.requireNonNull(e.getKey(), "context tag");
                if (e.getValue() <= 0) {
                    throw new IllegalArgumentException("context tag '" + e.getKey() + "' counted "
                            + e.getValue() + " times; counts are positive");
                }
                entries.add(Map.entry(e.getKey(), e.getValue()));
            }
            entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()));
            Map<String, Integer> kept = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : entries) {
                if (kept.size() < KEPT) {
                    kept.put(e.getKey(), e.getValue());
                } else {
                    others += e.getValue();
                }
            }
            counts = Collections.unmodifiableMap(kept);
        }

        /**
         * Returns the tags counted in {@code counts}, the most frequent kept.
         *
         * @param counts tag to number of references
         * @return the contexts, {@link #NONE} for an empty map
         */
        public static Contexts of(Map<String, Integer> counts) {
            return counts.isEmpty() ? NONE : new Contexts(counts, 0);
        }

        /**
         * Returns whether no reference had a tag.
         *
         * @return {@code true} when there are no counts
         */
        public boolean isEmpty() {
            return counts.isEmpty() && others == 0;
        }

        /**
         * Returns these counts added to {@code other}'s.
         *
         * @param other another group's contexts
         * @return the sum
         */
        public Contexts plus(Contexts other) {
            if (other.isEmpty()) {
                return this;
            }
            if (isEmpty()) {
                return other;
            }
            Map<String, Integer> sum = new HashMap<>(counts);
            other.counts.forEach((tag, n) -> sum.merge(tag, n, Integer::sum));
            return new Contexts(sum, others + other.others);
        }

        /**
         * Renders the counts as a report line shows them:
         * {@code CacheTest.evicts() (3), CacheTest.loads() (1), +2 more}, tags escaped.
         *
         * @return the text, empty for {@link #NONE}
         */
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                out.append(out.length() == 0 ? "" : ", ").append(TextEscape.escape(e.getKey())).append(" (")
                        .append(e.getValue()).append(')');
            }
            if (others > 0) {
                out.append(out.length() == 0 ? "" : ", ").append('+').append(others).append(" more");
            }
            return out.toString();
        }
    }
}
