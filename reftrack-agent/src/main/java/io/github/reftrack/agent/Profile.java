package io.github.reftrack.agent;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to track on one ref-counted class: the methods that take a reference, the ones that drop
 * one, and the ones that start a lifetime (a constructor, or a reset on reuse from a pool). Built
 * by a {@link LibraryProfile} (one file per library) or from a generic spec.
 *
 * @param library      how the agent's argument named it ({@code netty}, {@code netty=io.grpc.netty.shaded}),
 *                     or null for a generic spec
 * @param dirClass     the class name of the directories this profile creates, e.g. {@code netty_bytebuf}
 * @param typeName     the class or interface whose implementations' methods are instrumented, as
 *                     {@link TypeNames} reads names ({@code *.io.netty...} under any relocation prefix)
 * @param subtypes     whether subclasses (and implementations) that declare these methods are
 *                     instrumented too; such profiles also count only the outermost tracked call on an
 *                     object and thread (a {@code retain()} that calls {@code retain(1)} counts once)
 * @param acquire      methods that take one reference ({@code (int)} ones take that many; a
 *                     {@code boolean} result of {@code false} takes none), as {@link MethodSpec} text:
 *                     {@code retain} (both arities), {@code retain()} or {@code retain(int)}
 * @param release      methods that drop one reference ({@code (int)} ones drop that many)
 * @param birth        {@code <init>} and methods that start a lifetime with one reference
 *                     ({@code (int)} ones with that many, {@code name:N} or {@code <init>:N} with N;
 *                     {@code <init>(int)}: the constructor taking the count, with its argument);
 *                     empty, or only births with 0: a lifetime starts at the first acquire
 * @param instancesOf  a class every tracked object must extend (other instances are ignored), or null;
 *                     a spec naming a class whose methods are inherited gets its superclass as
 *                     {@code typeName} and itself here
 * @param hide         class-name prefixes whose frames are not the user's call
 * @param rules        the library's own rules (derived objects, wrappers, holders), {@link ProfileRules#NONE}
 *                     for most
 */
record Profile(String library, String dirClass, String typeName, boolean subtypes, Set<String> acquire,
        Set<String> release, Set<String> birth, String instancesOf, List<String> hide, ProfileRules rules) {

    /** The constructor, as specs name it. */
    static final String CONSTRUCTOR = "<init>";

    /** An initial count of zero, as a birth's text ends. */
    static final String ZERO_COUNT = ":0";

    /** Whether some birth starts a lifetime with references (a birth with count 0 does not). */
    boolean hasBirth() {
        for (String name : birth) {
            if (!name.endsWith(ZERO_COUNT)) {
                return true;
            }
        }
        return false;
    }

    /** Whether only the outermost tracked call on an object and thread counts: generic specs. */
    boolean outermostOnly() {
        return subtypes;
    }

    /*
     * Written out rather than generated: a record's generated equals and hashCode are bootstrapped
     * through java.lang.runtime.ObjectMethods at their first call, which costs the agent's start-up
     * tens of milliseconds, and profiles are map keys from premain on.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Profile p && subtypes == p.subtypes && Objects.equals(library, p.library)
                && dirClass.equals(p.dirClass) && typeName.equals(p.typeName) && acquire.equals(p.acquire)
                && release.equals(p.release) && birth.equals(p.birth) && Objects.equals(instancesOf, p.instancesOf)
                && hide.equals(p.hide) && rules.equals(p.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(library, dirClass, typeName, subtypes, acquire, release, birth, instancesOf, hide, rules);
    }

    /** How the start line and messages name it: {@code netty}, or {@code class=FQN} for a spec. */
    String label() {
        return library != null ? library : "class=" + typeName;
    }

    /** The class whose instances are tracked: {@link #instancesOf}, else {@link #typeName}. */
    String trackedType() {
        return instancesOf != null ? instancesOf : typeName;
    }
}
