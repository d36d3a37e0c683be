package io.github.reftrack.absent;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.RefTracking;
import io.github.reftrack.TeardownWatchdog;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.management.ObjectName;

/**
 * Run in a child JVM by {@link QuietLoadTest} with tracking off: uses every entry point an
 * application touches, then prints the {@code reftrack-*} threads and whether the MXBean exists.
 */
public final class QuietMain {
    private QuietMain() {
    }

    /**
     * Loads and uses reftrack with tracking off, then prints what it started.
     *
     * @param args ignored
     * @throws Exception if the MBean server cannot be asked
     */
    public static void main(String[] args) throws Exception {
        RefTracking.Registration registration = RefTracking.addListener(new RefTrackerListener() {
            @Override
            public void onLeak(LeakReport report) {
                System.out.println("unexpected leak");
            }
        });
        RefTrackerDir dir = RefTrackerDir.create("quiet", 4);
        RefTracker tracker = dir.alloc();
        dir.free(tracker);
        dir.report(16);
        RefTracking.registry().directories();
        TeardownWatchdog.forDirectories("quiet", List.of(dir)).giveUpAfter(Duration.ZERO).await();
        dir.close();
        registration.close();
        String threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("reftrack")).sorted().collect(Collectors.joining(","));
        boolean mbean = ManagementFactory.getPlatformMBeanServer()
                .isRegistered(new ObjectName(RefTracking.MBEAN_NAME));
        System.out.println("mode=" + dir.mode() + " threads=[" + threads + "] mbean=" + mbean);
    }
}
