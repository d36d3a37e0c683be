package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs {@link Victim} classes on the Jupiter engine and picks out their failures. */
final class TestKit {

    private TestKit() {
    }

    static EngineExecutionResults run(Class<?> victim) {
        return run(victim, Map.of());
    }

    static EngineExecutionResults run(Class<?> victim, Map<String, String> configuration) {
        return run(selectClass(victim), configuration);
    }

    /** Runs one test method of a victim class (its class-level callbacks included). */
    static EngineExecutionResults run(Class<?> victim, String methodName) {
        return run(selectMethod(victim, methodName), Map.of());
    }

    private static EngineExecutionResults run(DiscoverySelector selector, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Victim.ENABLED, "true")
                .configurationParameters(configuration)
                .selectors(selector)
                .execute();
    }

    /** Returns the one failure among the given events, asserting there is exactly one. */
    static Throwable onlyFailure(Events events) {
        return onlyFailure(events.failed().stream());
    }

    private static Throwable onlyFailure(Stream<Event> failed) {
        List<Throwable> failures = failed
                .map(TestKit::throwable)
                .collect(Collectors.toList());
        assertThat(failures).as("failures").hasSize(1);
        return failures.get(0);
    }

    private static Throwable throwable(Event event) {
        return event.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow(() -> new AssertionError("failed event without a throwable: " + event));
    }
}
