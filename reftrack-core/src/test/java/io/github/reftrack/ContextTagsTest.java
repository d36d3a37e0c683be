package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/** Context tags: taken with each reference from the runtime's source or the thread, counted per group. */
class ContextTagsTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static RefTrackingRuntime runtime(ContextSource source) {
        return RefTrackingRuntime.builder().settings(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL))
                .contextSource(source).build();
    }

    private static RefTrackingRuntime runtime(String property) {
        return RefTrackingRuntime.builder().settings(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL)
                .withContext(property)).build();
    }

    /** The tags of all the directory's groups (the test takes its references on several lines). */
    private static LeakReport.Contexts tags(RefTrackerDir dir) {
        LeakReport.Contexts all = LeakReport.Contexts.NONE;
        for (LeakReport.Group group : dir.report(16).groups()) {
            all = all.plus(group.contexts());
        }
        return all;
    }

    @Test
    void aLeakReportCountsTheTagsOfEachGroup_mostFrequentFirst() {
        AtomicReference<String> tag = new AtomicReference<>();
        RefTrackingRuntime runtime = runtime(tag::get);
        try (Recorder recorder = new Recorder(runtime)) {
            RefTrackerDir dir = runtime.directory("cache").build();
            List<RefTracker> held = new ArrayList<>();
            for (String t : new String[] {"CacheTest.loads()", "CacheTest.evicts()", "CacheTest.evicts()", null,
                "CacheTest.evicts()"}) {
                tag.set(t);
                held.add(Sites.siteX(dir));
            }
            dir.close();

            assertThat(held).extracting(RefTracker::context).containsExactly("CacheTest.loads()",
                    "CacheTest.evicts()", "CacheTest.evicts()", null, "CacheTest.evicts()");
            LeakReport.Group group = recorder.leaks.get(0).groups().get(0);
            assertThat(group.users()).isEqualTo(5);
            assertThat(group.contexts().counts()).containsExactly(Map.entry("CacheTest.evicts()", 3),
                    Map.entry("CacheTest.loads()", 1));
            assertThat(recorder.leaks.get(0).toString())
                    .contains("users at\n  taken during: CacheTest.evicts() (3), CacheTest.loads() (1)\n");
            assertThat(held).hasSize(5);
        }
    }

    @Test
    void withoutASourceNoTagIsTakenAndTheReportHasNoLine() {
        RefTrackingRuntime runtime = runtime((ContextSource) null);
        RefTrackerDir dir = runtime.directory("cache").build();
        RefTracker t = Sites.siteX(dir);

        assertThat(runtime.contextSource()).isNull();
        assertThat(tags(dir)).isEqualTo(LeakReport.Contexts.NONE);
        assertThat(dir.report(16).toString()).doesNotContain("taken during");
        assertThat(t.toString()).doesNotContain("context");
        assertThat(t.context()).isNull();
        dir.free(t);
    }

    @Test
    void aDoubleReleaseNamesTheTagItsReferenceWasTakenWith() {
        RefTrackingRuntime runtime = runtime(() -> "import job 7");
        try (Recorder recorder = new Recorder(runtime)) {
            RefTrackerDir dir = runtime.directory("session").build();
            RefTracker t = dir.alloc();
            dir.free(t);
            dir.free(t);

            assertThat(recorder.doubleReleases.get(0).context()).isEqualTo("import job 7");
            assertThat(recorder.doubleReleases.get(0).toString()).contains("\ntaken during: import job 7\n");
        }
    }

    @Test
    void aTagBoundToTheThreadComesBeforeTheSource_andIsPutBackWhenClosed() {
        RefTrackingRuntime runtime = runtime(() -> "requestId=r-1");
        RefContext.Binding outer = RefContext.bind("CacheTest");
        // created after a binding: directories created before the first one never look for one
        RefTrackerDir dir = runtime.directory("cache").build();
        try {
            RefContext.Binding inner = RefContext.bind("CacheTest.evicts()");
            try {
                Sites.siteX(dir);
            } finally {
                inner.close();
            }
            Sites.siteX(dir);
            assertThat(RefContext.current()).isEqualTo("CacheTest");
        } finally {
            outer.close();
        }
        Sites.siteX(dir);

        assertThat(RefContext.current()).isNull();
        assertThat(tags(dir).counts()).containsOnly(
                Map.entry("CacheTest.evicts()", 1), Map.entry("CacheTest", 1), Map.entry("requestId=r-1", 1));
    }

    @Test
    void aSourceThatThrowsGivesNoTag_isLoggedOnce_andTheReferenceIsStillTracked() {
        RefTrackingRuntime runtime = runtime(() -> {
            throw new IllegalStateException("no request here");
        });
        RefTrackerDir dir = runtime.directory("cache").build();
        Sites.siteX(dir);
        Sites.siteX(dir);

        assertThat(dir.liveCount()).isEqualTo(2);
        assertThat(tags(dir).isEmpty()).isTrue();
        assertThat(log.messages()).filteredOn(m -> m.contains("context source")).hasSize(1)
                .allMatch(m -> m.contains("no request here"));
    }

    @Test
    void aWatchedTrackersHandleKnowsItsTag() {
        RefTrackingRuntime runtime = runtime(() -> "requestId=r-9");
        RefTrackerDir dir = runtime.directory("cache").detectLost(true).build();
        RefTracker t = dir.alloc();

        assertThat(t.context()).isEqualTo("requestId=r-9");
        assertThat(t.toString()).contains("context=requestId=r-9");
        dir.free(t);
    }

    @Test
    void aLongTagIsCut() {
        RefTrackingRuntime runtime = runtime(() -> "x".repeat(500));
        RefTrackerDir dir = runtime.directory("cache").build();
        Sites.siteX(dir);

        String tag = tags(dir).counts().keySet().iterator().next();
        assertThat(tag).hasSize(RefContext.MAX_LENGTH).endsWith("x...");
    }

    @Test
    void theMdcSource_namedByTheProperty_tagsWithKeyAndValue() {
        RefTrackingRuntime runtime = runtime("mdc:requestId");
        RefTrackerDir dir = runtime.directory("request").build();
        try {
            MDC.put("requestId", "r-17");
            Sites.siteX(dir);
            Sites.siteX(dir);
            MDC.put("requestId", "r-18");
            Sites.siteX(dir);
        } finally {
            MDC.remove("requestId");
        }
        Sites.siteX(dir);

        assertThat(tags(dir).counts()).containsExactly(
                Map.entry("requestId=r-17", 2), Map.entry("requestId=r-18", 1));
        assertThat(log.messages()).isEmpty();
    }

    @Test
    void theTraceSource_tagsWithTheCurrentSpansTraceId_andNothingOutsideASpan() {
        RefTrackingRuntime runtime = runtime("mdc:absentKey, trace");
        RefTrackerDir dir = runtime.directory("request").build();
        Span span = Span.wrap(SpanContext.create(TRACE, "00f067aa0ba902b7", TraceFlags.getSampled(),
                TraceState.getDefault()));
        Scope scope = span.makeCurrent();
        try {
            Sites.siteX(dir);
        } finally {
            scope.close();
        }
        Sites.siteX(dir);

        assertThat(tags(dir)).isEqualTo(
                new LeakReport.Contexts(Map.of("trace " + TRACE, 1), 0));
        assertThat(log.messages()).isEmpty();
    }

    @Test
    void anUnknownSourceNameIsLoggedWithWhatIsExpected_andGivesNoSource() {
        RefTrackingRuntime runtime = runtime("mdc:, requestid");

        assertThat(runtime.contextSource()).isNull();
        assertThat(log.messages()).hasSize(2).anyMatch(m -> m.contains("'mdc:'") && m.contains("needs a key"))
                .anyMatch(m -> m.contains("'requestid'") && m.contains("expected mdc:<key>, trace"));
    }

    @Test
    void reportsMergedOverObjectsAddTheirCounts() {
        AtomicReference<String> tag = new AtomicReference<>("CacheTest.evicts()");
        RefTrackingRuntime runtime = runtime(tag::get);
        List<RefTrackerDir> dirs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RefTrackerDir dir = runtime.directory("buffer").build();
            tag.set(i == 2 ? "CacheTest.loads()" : "CacheTest.evicts()");
            Sites.siteX(dir);
            dirs.add(dir);
        }

        List<LeakReport> byClass = runtime.registry().reportsByClass("buffer", 16);
        assertThat(byClass).hasSize(1);
        assertThat(byClass.get(0).groups().get(0).contexts().counts()).containsExactly(
                Map.entry("CacheTest.evicts()", 2), Map.entry("CacheTest.loads()", 1));
        dirs.forEach(RefTrackerDir::close);
    }
}
