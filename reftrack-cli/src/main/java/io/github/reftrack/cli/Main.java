package io.github.reftrack.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of the {@code reftrack} command.
 *
 * <p>Errors are one line on standard error, prefixed by the command that failed:
 * {@code reftrack dump: no process with pid 4242}. Usage errors exit with
 * {@link ExitCode#USAGE}, runtime errors with {@link ExitCode#ERROR}; a command that found leaks
 * exits with {@link ExitCode#LEAKS}; output that could not be written to standard output (a full
 * disk, a closed pipe) is reported and exits with {@link ExitCode#OUTPUT}, whatever the command
 * found.
 */
public final class Main {
    private static final String JUL_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    /** The commands whose output is a report, for the message when it cannot be written. */
    private static final Set<String> REPORTING = Set.of("dump", "report");

    private Main() {
    }

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the command line, e.g. {@code dump 4242 --json}
     */
    public static void main(String[] args) {
        // reftrack-core logs through System.Logger; without a configuration of the user's, one line per record
        if (System.getProperty(JUL_FORMAT_PROPERTY) == null
                && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty(JUL_FORMAT_PROPERTY, "%4$s %3$s: %5$s%6$s%n");
        }
        Charset charset = Charset.defaultCharset();
        // not System.out: a PrintStream hides write errors, and with them the reason a report is missing
        Writer out = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        int code = execute(out, err, args);
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command in this JVM, writing to the given streams; what {@link #main} and the tests
     * call. Thread-safe as long as the streams are not shared with a concurrent call.
     *
     * @param out  receives the command's results
     * @param err  receives progress, warnings and error messages
     * @param args the command line
     * @return the exit code, one of {@link ExitCode}'s constants
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute((Writer) out, err, args);
    }

    /**
     * Runs the command, writing its results to {@code out}; if writing them fails, says so on
     * {@code err} and returns {@link ExitCode#OUTPUT}.
     */
    static int execute(Writer out, PrintWriter err, String... args) {
        CheckedOutput checked = new CheckedOutput(out);
        PrintWriter printer = new PrintWriter(checked, true);
        CommandLine commandLine = new CommandLine(new ReftrackCommand());
        commandLine.setOut(printer);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(Main::onUsageError);
        commandLine.setExecutionExceptionHandler(Main::onRuntimeError);
        // '@file' is reftrack-agent's syntax for a profile file: 'attach' passes it on, unexpanded
        commandLine.setExpandAtFiles(false);
        // an unknown word before a subcommand ends the parse, so it is reported rather than the subcommand's errors
        commandLine.getCommandSpec().parser().stopAtUnmatched(true);
        try {
            int code = commandLine.execute(args);
            printer.flush();
            String failure = checked.failure();
            if (failure == null) {
                return code;
            }
            CommandLine ran = ran(commandLine);
            err.println(ran.getCommandSpec().qualifiedName() + ": cannot write the "
                    + (REPORTING.contains(ran.getCommandName()) ? "report" : "output") + " to standard output: "
                    + failure);
            return ExitCode.OUTPUT;
        } finally {
            err.flush();
        }
    }

    /** The innermost command that was parsed: the subcommand that ran, or {@code reftrack} itself. */
    private static CommandLine ran(CommandLine commandLine) {
        ParseResult parsed = commandLine.getParseResult();
        if (parsed == null) {
            return commandLine;
        }
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().commandLine();
    }

    private static int onUsageError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        String name = failed.getCommandSpec().qualifiedName();
        if (e instanceof UnmatchedArgumentException unmatched && !failed.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return unknownCommand(failed, name, unmatched.getUnmatched().get(0));
        }
        if (e.getValue() != null && e.getMessage().equals("Unknown subcommand '" + e.getValue() + "'.")) {
            // picocli's HelpCommand, asked about a command that does not exist
            return unknownCommand(failed, name + " help", e.getValue());
        }
        failed.getErr().println(name + ": " + firstLine(e.getMessage())
                + " (see '" + name + " --help')");
        return ExitCode.USAGE;
    }

    private static int unknownCommand(CommandLine parent, String name, String word) {
        String parentName = parent.getCommandSpec().qualifiedName();
        parent.getErr().println(name + ": unknown command '" + word + "': use one of "
                + String.join(", ", parent.getSubcommands().keySet()) + " (see '" + parentName + " --help')");
        return ExitCode.USAGE;
    }

    private static int onRuntimeError(Exception e, CommandLine failed, ParseResult parsed) {
        String name = failed.getCommandSpec().qualifiedName();
        PrintWriter err = failed.getErr();
        if (e instanceof CliException cli) {
            // one line, whatever the input put into the message
            err.println(name + ": " + e.getMessage().replace('\n', ' ').replace('\r', ' '));
            return cli.exitCode();
        } else if (e instanceof InterruptedException) {
            err.println(name + ": interrupted");
        } else {
            err.println(name + ": unexpected error: " + e);
            e.printStackTrace(err);
        }
        return ExitCode.ERROR;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
