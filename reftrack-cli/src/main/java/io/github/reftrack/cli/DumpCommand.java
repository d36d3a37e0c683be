package io.github.reftrack.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reftrack dump <pid>}: attaches to a running JVM and prints its live references grouped
 * by the stack that took them, holders included, as kernel-shape text or JSON. The directories of
 * one class are grouped together, so objects that each have a directory (as the agent gives every
 * tracked object) and hold references from one call path show as one group with an object count.
 * The text ends with the leaks the JVM has already reported, by stack, with first and last seen.
 */
@Command(name = "dump",
        mixinStandardHelpOptions = true,
        description = {
            "Print the live references of a running JVM, grouped by the stack that took them across the"
                + " objects (directories) of each class, then the leaks it has already reported, by stack.",
            "The JVM needs no flag: its local management agent is started if needed. It must use reftrack"
                + " (have created a directory); references show with their stacks where they are tracked,"
                + " by -Dreftrack.mode=full or sample or by a directory built with its own mode."})
final class DumpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "process id of the JVM ('reftrack ps' lists them)")
    private long pid;

    @Option(names = "--class", paramLabel = "CLASS", description = "only directories of this class, e.g. delayed_node")
    private String className;

    @Option(names = "--json", description = "print a JSON array of reports (input for 'reftrack report')")
    private boolean json;

    @Option(names = "--by-directory", description = "one report per directory (object), not one per class")
    private boolean byDirectory;

    @Option(names = "--oldest", paramLabel = "N",
            description = "list the N references held longest, across directories: age, directory, holder, frame")
    private Integer oldest;

    @Override
    public Integer call() {
        if (pid <= 0) {
            throw new ParameterException(spec.commandLine(), "PID must be a positive process id, was " + pid);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (AttachedJvm jvm = AttachedJvm.attach(pid)) {
            RefTrackingClient client = jvm.connect();
            if (oldest != null) {
                if (oldest < 1) {
                    throw new ParameterException(spec.commandLine(), "--oldest must be 1 or more, was " + oldest);
                }
                String lines = client.oldest(oldest);
                out.print(lines.isEmpty() ? "(no live references)\n" : lines);
                return ExitCode.OK;
            }
            if (json) {
                out.println(byDirectory ? client.dumpJson(className) : client.dumpByClassJson(className));
                return ExitCode.OK;
            }
            printText(jvm, client, out);
        }
        return ExitCode.OK;
    }

    /** {@code ; 2 references held past their hold threshold (reported)}, when there were any. */
    private static String longHeld(RefTrackingClient client) {
        long count = client.longHeld().orElse(0L);
        return count == 0 ? "" : "; " + Words.count(count, "reference") + " held past " + (count == 1 ? "its" : "their")
                + " hold threshold (reported)";
    }

    /** A summary line, the live references grouped by stack, then the leaks already reported. */
    private void printText(AttachedJvm jvm, RefTrackingClient client, PrintWriter out) {
        out.println("# JVM " + pid + " (" + jvm.mainClass() + "): "
                + Words.count(client.liveReferences(), "live reference") + " in "
                + Words.count(client.liveDirectories(), "directory", "directories") + "; default mode "
                + client.mode() + longHeld(client) + (className == null ? "" : "; showing class " + className));
        out.println();
        String text = byDirectory ? client.dump(className) : client.dumpByClass(className);
        if (text.isEmpty()) {
            out.println("(no live references" + (className == null ? "" : " in directories of class "
                    + className) + ")");
            out.println();
        }
        out.print(text);
        client.leakHistory(className).ifPresent(out::print);
    }
}
