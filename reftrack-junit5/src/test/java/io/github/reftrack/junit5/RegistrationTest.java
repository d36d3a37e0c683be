package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.RefTrackerDir;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How several registrations of the extension for one test combine: one check, one report. */
class RegistrationTest {
    static final List<RefTrackerDir> KEEP = new CopyOnWriteArrayList<>();

    static void leakOne() {
        RefTrackerDir dir = RefTrackerDir.create("victim_twice", 0);
        KEEP.add(dir);
        dir.alloc();
    }

    @Victim
    @LeakChecked
    static class AnnotatedAndRegistered {
        @RegisterExtension
        static final LeakCheckExtension LEAKS = LeakCheckExtension.builder().build();

        @Test
        void leaks() {
            leakOne();
        }
    }

    @Test
    void annotationAndField_reportTheLeakOnce() {
        Throwable failure = TestKit.onlyFailure(TestKit.run(AnnotatedAndRegistered.class).testEvents());

        assertThat(failure).isInstanceOf(ReferenceLeakError.class);
        assertThat(failure.getSuppressed()).isEmpty();
        assertThat(((ReferenceLeakError) failure).leaks()).hasSize(1);
    }

    @Victim
    @LeakChecked
    static class Outer {
        @Nested
        class Inner {
            @Test
            void leaks() {
                leakOne();
            }
        }
    }

    @Test
    void annotationOnEnclosingClass_checksNestedClassTests() {
        Throwable failure = TestKit.onlyFailure(TestKit.run(Outer.class).testEvents());

        assertThat(failure.getMessage())
                .startsWith("leak check failed for leaks() [[engine:junit-jupiter]/[class:" + Outer.class.getName()
                        + "]/[nested-class:Inner]/[method:leaks()]]:\n")
                .contains(Outer.Inner.class.getName() + ".leaks(RegistrationTest.java:");
    }
}
