package io.github.reftrack.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code reftrack ps}: lists the local JVMs that have reftrack tracking active, that is whose
 * {@value AttachedJvm#MBEAN_PROPERTY} system property is set.
 *
 * <p>It attaches to each JVM only to read its system properties and never starts a management
 * agent; live reference counts are shown for JVMs whose agent already runs (for example after a
 * {@code reftrack dump}), {@code -} for the others. JVMs are looked at in parallel, each for at
 * most {@value #ATTACH_TIMEOUT_SECONDS} seconds.
 */
@Command(name = "ps",
        mixinStandardHelpOptions = true,
        description = {"List the local JVMs that have reftrack tracking active.",
            "LIVE is '-' where the JVM runs no management agent yet ('reftrack dump PID' starts one)."})
final class PsCommand implements Callable<Integer> {
    static final int ATTACH_TIMEOUT_SECONDS = 15;
    private static final String FORMAT = "%-8s %6s  %s%n";

    @Spec
    private CommandSpec spec;

    /** One JVM with reftrack: its pid, main class and live references (-1 when unknown). */
    record Row(long pid, String mainClass, long liveReferences) {
    }

    @Override
    public Integer call() throws InterruptedException {
        String self = Long.toString(ProcessHandle.current().pid());
        List<VirtualMachineDescriptor> others = new ArrayList<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            if (!descriptor.id().equals(self)) {
                others.add(descriptor);
            }
        }
        // rows and unreachable are only touched by this thread, collecting the pool's results
        List<Row> rows = new ArrayList<>();
        int unreachable = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, others.size())), r -> {
            Thread thread = new Thread(r, "reftrack-ps");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Optional<Row>>> futures = new ArrayList<>();
            for (VirtualMachineDescriptor descriptor : others) {
                futures.add(pool.submit(() -> inspect(descriptor)));
            }
            for (Future<Optional<Row>> future : futures) {
                try {
                    future.get(ATTACH_TIMEOUT_SECONDS, TimeUnit.SECONDS).ifPresent(rows::add);
                } catch (ExecutionException | TimeoutException e) {
                    unreachable++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        rows.sort(Comparator.comparingLong(Row::pid));
        print(rows, unreachable);
        return ExitCode.OK;
    }

    private static Optional<Row> inspect(VirtualMachineDescriptor descriptor) {
        try (AttachedJvm jvm = AttachedJvm.attach(descriptor)) {
            if (jvm.systemProperties().getProperty(AttachedJvm.MBEAN_PROPERTY) == null) {
                return Optional.empty();
            }
            long live = jvm.connectIfAgentRuns().map(PsCommand::liveReferences).orElse(-1L);
            return Optional.of(new Row(jvm.pid(), jvm.mainClass(), live));
        }
    }

    /** The count, or -1 if it cannot be read: the JVM is listed either way. */
    private static long liveReferences(RefTrackingClient client) {
        try {
            return client.liveReferences();
        } catch (CliException e) {
            return -1;
        }
    }

    private void print(List<Row> rows, int unreachable) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(FORMAT, "PID", "LIVE", "MAIN CLASS");
        for (Row row : rows) {
            out.printf(FORMAT, row.pid(), row.liveReferences() < 0 ? "-" : Long.toString(row.liveReferences()),
                    row.mainClass());
        }
        if (unreachable > 0) {
            spec.commandLine().getErr().println("reftrack ps: " + unreachable
                    + " JVM(s) could not be attached to (another user's, or not responding)");
        }
    }
}
