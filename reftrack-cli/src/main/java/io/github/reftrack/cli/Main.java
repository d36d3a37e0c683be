package io.github.reftrack.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
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
 * exits with {@link ExitCode#LEAKS}.
 */
public final class Main {
    private static final String JUL_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

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
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        int code = execute(out, err, args);
        out.flush();
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
        CommandLine commandLine = new CommandLine(new ReftrackCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(Main::onUsageError);
        commandLine.setExecutionExceptionHandler(Main::onRuntimeError);
        // '@file' is reftrack-agent's syntax for a profile file: 'attach' passes it on, unexpanded
        commandLine.setExpandAtFiles(false);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int onUsageError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        String name = failed.getCommandSpec().qualifiedName();
        if (e instanceof UnmatchedArgumentException unmatched && !failed.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            failed.getErr().println(name + ": unknown command '" + unmatched.getUnmatched().get(0)
                    + "': use one of " + String.join(", ", failed.getSubcommands().keySet())
                    + " (see '" + name + " --help')");
            return ExitCode.USAGE;
        }
        failed.getErr().println(name + ": " + firstLine(e.getMessage())
                + " (see '" + name + " --help')");
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
