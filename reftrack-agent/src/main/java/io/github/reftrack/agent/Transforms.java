package io.github.reftrack.agent;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Where the {@link Instrumenter} and the profiles' rules register what to transform: Byte Buddy's
 * agent builder when the agent is attached ({@link OnAgentBuilder}), the {@link LoadTimeTransformer}
 * at start-up. Every transformation whose types match a class is applied to it, in the order added.
 */
interface Transforms {
    /**
     * Adds a transformation.
     *
     * @param types       the classes it applies to
     * @param transformer what it does to each
     * @return this
     */
    Transforms add(AgentBuilder.RawMatcher types, AgentBuilder.Transformer transformer);

    /** Registers on Byte Buddy's agent builder. Not thread-safe; used while the agent starts. */
    final class OnAgentBuilder implements Transforms {
        private AgentBuilder builder;

        OnAgentBuilder(AgentBuilder builder) {
            this.builder = builder;
        }

        @Override
        public Transforms add(AgentBuilder.RawMatcher types, AgentBuilder.Transformer transformer) {
            builder = builder.type(types).transform(transformer);
            return this;
        }

        AgentBuilder builder() {
            return builder;
        }
    }
}
