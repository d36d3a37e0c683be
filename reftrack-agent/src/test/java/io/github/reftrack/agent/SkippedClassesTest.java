package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkippedClassesTest {
    @Test
    void classThatCannotBeInstrumentedIsReportedOnceOnOneLine() {
        List<String> problems = new ArrayList<>();
        SkippedClasses listener = new SkippedClasses(problems::add);
        Throwable error = new IllegalStateException("Cannot locate field named reftrack$lifetime\n\tfor a.B",
                new IllegalArgumentException("inner"));

        listener.onError("a.B", null, null, false, error);
        listener.onError("a.B", null, null, true, error);

        assertThat(problems).singleElement().isEqualTo("cannot instrument a.B (Cannot locate field named"
                + " reftrack$lifetime for a.B: inner); its references are not tracked");
    }
}
