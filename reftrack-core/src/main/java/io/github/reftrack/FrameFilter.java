package io.github.reftrack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides which frames a stack shows: the one frame filter of reftrack, used by the runtime's
 * stack depot (reports, JSON, JFR and fingerprints), by {@code reftrack report --html} to fold
 * machinery frames, by the JUnit extension and by the agent.
 *
 * <p>A frame is <b>hidden</b> when its class name starts with one of the filter's prefixes
 * ({@value RefTracking#HIDE_PROPERTY}, {@link RefTrackingRuntime.Builder#hide}), when its class
 * is one of the classes named one by one ({@link #hideClass}, e.g. wrappers given to
 * {@link RefTracking#hideWrapperFrames}) or nested in one, or when it is a compiler-generated
 * forwarding method (see {@link Bridges}): a bridge method (the {@code channelRead0(Object)} that
 * javac adds to a {@code SimpleChannelInboundHandler<ByteBuf>} subclass, shown at the line of the
 * class declaration) or a synthetic accessor ({@code access$000}). Lambda bodies are synthetic
 * too, but hold the user's code, and stay.
 *
 * <p>reftrack's <b>own</b> frames ({@link #dropOwnClass}) are always dropped, whatever the
 * settings. {@value #NONE} as the prefix list ({@code -Dreftrack.hide=none}) turns the rest of the
 * hiding off: prefixes and compiler-generated methods; classes named in code stay hidden.
 *
 * <p>A stack whose every frame is hidden shows its nearest (innermost) hidden frames instead,
 * marked as such ({@link CallStack#allHidden()}): no report names nothing.
 *
 * <p>Thread-safe: the configured prefixes are fixed at construction; prefixes learnt at run time
 * and named classes may be added at any time and affect stacks decoded afterwards.
 */
public final class FrameFilter {
    /** The prefix list that turns hiding off: {@code -Dreftrack.hide=none}. */
    public static final String NONE = "none";

    private final String[] prefixes;
    private final boolean off;
    private final Set<String> classes = ConcurrentHashMap.newKeySet();
    /** Prefixes learnt at run time ({@link #hidePrefix}): a relocated copy of a library found loaded. */
    private final Set<String> addedPrefixes = ConcurrentHashMap.newKeySet();
    private final Set<String> own = ConcurrentHashMap.newKeySet();
    private final Bridges bridges = new Bridges();
    private final AtomicInteger generation = new AtomicInteger();

    private FrameFilter(List<String> prefixes) {
        List<String> kept = new ArrayList<>();
        boolean none = false;
        for (String prefix : prefixes) {
            String p = prefix.strip();
            none |= p.equals(NONE);
            if (!p.isEmpty() && !p.equals(NONE)) {
                kept.add(p);
            }
        }
        this.off = none;
        this.prefixes = none ? new String[0] : kept.toArray(new String[0]);
    }

    /**
     * Creates a filter hiding frames whose class name starts with one of these prefixes.
     *
     * @param prefixes class-name prefixes, e.g. {@code "org.junit."}; blank ones are ignored, and
     *                 {@value #NONE} among them turns hiding off
     * @return a new filter
     * @throws NullPointerException if {@code prefixes} or one of them is null
     */
    public static FrameFilter of(List<String> prefixes) {
        return new FrameFilter(prefixes);
    }

    /**
     * Returns a new filter with these prefixes and more; named classes are not carried over.
     *
     * @param more further prefixes
     * @return a new filter
     * @throws NullPointerException if {@code more} or one of them is null
     */
    public FrameFilter and(List<String> more) {
        List<String> all = new ArrayList<>(List.of(prefixes));
        all.addAll(more);
        if (off) {
            all.add(NONE);
        }
        return new FrameFilter(all);
    }

    /**
     * Hides one class (and the classes nested in it), as a wrapper that only forwards.
     *
     * @param className a binary class name, as {@link Class#getName()} returns it
     */
    public void hideClass(String className) {
        if (classes.add(className)) {
            generation.incrementAndGet();
        }
    }

    /**
     * Hides the frames of every class whose name starts with this prefix, from now on: for a
     * library found at run time under a package its settings could not name (a relocated copy,
     * {@code io.grpc.netty.shaded.io.netty.}). Ignored when hiding is off ({@value #NONE}).
     *
     * @param prefix a class-name prefix, e.g. {@code "io.grpc.netty.shaded.io.netty."}; blank ones are ignored
     */
    public void hidePrefix(String prefix) {
        if (!off && !prefix.isBlank() && addedPrefixes.add(prefix.strip())) {
            generation.incrementAndGet();
        }
    }

    /**
     * Drops one class (and the classes nested in it) from every stack, always: reftrack's own
     * frames, never worth showing, not even when every other frame is hidden.
     *
     * @param className a binary class name
     */
    public void dropOwnClass(String className) {
        if (own.add(className)) {
            generation.incrementAndGet();
        }
    }

    /**
     * Counts the changes to what this filter hides by class, so that a cache of its answers can
     * tell when it went stale: read it before asking {@link #hides}, and an answer cached under it
     * holds while it is unchanged.
     *
     * @return a number that changes whenever a class is newly hidden or dropped
     */
    public int generation() {
        return generation.get();
    }

    /**
     * Returns whether frames of this class are hidden (by prefix or by name).
     *
     * @param className a binary class name
     * @return {@code true} if the frame is left out of reports, JSON and fingerprints
     */
    public boolean hides(String className) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        if (!addedPrefixes.isEmpty()) {
            for (String prefix : addedPrefixes) {
                if (className.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return named(classes, className) || named(own, className);
    }

    /**
     * Returns whether this frame is hidden by its class (see {@link #hides(String)}).
     *
     * @param frame a frame
     * @return {@code true} if the frame is hidden
     */
    public boolean hides(StackTraceElement frame) {
        return hides(frame.getClassName());
    }

    /**
     * Returns the frames a stack shows: the frames not hidden, at most {@code depth} of them,
     * each reduced to class, method, file and line (module and class-loader details differ
     * between capture sources). When none is left, the nearest hidden frames that are not
     * reftrack's own, marked.
     *
     * @param all   the captured frames, innermost first
     * @param depth how many frames to keep at most
     * @return the shown frames and fingerprint
     */
    public CallStack shown(StackTraceElement[] all, int depth) {
        List<StackTraceElement> shown = new ArrayList<>(Math.min(depth, all.length));
        for (int i = 0; i < all.length && shown.size() < depth; i++) {
            if (!hides(all[i].getClassName()) && !generated(all, i)) {
                shown.add(plain(all[i]));
            }
        }
        if (!shown.isEmpty()) {
            return CallStack.of(shown);
        }
        for (int i = 0; i < all.length && shown.size() < depth; i++) {
            if (!named(own, all[i].getClassName())) {
                shown.add(plain(all[i]));
            }
        }
        return shown.isEmpty() ? CallStack.EMPTY : new CallStack(shown, CallStack.of(shown).fingerprint(), true);
    }

    private boolean generated(StackTraceElement[] all, int i) {
        return !off && (Bridges.accessor(all[i]) || i > 0 && bridges.forwards(all[i - 1], all[i]));
    }

    private static StackTraceElement plain(StackTraceElement frame) {
        return new StackTraceElement(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                frame.getLineNumber());
    }

    private static boolean named(Set<String> names, String className) {
        if (names.contains(className)) {
            return true;
        }
        int nested = className.indexOf('$');
        return nested > 0 && names.contains(className.substring(0, nested));
    }

    /**
     * Returns the configured prefixes.
     *
     * @return the prefixes, in the order given; empty when hiding is off
     */
    public List<String> prefixes() {
        return List.of(prefixes);
    }

    /**
     * Returns whether hiding was turned off with {@value #NONE}.
     *
     * @return {@code true} for {@code -Dreftrack.hide=none}
     */
    public boolean isOff() {
        return off;
    }

    @Override
    public String toString() {
        return off ? "FrameFilter[none]" : "FrameFilter" + List.of(prefixes);
    }
}
