package io.github.reftrack.agent;

import java.util.List;
import java.util.function.Function;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A library's own rules beyond its acquire, release and birth methods, declared by its profile
 * (Netty's derived buffers, wrappers and composite components, in {@link NettyProfile}). The
 * agent's runtime offers the mechanisms (scopes in which references are owned by another object,
 * probes that find which object holds a count); a profile's rules say where they apply. Most
 * libraries need none: {@link #NONE}.
 */
interface ProfileRules {
    /** No rules of its own. */
    ProfileRules NONE = new ProfileRules() {
    };

    /**
     * Instruments the library's other classes the rules need.
     *
     * @param transforms where to add the rules' transformations
     * @param visible    wraps a type matcher so that it only matches classes whose loader sees the hooks
     */
    default void instrument(Transforms transforms,
            Function<ElementMatcher<TypeDescription>, AgentBuilder.RawMatcher> visible) {
    }

    /**
     * The other classes {@link #instrument} may transform, as profiles name types (nested classes
     * included): the start-up filter ({@link Candidates}) lets them through to Byte Buddy.
     *
     * @return their names; empty when the rules instrument no other class
     */
    default List<String> instrumentedTypes() {
        return List.of();
    }

    /**
     * Adds the rules' advice to the class that carries the lifetime field.
     *
     * @param builder  that class's builder
     * @param attached whether the agent was attached (no field: the side table)
     * @return the builder
     */
    default DynamicType.Builder<?> onTrackedClass(DynamicType.Builder<?> builder, boolean attached) {
        return builder;
    }

    /** Whether instances of this class delegate their count to an object they wrap (not tracked, it is). */
    default boolean delegates(Class<?> type) {
        return false;
    }

    /** The method without arguments that every wrapper delegates to the object holding the count, or null. */
    default String probe() {
        return null;
    }

    /**
     * Whether references taken and dropped in the derived scope ({@link AgentRuntime#DERIVED}) are
     * owned by the derived object being set up or freed, counted exactly and never reported.
     */
    default boolean derivedOwnsReferences() {
        return false;
    }

    /**
     * Whether a release after the lifetime ended is a repeated {@code close()}, which
     * {@code Closeable} allows, not a double release: it is ignored.
     */
    default boolean idempotentRelease() {
        return false;
    }

    /**
     * Whether the profile's types are the JDK's, loaded by the bootstrap loader before the agent
     * starts: the {@link JdkInstrumenter} retransforms them, and their advice reaches the agent
     * through a bridge on the bootstrap class path.
     */
    default boolean jdkTypes() {
        return false;
    }

    /**
     * A type the profile's class must be assignable to, checked with the generic specs'
     * ({@link Validation}) when not null: a profile built from a class name the user gave.
     */
    default Class<?> requiredType() {
        return null;
    }
}
