package io.github.reftrack;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Collects every event from its construction until close(). As a test's
 * {@code @RegisterExtension} instance field it listens for exactly one test.
 */
final class Recorder implements RefTrackerListener, AutoCloseable, AfterEachCallback {
    final List<LeakReport> leaks = new CopyOnWriteArrayList<>();
    final List<DoubleRelease> doubleReleases = new CopyOnWriteArrayList<>();
    final List<LostReference> lost = new CopyOnWriteArrayList<>();
    final List<StuckTeardown> stuck = new CopyOnWriteArrayList<>();
    final List<Misuse> misuse = new CopyOnWriteArrayList<>();
    private final RefTracking.Registration registration;

    /** Listens to the default runtime. */
    Recorder() {
        this(RefTracking.runtime());
    }

    /** Listens to one runtime. */
    Recorder(RefTrackingRuntime runtime) {
        registration = runtime.addListener(this);
    }

    @Override
    public void onLeak(LeakReport report) {
        leaks.add(report);
    }

    @Override
    public void onDoubleRelease(DoubleRelease event) {
        doubleReleases.add(event);
    }

    @Override
    public void onLostReference(LostReference event) {
        lost.add(event);
    }

    @Override
    public void onTeardownStuck(StuckTeardown event) {
        stuck.add(event);
    }

    @Override
    public void onMisuse(Misuse event) {
        misuse.add(event);
    }

    List<Misuse.Kind> misuseKinds() {
        return misuse.stream().map(Misuse::kind).toList();
    }

    @Override
    public void close() {
        registration.close();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }
}
