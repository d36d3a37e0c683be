package io.github.reftrack.cli;

/**
 * The exit codes of the {@code reftrack} command, the same for every subcommand.
 *
 * <p>Scripts can rely on them: {@value #OK} when the command did what was asked and found
 * nothing wrong, {@value #LEAKS} when it ran and found leaked references.
 */
public final class ExitCode {
    /** The command succeeded and, where it looks for leaks, found none. */
    public static final int OK = 0;
    /** A runtime error: an unreachable process, an unreadable file, a failed attach. */
    public static final int ERROR = 1;
    /**
     * The command line was wrong (unknown option or command, a bad number, an unknown name), or
     * an input file is not what the command reads (not a reftrack JSON report, or over a limit).
     */
    public static final int USAGE = 2;
    /** The command ran and found leaked references. */
    public static final int LEAKS = 3;
    /**
     * The command's output could not be written to standard output (a full disk, a closed pipe):
     * what it found is lost, so this code wins over {@link #LEAKS} and {@link #OK}.
     */
    public static final int OUTPUT = 4;

    private ExitCode() {
    }
}
