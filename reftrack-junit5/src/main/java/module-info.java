/**
 * reftrack for JUnit Jupiter: {@code @LeakChecked} fails a test that leaks, double-releases or
 * loses a tracked reference.
 */
module io.github.reftrack.jupiter {
    requires transitive io.github.reftrack;
    requires transitive org.junit.jupiter.api;

    exports io.github.reftrack.junit5;

    provides org.junit.jupiter.api.extension.Extension with io.github.reftrack.junit5.LeakCheckExtension;
}
