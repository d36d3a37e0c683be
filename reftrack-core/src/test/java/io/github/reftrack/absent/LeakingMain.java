package io.github.reftrack.absent;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.RefTracking;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a child JVM by {@link OptionalModulesTest}: leaks one reference with every built-in sink
 * enabled and prints what an operator would see.
 */
public final class LeakingMain {
    private LeakingMain() {
    }

    /**
     * Leaks one reference, then prints the leak count and the MXBean property.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        AtomicInteger leaks = new AtomicInteger();
        RefTracking.addListener(new RefTrackerListener() {
            @Override
            public void onLeak(LeakReport report) {
                leaks.incrementAndGet();
            }
        });
        RefTrackerDir dir = RefTrackerDir.builder("absent").mode(RefTracking.Mode.FULL).build();
        dir.alloc();
        dir.close();
        System.out.println("leaks=" + leaks + " mbean=" + System.getProperty("reftrack.mbean"));
    }
}
