package io.github.reftrack.bench;

import io.github.reftrack.RefTracking;

/**
 * The fork arguments of the benchmarks that run reftrack on the native capture backend, and the
 * check that it really loaded: a benchmark that silently fell back to the Java capture would
 * publish the wrong figure.
 */
final class NativeCapture {
    /** Selects the native backend for the default runtime of the fork. */
    static final String ARGS_CAPTURE = "-Dreftrack.capture=native";
    /** Selects the automatic choice between the two backends, per call. */
    static final String ARGS_AUTO = "-Dreftrack.capture=auto";
    /** Allows JNI without a warning on JDK 24 and later; JDK 17 accepts the flag too. */
    static final String ARGS_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private NativeCapture() {
    }

    /**
     * Fails the benchmark's set-up unless the default runtime captures natively.
     *
     * @throws IllegalStateException if the runtime fell back to the Java capture
     */
    static void require() {
        require("native");
    }

    /**
     * Fails the benchmark's set-up unless the default runtime uses this capture.
     *
     * @param capture {@code native} or {@code auto}, as the runtime names it
     * @throws IllegalStateException if the runtime fell back to the Java capture
     */
    static void require(String capture) {
        String runtime = RefTracking.runtime().toString();
        if (!runtime.contains("capture " + capture)) {
            throw new IllegalStateException("the native capture did not load (" + runtime
                    + "): build the jar with gcc on linux-x86_64; see reftrack-core/README.md");
        }
    }
}
