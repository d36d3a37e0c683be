package io.github.reftrack.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The command's standard output, remembering why a write failed. Commands print through a
 * {@link PrintWriter}, which swallows {@link IOException}s; wrapped around this writer, the first
 * failure (a full disk, a closed pipe) is kept so that {@link Main} can report it instead of
 * exiting as if the output had been written.
 *
 * <p>Not thread-safe; one command writes to it at a time.
 */
final class CheckedOutput extends FilterWriter {
    private IOException failure;

    CheckedOutput(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        try {
            super.write(c);
        } catch (IOException e) {
            throw keep(e);
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        try {
            super.write(chars, offset, length);
        } catch (IOException e) {
            throw keep(e);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        try {
            super.write(text, offset, length);
        } catch (IOException e) {
            throw keep(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            super.flush();
        } catch (IOException e) {
            throw keep(e);
        }
    }

    /**
     * Why writing failed, e.g. {@code No space left on device}, or {@code null} if every write
     * succeeded. A wrapped {@link PrintWriter} keeps only the fact of its failure, not the reason.
     */
    String failure() {
        if (failure != null) {
            return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        }
        return out instanceof PrintWriter printer && printer.checkError() ? "write error" : null;
    }

    private IOException keep(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
