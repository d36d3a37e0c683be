package io.github.reftrack.junit5;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that exists to be run by {@link TestKit}: it leaks or fails on purpose, so
 * it is disabled unless the engine was started with the configuration parameter
 * {@value #ENABLED}{@code =true}, which only {@code TestKit} sets. An IDE or a build that picks it
 * up directly reports it as skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Victim.OnlyInTestKit.class)
@interface Victim {

    /** The configuration parameter that enables victim classes. */
    String ENABLED = "reftrack.junit5.victims";

    /** Enables a victim only when {@value #ENABLED} is {@code true}. */
    final class OnlyInTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(ENABLED, Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("run by the test kit")
                    : ConditionEvaluationResult.disabled("a victim class; it only runs under EngineTestKit");
        }
    }
}
