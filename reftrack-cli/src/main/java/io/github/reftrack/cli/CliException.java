package io.github.reftrack.cli;

/**
 * A runtime failure the command reports as one line on standard error, exiting with
 * {@link ExitCode#ERROR}. The message names what went wrong and, where there is one, what to do.
 * Usage errors are picocli's {@code ParameterException} instead, and exit with
 * {@link ExitCode#USAGE}.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
