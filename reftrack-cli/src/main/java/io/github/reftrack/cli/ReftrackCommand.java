package io.github.reftrack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code reftrack}: the parent command. It only dispatches; run without a subcommand it is a
 * usage error that names the subcommands. {@code reftrack help [command]} prints the usage of the
 * command, or of {@code reftrack} itself.
 */
@Command(name = "reftrack",
        mixinStandardHelpOptions = true,
        versionProvider = ReftrackCommand.Version.class,
        description = "Per-reference leak tracking for the JVM, after the Linux kernel's ref_tracker.",
        subcommands = {AttachCommand.class, DemoCommand.class, DumpCommand.class, PsCommand.class, ReportCommand.class,
            HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success, no leaks found",
            "1:runtime error (unreachable process, unreadable file)",
            "2:usage error",
            "3:leaks found",
            "4:standard output could not be written (full disk, closed pipe)"})
final class ReftrackCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command: use one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** Reports the version of the jar the command runs from. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ReftrackCommand.class.getPackage().getImplementationVersion();
            return new String[] {"reftrack " + (version == null ? "(development build)" : version)};
        }
    }
}
