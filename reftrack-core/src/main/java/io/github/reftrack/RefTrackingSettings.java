package io.github.reftrack;

import java.util.List;
import java.util.Objects;

/**
 * The settings of one {@link RefTrackingRuntime}: what the system properties of
 * {@link RefTracking} say for the default runtime, or what a test or an agent chooses for a
 * runtime of its own. Immutable; the {@code with...} methods return modified copies.
 *
 * @param mode           the mode new directories get (see {@link RefTracking.Mode})
 * @param sampleInterval in {@code sample} mode, one reference in this many gets a stack (1 or more)
 * @param depth          how many shown frames a stack keeps (1 to 256); hidden frames do not count
 * @param detectLost     whether trackers found unreachable while live are reported
 * @param throwOnError   whether leaks, double releases and misuse throw {@link RefTrackerException}
 * @param jsonLog        a file to append one JSON line per event to, or {@code null}
 * @param jmx            whether the default runtime registers its MXBean
 * @param hide           class-name prefixes whose frames are hidden from stacks and fingerprints
 * @param reportAtExit   whether directories still open at JVM shutdown are reported, once
 * @param capture        how stacks are captured (see {@link RefTracking.Capture})
 * @param context        where each reference's context tag comes from, as
 *                       {@value RefTracking#CONTEXT_PROPERTY} names it (e.g. {@code mdc:requestId}),
 *                       or {@code null} for no tags
 */
public record RefTrackingSettings(RefTracking.Mode mode, int sampleInterval, int depth, boolean detectLost,
        boolean throwOnError, String jsonLog, boolean jmx, List<String> hide, boolean reportAtExit,
        RefTracking.Capture capture, String context) {

    /** The default sampling interval, one reference in 128. */
    public static final int DEFAULT_SAMPLE_INTERVAL = 128;
    /** The default stack depth, 16 shown frames. */
    public static final int DEFAULT_DEPTH = 16;
    /** The largest accepted stack depth. */
    public static final int MAX_DEPTH = 256;

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if {@code mode}, {@code hide} or {@code capture} is null
     * @throws IllegalArgumentException if {@code sampleInterval} or {@code depth} is out of range
     */
    public RefTrackingSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(capture, "capture");
        hide = List.copyOf(hide);
        if (sampleInterval < 1) {
            throw new IllegalArgumentException("sampleInterval must be >= 1 (1 records every reference), was "
                    + sampleInterval);
        }
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be from 1 to " + MAX_DEPTH + ", was " + depth);
        }
    }

    /**
     * Creates settings without context tags.
     *
     * @param mode           the mode new directories get
     * @param sampleInterval in {@code sample} mode, one reference in this many gets a stack
     * @param depth          how many shown frames a stack keeps
     * @param detectLost     whether trackers found unreachable while live are reported
     * @param throwOnError   whether detected errors throw
     * @param jsonLog        a file for the JSON event log, or {@code null}
     * @param jmx            whether the default runtime registers its MXBean
     * @param hide           class-name prefixes whose frames are hidden
     * @param reportAtExit   whether open directories are reported at shutdown
     * @param capture        how stacks are captured
     * @throws NullPointerException     if {@code mode}, {@code hide} or {@code capture} is null
     * @throws IllegalArgumentException if {@code sampleInterval} or {@code depth} is out of range
     */
    public RefTrackingSettings(RefTracking.Mode mode, int sampleInterval, int depth, boolean detectLost,
            boolean throwOnError, String jsonLog, boolean jmx, List<String> hide, boolean reportAtExit,
            RefTracking.Capture capture) {
        this(mode, sampleInterval, depth, detectLost, throwOnError, jsonLog, jmx, hide, reportAtExit, capture, null);
    }

    /**
     * Returns the settings used when no property is set: mode off, sampling 1 in 128, depth 16,
     * no lost-reference detection, log on error, no JSON log, JMX on, nothing hidden, no report
     * at exit, stacks captured in Java.
     *
     * @return the defaults
     */
    public static RefTrackingSettings defaults() {
        return new RefTrackingSettings(RefTracking.Mode.OFF, DEFAULT_SAMPLE_INTERVAL, DEFAULT_DEPTH, false, false, null,
                true, List.of(), false, RefTracking.Capture.JAVA);
    }

    /**
     * Reads the system properties of {@link RefTracking} now. A value that does not parse is
     * logged (property, value, what was expected) and replaced by the default.
     *
     * @return the settings the properties describe
     */
    public static RefTrackingSettings fromSystemProperties() {
        return Config.read();
    }

    /**
     * Reads the system properties of {@link RefTracking} now, except {@value RefTracking#MODE_PROPERTY}:
     * for a runtime whose mode its owner decided (a Java agent reads its own argument and
     * property, and says itself what was wrong with them). Other values that do not parse are
     * logged and replaced by their defaults, as in {@link #fromSystemProperties()}.
     *
     * @param mode the mode, whatever the property says
     * @return the settings the other properties describe, with this mode
     * @throws NullPointerException if {@code mode} is null
     */
    public static RefTrackingSettings fromSystemProperties(RefTracking.Mode mode) {
        return Config.read(Objects.requireNonNull(mode, "mode"));
    }

    /**
     * Returns a copy with another mode.
     *
     * @param newMode the mode
     * @return the copy
     */
    public RefTrackingSettings withMode(RefTracking.Mode newMode) {
        return new RefTrackingSettings(newMode, sampleInterval, depth, detectLost, throwOnError, jsonLog, jmx, hide,
                reportAtExit, capture, context);
    }

    /**
     * Returns a copy with another stack depth.
     *
     * @param newDepth shown frames per stack, 1 to 256
     * @return the copy
     */
    public RefTrackingSettings withDepth(int newDepth) {
        return new RefTrackingSettings(mode, sampleInterval, newDepth, detectLost, throwOnError, jsonLog, jmx, hide,
                reportAtExit, capture, context);
    }

    /**
     * Returns a copy with another error policy.
     *
     * @param newThrowOnError whether detected errors throw
     * @return the copy
     */
    public RefTrackingSettings withThrowOnError(boolean newThrowOnError) {
        return new RefTrackingSettings(mode, sampleInterval, depth, detectLost, newThrowOnError, jsonLog, jmx, hide,
                reportAtExit, capture, context);
    }

    /**
     * Returns a copy with other hidden class-name prefixes.
     *
     * @param newHide the prefixes
     * @return the copy
     */
    public RefTrackingSettings withHide(List<String> newHide) {
        return new RefTrackingSettings(mode, sampleInterval, depth, detectLost, throwOnError, jsonLog, jmx, newHide,
                reportAtExit, capture, context);
    }

    /**
     * Returns a copy with the report at exit on or off.
     *
     * @param newReportAtExit whether open directories are reported at shutdown
     * @return the copy
     */
    public RefTrackingSettings withReportAtExit(boolean newReportAtExit) {
        return new RefTrackingSettings(mode, sampleInterval, depth, detectLost, throwOnError, jsonLog, jmx, hide,
                newReportAtExit, capture, context);
    }

    /**
     * Returns a copy with another way of capturing stacks.
     *
     * @param newCapture the capture backend
     * @return the copy
     */
    public RefTrackingSettings withCapture(RefTracking.Capture newCapture) {
        return new RefTrackingSettings(mode, sampleInterval, depth, detectLost, throwOnError, jsonLog, jmx, hide,
                reportAtExit, newCapture, context);
    }

    /**
     * Returns a copy with other context sources.
     *
     * @param newContext the sources as {@value RefTracking#CONTEXT_PROPERTY} names them, or
     *                   {@code null} for no tags
     * @return the copy
     */
    public RefTrackingSettings withContext(String newContext) {
        return new RefTrackingSettings(mode, sampleInterval, depth, detectLost, throwOnError, jsonLog, jmx, hide,
                reportAtExit, capture, newContext);
    }
}
