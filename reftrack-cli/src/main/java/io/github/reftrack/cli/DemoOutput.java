package io.github.reftrack.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracking;
import io.github.reftrack.delayedinode.InjectionSite;
import io.github.reftrack.delayedinode.workload.WorkloadResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How {@code reftrack demo} shows a {@link WorkloadResult}: text with the stuck nodes' reports in
 * the kernel's shape, or one JSON object. Immutable and thread-safe.
 *
 * @param threads        the traffic threads the run used
 * @param seed           the traffic seed, printed so a run can be replayed
 * @param tracking       the tracking mode of the run
 * @param site           the injected site, or {@code null}
 * @param deadlineMillis the kill-all deadline of the run
 */
record DemoOutput(int threads, long seed, RefTracking.Mode tracking, InjectionSite site, long deadlineMillis) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Prints the run's summary line, the kill-all outcome and the stuck nodes' reports. */
    void print(WorkloadResult result, PrintWriter out) {
        out.printf(Locale.ROOT, "%s on %s in %.2f s (seed %d, tracking %s%s): %s created, %s%n",
                Words.count(result.operations(), "operation"), Words.count(threads, "thread"),
                result.elapsed().toMillis() / 1000.0, seed, tracking.name().toLowerCase(Locale.ROOT),
                site == null ? "" : ", injected " + site.cliName(), Words.count(result.nodesCreated(), "delayed node"),
                Words.count(result.refcountWarnings(), "refcount warning"));
        if (!result.leaked()) {
            out.println("killAllDelayedNodes completed: no delayed node left, no leak");
            return;
        }
        int stuck = result.stuckInodes().size();
        out.println("killAllDelayedNodes gave up after " + deadlineMillis + " ms: "
                + Words.count(stuck, "delayed node") + " stuck (" + (stuck == 1 ? "inode " : "inodes ")
                + result.stuckInodes().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
        if (result.stuckReports().isEmpty()) {
            out.println("(tracking is " + tracking.name().toLowerCase(Locale.ROOT)
                    + ": no stacks were recorded; run with --tracking full to see who holds the references)");
            return;
        }
        out.println();
        result.stuckReports().forEach(out::print);
    }

    /**
     * The run as one JSON object: its numbers, {@code stuckInodes}, and {@code reports} as
     * {@link LeakReport#toJson()} objects, which {@code reftrack report} reads.
     */
    String json(WorkloadResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("operations", result.operations())
                .put("threads", threads)
                .put("seed", seed)
                .put("tracking", tracking.name().toLowerCase(Locale.ROOT))
                .put("injected", site == null ? null : site.cliName())
                .put("elapsedMillis", result.elapsed().toMillis())
                .put("nodesCreated", result.nodesCreated())
                .put("refcountWarnings", result.refcountWarnings())
                .put("killAllCompleted", result.killAllCompleted())
                .put("leaked", result.leaked());
        ArrayNode inodes = root.putArray("stuckInodes");
        result.stuckInodes().forEach(inodes::add);
        ArrayNode reports = root.putArray("reports");
        try {
            for (LeakReport report : result.stuckReports()) {
                reports.add(MAPPER.readTree(report.toJson()));
            }
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reftrack-core wrote a report that is not JSON", e);
        }
    }
}
