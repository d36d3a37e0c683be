package io.github.reftrack.junit5;

import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LostReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops the test engine's frames from the bottom of reported stacks: below the test method, a
 * captured stack is JUnit and reflection, which says nothing about the leak and would fill most
 * of the failure message. Only a trailing run of such frames is dropped, so user code called
 * through reflection higher up the stack stays. Stateless.
 */
final class EngineFrames {
    private static final String[] ENGINE_PREFIXES = {
        "org.junit.", "jdk.internal.reflect.", "java.lang.reflect.", "sun.reflect.",
    };

    private EngineFrames() {
    }

    static List<StackTraceElement> trim(List<StackTraceElement> frames) {
        int end = frames.size();
        while (end > 1 && isEngine(frames.get(end - 1))) {
            end--;
        }
        return end == frames.size() ? frames : List.copyOf(frames.subList(0, end));
    }

    static LeakReport trim(LeakReport report) {
        List<LeakReport.Group> groups = new ArrayList<>(report.groups().size());
        for (LeakReport.Group group : report.groups()) {
            groups.add(new LeakReport.Group(group.users(), trim(group.frames()), group.fingerprint(),
                    group.holders()));
        }
        return new LeakReport(report.className(), report.dirName(), report.totalUsers(), report.skippedUsers(),
                groups);
    }

    static DoubleRelease trim(DoubleRelease event) {
        return new DoubleRelease(event.className(), event.dirName(), event.holder(), trim(event.allocatedAt()),
                trim(event.firstReleasedAt()), trim(event.releasedAgainAt()), event.pastQuarantine());
    }

    static LostReference trim(LostReference event) {
        return new LostReference(event.className(), event.dirName(), event.holder(), trim(event.allocatedAt()),
                event.fingerprint());
    }

    private static boolean isEngine(StackTraceElement frame) {
        for (String prefix : ENGINE_PREFIXES) {
            if (frame.getClassName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
