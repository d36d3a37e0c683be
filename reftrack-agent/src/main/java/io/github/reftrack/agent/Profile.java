package io.github.reftrack.agent;

import java.util.List;
import java.util.Set;

/**
 * What to track on one ref-counted class: the methods that take a reference, the ones that drop
 * one, and the ones that start a lifetime (a constructor, or a reset on reuse from a pool).
 *
 * @param dirClass     the class name of the directories this profile creates, e.g. {@code netty_bytebuf}
 * @param typeName     the binary name of the class whose methods are instrumented
 * @param subtypes     whether subclasses that declare these methods are instrumented too; true for
 *                     generic specs, which also count only the outermost tracked call on an object
 *                     and thread (a {@code retain()} that calls {@code retain(1)} counts once)
 * @param acquire      methods that take one reference ({@code (int)} ones take that many; a
 *                     {@code boolean} result of {@code false} takes none), as {@link MethodSpec} text:
 *                     {@code retain} (both arities), {@code retain()} or {@code retain(int)}
 * @param release      methods that drop one reference ({@code (int)} ones drop that many)
 * @param birth        {@code <init>} and methods that start a lifetime with one reference
 *                     ({@code (int)} ones with that many, {@code name:N} or {@code <init>:N} with N);
 *                     empty, or only births with 0: a lifetime starts at the first acquire
 * @param instancesOf  a class every tracked object must extend (other instances are ignored), or null;
 *                     a spec naming a class whose methods are inherited gets its superclass as
 *                     {@code typeName} and itself here
 * @param hide         class-name prefixes whose frames are not the user's call
 * @param derivedType  a class whose instances, when born, take a reference on a parent just
 *                     before (Netty's pooled slices and duplicates), or null: that reference is
 *                     owned by the derived object, and a parent kept alive only by leaked derived
 *                     objects is counted as their consequence, not reported again
 * @param internalBirth {@code classPrefix#method}: objects born under such a frame are the
 *                     library's own (Netty's adaptive allocator's chunk memory) and not tracked; or null
 * @param ownership    how the library's objects hand references to one another (wrappers, holders,
 *                     unreleasable objects), or null
 */
record Profile(String dirClass, String typeName, boolean subtypes, Set<String> acquire, Set<String> release,
        Set<String> birth, String instancesOf, List<String> hide, String derivedType, String internalBirth,
        Ownership ownership) {

    /** The constructor, as specs name it. */
    static final String CONSTRUCTOR = "<init>";

    /** A profile whose objects hand no references to one another. */
    Profile(String dirClass, String typeName, boolean subtypes, Set<String> acquire, Set<String> release,
            Set<String> birth, String instancesOf, List<String> hide, String derivedType, String internalBirth) {
        this(dirClass, typeName, subtypes, acquire, release, birth, instancesOf, hide, derivedType, internalBirth,
                null);
    }

    static final List<Profile> NETTY = List.of(
            new Profile("netty_bytebuf", "io.netty.buffer.AbstractReferenceCountedByteBuf", false, Set.of("retain"),
                    Set.of("release"), Set.of(CONSTRUCTOR, "resetRefCnt", "setRefCnt"), null, List.of("io.netty."),
                    "io.netty.buffer.AbstractPooledDerivedByteBuf",
                    "io.netty.buffer.AdaptivePoolingAllocator#newChunkAllocation", Ownership.NETTY_BUFFERS),
            new Profile("netty_refcounted", "io.netty.util.AbstractReferenceCounted", false, Set.of("retain"),
                    Set.of("release"), Set.of(CONSTRUCTOR, "setRefCnt"), null, List.of("io.netty."), null, null));

    /**
     * Lucene: the top-level readers {@code SearcherManager} and {@code DirectoryReader.open} hand
     * out. Segment readers are shared between generations by Lucene itself and are not the
     * user's references. {@code incRef()} calls {@code tryIncRef()} on Lucene 9 and 10, so only
     * the latter is instrumented (each reference counted once).
     */
    static final List<Profile> LUCENE = List.of(
            new Profile("lucene_reader", "org.apache.lucene.index.IndexReader", false, Set.of("tryIncRef"),
                    Set.of("decRef"), Set.of(CONSTRUCTOR), "org.apache.lucene.index.DirectoryReader",
                    List.of("org.apache.lucene."), null, null));

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

    /** The class whose instances are tracked: {@link #instancesOf}, else {@link #typeName}. */
    String trackedType() {
        return instancesOf != null ? instancesOf : typeName;
    }
}
