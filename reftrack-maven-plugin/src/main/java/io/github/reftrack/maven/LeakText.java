package io.github.reftrack.maven;

import java.util.ArrayList;
import java.util.List;

/** A group in the kernel's report shape, frames written as a stack trace writes them. */
final class LeakText {
    static final int MAX_FRAMES = 12;
    /** Where the test framework starts: frames from here on are the same for every test. */
    private static final List<String> FRAMEWORK = List.of("jdk.internal.reflect.", "java.lang.reflect.",
            "sun.reflect.", "org.junit.", "org.apache.maven.surefire.");

    private LeakText() {
    }

    /** The head line and the frames, one string per line. */
    static List<String> lines(LeakGroup group) {
        List<String> lines = new ArrayList<>();
        if (group.kind() == Finding.Kind.LEAK) {
            lines.add(group.className() + ": " + group.reports() + " report(s) of " + group.references()
                    + " leaked reference(s) at");
        } else {
            lines.add(group.className() + ": released twice (" + group.reports() + " time(s)), again at");
        }
        List<String> frames = group.frames();
        int shown = userFrames(frames);
        for (int i = 0; i < shown; i++) {
            lines.add("    at " + frames.get(i));
        }
        if (frames.size() > shown) {
            lines.add("    ... " + (frames.size() - shown) + " more");
        }
        lines.add("  fingerprint " + group.fingerprint() + ", in " + String.join(", ", group.logs()));
        return lines;
    }

    /** How many frames to show: up to the test framework's first frame, at most {@value #MAX_FRAMES}. */
    private static int userFrames(List<String> frames) {
        int limit = Math.min(frames.size(), MAX_FRAMES);
        for (int i = 1; i < limit; i++) {
            String frame = frames.get(i);
            if (FRAMEWORK.stream().anyMatch(frame::startsWith)) {
                return i;
            }
        }
        return limit;
    }
}
