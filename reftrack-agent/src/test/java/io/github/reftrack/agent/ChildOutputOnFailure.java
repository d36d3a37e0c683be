package io.github.reftrack.agent;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Attaches the output of the child JVMs a failing test ran to its failure, as suppressed
 * exceptions: the build's console shows it for that test only, since {@link Child} prints nothing
 * on success. Registered for every test of the module by JUnit's extension autodetection
 * ({@code junit-platform.properties}, {@code META-INF/services}).
 */
public final class ChildOutputOnFailure implements BeforeEachCallback, TestExecutionExceptionHandler {

    @Override
    public void beforeEach(ExtensionContext context) {
        Child.forget();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        for (String transcript : Child.transcripts()) {
            failure.addSuppressed(new ChildOutput(transcript));
        }
        throw failure;
    }

    /** One child JVM's command and output; its stack trace would say nothing. */
    static final class ChildOutput extends Exception {
        private static final long serialVersionUID = 1L;

        ChildOutput(String transcript) {
            super("output of the child JVM:\n" + transcript, null, false, false);
        }
    }
}
