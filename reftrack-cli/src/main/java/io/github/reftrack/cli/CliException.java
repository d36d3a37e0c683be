package io.github.reftrack.cli;

/**
 * A failure the command reports as one line on standard error, exiting with
 * {@link ExitCode#ERROR} (a runtime failure) unless constructed with another code, such as
 * {@link ExitCode#USAGE} for input that is not what the command reads. The message names what
 * went wrong and, where there is one, what to do. Errors in the command line itself are picocli's
 * {@code ParameterException} instead, and exit with {@link ExitCode#USAGE}.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(String message) {
        this(ExitCode.ERROR, message, null);
    }

    CliException(String message, Throwable cause) {
        this(ExitCode.ERROR, message, cause);
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The exit code the command ends with. */
    int exitCode() {
        return exitCode;
    }
}
