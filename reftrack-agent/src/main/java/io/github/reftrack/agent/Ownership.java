package io.github.reftrack.agent;

import java.util.List;

/**
 * How a library's objects hand references to one another, for the profiles that need it (Netty's
 * buffers, {@link NettyProfile}); class names are read by {@link TypeNames}. Every wrapper of a
 * counted object delegates {@link #probe} to the object that holds the count, so calling it on
 * whatever object a holder received finds the lifetime concerned.
 *
 * @param delegating   classes whose instances (and their subclasses') delegate their count to the
 *                     object they wrap: not tracked, their wrapped object is (Netty's leak-aware
 *                     composite wrappers, themselves composite buffers with a count of their own that
 *                     is never used)
 * @param holder       a class whose constructor's first argument hands one reference to the holder
 *                     and whose {@link #holderRelease} method drops it (a composite buffer's
 *                     component), or null: a reference held so is counted exactly, and an object
 *                     kept alive only by a leaked holder is counted as its consequence
 * @param holderRelease the holder's method that releases its reference
 * @param unreleasable a class whose constructor's first argument is never released again (Netty's
 *                     {@code Unpooled.unreleasableBuffer}, used for constants), or null: that object is
 *                     not tracked from then on
 * @param probe        a method of the tracked class without arguments, without side effects, that
 *                     every wrapper delegates to the object holding the count ({@code refCnt})
 */
record Ownership(List<String> delegating, String holder, String holderRelease, String unreleasable,
        String probe) {
}
