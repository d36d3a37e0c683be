package io.github.reftrack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.reftrack.RefTracking;
import io.github.reftrack.delayedinode.InjectionSite;
import io.github.reftrack.delayedinode.workload.Workload;
import io.github.reftrack.delayedinode.workload.WorkloadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code reftrack demo}: runs the delayed-inode workload (metadata traffic on several threads,
 * then subvolume deletion and {@code killAllDelayedNodes}), optionally with a forgotten release
 * injected, and prints the stuck nodes' reports. Exits with {@link ExitCode#LEAKS} when nodes
 * were left stuck.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Run the btrfs delayed-inode workload, then delete the subvolume and kill all its delayed"
                + " nodes. With --inject-leak one code path forgets a release: kill-all cannot finish (the kernel"
                + " spun forever) and the report names the stack that leaked."})
final class DemoCommand implements Callable<Integer> {
    /** Runs shorter than this print no progress. */
    private static final long QUIET_SECONDS = 3;
    /** Once progress shows, a line at least this often. */
    private static final long HEARTBEAT_SECONDS = 5;
    private static final int MAX_THREADS = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N",
            description = "traffic threads, 1-256 (default: ${DEFAULT-VALUE})")
    private int threads = 4;

    @Option(names = "--ops", paramLabel = "N",
            description = "metadata operations in total (default: ${DEFAULT-VALUE})")
    private long ops = 20_000;

    @Option(names = "--seed", paramLabel = "S",
            description = "seed of the traffic generator (default: ${DEFAULT-VALUE})")
    private long seed = 1;

    @Option(names = "--tracking", paramLabel = "MODE", converter = ModeConverter.class,
            description = "off, sample or full (default: full)")
    private RefTracking.Mode tracking = RefTracking.Mode.FULL;

    @Option(names = "--inject-leak", paramLabel = "SITE", converter = SiteConverter.class,
            description = "make this code path forget one release (see --list-sites)")
    private InjectionSite site;

    @Option(names = "--kill-all-deadline", paramLabel = "MILLIS",
            description = "how long kill-all may spin on stuck nodes, in ms (default: ${DEFAULT-VALUE})")
    private long deadlineMillis = 2000;

    @Option(names = "--list-sites", description = "list the injection sites and exit")
    private boolean listSites;

    @Option(names = "--json", description = "print the result (or with --list-sites, the sites) as JSON;"
            + " 'reftrack report' reads the result")
    private boolean json;

    @Option(names = "--wait", description = "after the run, stay alive until standard input ends (Enter or"
            + " Ctrl-D), so that 'reftrack ps' and 'reftrack dump PID' can look at this JVM")
    private boolean waitForInput;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (listSites) {
            listSites(out);
            return ExitCode.OK;
        }
        Workload.Builder workload = configure();
        WorkloadResult result;
        // the teardown watchdog's reports become one progress line each; the report is printed once, below
        OneLineLog oneLineLog = OneLineLog.install(spec.commandLine().getErr(), "reftrack demo: ");
        try (ProgressRelay progress = new ProgressRelay(spec.commandLine().getErr(), "reftrack demo: ", QUIET_SECONDS,
                HEARTBEAT_SECONDS)) {
            result = workload.progress(progress).run();
        } finally {
            oneLineLog.close();
        }
        DemoOutput output = new DemoOutput(threads, seed, tracking, site, deadlineMillis);
        if (json) {
            out.println(output.json(result));
        } else {
            output.print(result, out);
        }
        out.flush();
        if (waitForInput) {
            waitForInput();
        }
        return result.leaked() ? ExitCode.LEAKS : ExitCode.OK;
    }

    private void listSites(PrintWriter out) {
        if (!json) {
            for (InjectionSite each : InjectionSite.values()) {
                out.printf("%-26s %s%n", each.cliName(), each.description());
            }
            return;
        }
        ArrayNode sites = MAPPER.createArrayNode();
        for (InjectionSite each : InjectionSite.values()) {
            sites.addObject().put("name", each.cliName()).put("description", each.description());
        }
        out.println(sites);
    }

    private void waitForInput() {
        PrintWriter err = spec.commandLine().getErr();
        long pid = ProcessHandle.current().pid();
        err.println("reftrack demo: waiting as pid " + pid + "; try 'reftrack dump " + pid
                + "' in another terminal, press Enter here to exit");
        err.flush();
        try {
            while (System.in.read() >= 0) {
                if (System.in.available() == 0) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new CliException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    /** The workload as the options say; out-of-range values are usage errors. */
    private Workload.Builder configure() {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new ParameterException(spec.commandLine(), "--threads must be from 1 to " + MAX_THREADS
                    + ", was " + threads);
        }
        if (ops < 0) {
            throw new ParameterException(spec.commandLine(), "--ops must be 0 or more, was " + ops);
        }
        if (deadlineMillis <= 0) {
            throw new ParameterException(spec.commandLine(), "--kill-all-deadline must be positive, was "
                    + deadlineMillis);
        }
        try {
            return Workload.builder().threads(threads).ops(ops).seed(seed).tracking(tracking).inject(site)
                    .killAllDeadline(Duration.ofMillis(deadlineMillis));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Parses {@code off|sample|full}, ignoring case. */
    static final class ModeConverter implements ITypeConverter<RefTracking.Mode> {
        @Override
        public RefTracking.Mode convert(String value) {
            for (RefTracking.Mode mode : RefTracking.Mode.values()) {
                if (mode.name().equalsIgnoreCase(value.strip())) {
                    return mode;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a tracking mode: use off, sample or full");
        }
    }

    /** Parses an injection site's command-line name (or its constant name). */
    static final class SiteConverter implements ITypeConverter<InjectionSite> {
        @Override
        public InjectionSite convert(String value) {
            try {
                return InjectionSite.fromCliName(value.replace('_', '-'));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
