package io.github.reftrack.delayedinode.workload;

/** One run of a {@link Workload}: traffic threads, then subvolume deletion and kill-all. */
final class WorkloadRun {
    private final Workload.Settings settings;

    WorkloadRun(Workload.Settings settings) {
        this.settings = settings;
    }

    WorkloadResult run() throws InterruptedException {
        throw new UnsupportedOperationException("the workload driver is being built; settings: " + settings);
    }
}
