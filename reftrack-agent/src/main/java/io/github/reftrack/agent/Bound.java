package io.github.reftrack.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Values the {@link Instrumenter} binds into the advice per profile and method, as constants the
 * JIT folds: whether only the outermost call counts, a birth's initial count, and the lifetime
 * field.
 */
final class Bound {
    /** Whether only the outermost tracked call on an object and thread counts ({@link Profile#outermostOnly()}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Outermost {
    }

    /** The references a birth without an {@code int} argument starts with. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Count {
    }

    /** The object's lifetime field, {@value FieldAdvice#FIELD}, writable. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Life {
    }

    private Bound() {
    }

    /**
     * The advice mapping for one method of {@code type}. The lifetime field is named through
     * {@code type} itself, so that the JVM finds it where the profile's class declares it: a
     * subclass's description read from its class file does not show a field the agent added to
     * its superclass, and Byte Buddy's own field lookup would fail there.
     */
    static Advice.WithCustomMapping mapping(TypeDescription type, Profile profile, int count) {
        FieldDescription life = new FieldDescription.Latent(type, FieldAdvice.FIELD, FieldAdvice.MODIFIERS,
                TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class), List.of());
        return Advice.withCustomMapping()
                .bind(Outermost.class, profile.outermostOnly())
                .bind(Count.class, count)
                .bind(new Advice.OffsetMapping.ForField.Resolved.Factory<>(Life.class, life, false,
                        Assigner.Typing.STATIC));
    }
}
