package io.github.reftrack.agent;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code netty}: Netty 4.1 and 4.2 buffers ({@code AbstractReferenceCountedByteBuf}) and other
 * reference-counted objects ({@code AbstractReferenceCounted}), born at construction and at a
 * pool's reset, under their own package or relocated under any prefix (gRPC's
 * {@code grpc-netty-shaded}: {@code io.grpc.netty.shaded.io.netty...}); {@code netty=PREFIX} looks
 * under that prefix only. Its own rules ({@link Rules}): pooled derived buffers own their hold on
 * the parent, leak-aware composite wrappers are not tracked (what they wrap is), a composite's
 * components are held by it, constants wrapped as unreleasable are not tracked, and memory the
 * adaptive allocator takes for its own chunks is not the user's.
 */
final class NettyProfile implements LibraryProfile {

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public List<Profile> profiles(String argument, Consumer<String> problems) {
        String prefix = argument == null ? TypeNames.ANY_PREFIX : argument.strip().replaceAll("\\.+$", "") + ".";
        if (argument != null && !TypeNames.isJavaName(prefix.substring(0, prefix.length() - 1))) {
            problems.accept("netty=" + argument + ": the relocation prefix must be a package name, e.g."
                    + " netty=io.grpc.netty.shaded (or netty alone: any prefix); skipped");
            return List.of();
        }
        String label = argument == null ? name() : name() + "=" + prefix.substring(0, prefix.length() - 1);
        String netty = prefix + "io.netty.";
        List<String> hide = List.of(argument == null ? "io.netty." : netty);
        Rules rules = new Rules(netty);
        return List.of(
                new Profile(label, "netty_bytebuf", netty + "buffer.AbstractReferenceCountedByteBuf", false,
                        Set.of("retain"), Set.of("release"), Set.of(Profile.CONSTRUCTOR, "resetRefCnt", "setRefCnt"),
                        null, hide, rules),
                new Profile(label, "netty_refcounted", netty + "util.AbstractReferenceCounted", false,
                        Set.of("retain"), Set.of("release"), Set.of(Profile.CONSTRUCTOR, "setRefCnt"), null, hide,
                        ProfileRules.NONE));
    }

    /** Netty's buffers hand references to one another; names start with {@code netty} ({@code *.io.netty.}). */
    static final class Rules implements ProfileRules {
        private final String derived;
        private final String adaptiveAllocator;
        private final Ownership ownership;

        Rules(String netty) {
            this.derived = netty + "buffer.AbstractPooledDerivedByteBuf";
            this.adaptiveAllocator = netty + "buffer.AdaptivePoolingAllocator";
            this.ownership = new Ownership(List.of(netty + "buffer.WrappedCompositeByteBuf"),
                    netty + "buffer.CompositeByteBuf$Component", "free", netty + "buffer.UnreleasableByteBuf",
                    "refCnt");
        }

        @Override
        public void instrument(Transforms transforms,
                Function<ElementMatcher<TypeDescription>, AgentBuilder.RawMatcher> visible) {
            // each advice is read once, not once per class it is applied to
            AsmVisitorWrapper derivedScope = Advice.to(DerivedScope.class).on(named("init").or(named("deallocate")));
            ElementMatcher.Junction<MethodDescription> chunkAllocation =
                    named("newChunkAllocation").and(not(isAbstract()));
            AsmVisitorWrapper internalScope = Advice.to(InternalScope.class).on(chunkAllocation);
            // pooled slices and duplicates hold one reference on their parent from init to deallocate
            transforms.add(visible.apply(TypeNames.named(derived)),
                    (t, type, loader, module, domain) -> t.visit(derivedScope));
            // the adaptive allocator's chunk memory is Netty's own; its other classes are left as they are
            ElementMatcher.Junction<TypeDescription> allocating =
                    TypeNames.namedOrNested(adaptiveAllocator).and(declaresMethod(chunkAllocation));
            transforms.add(visible.apply(allocating), (t, type, loader, module, domain) -> t.visit(internalScope));
            OwnershipAdvice.install(transforms, ownership);
        }

        @Override
        public List<String> instrumentedTypes() {
            return List.of(derived, adaptiveAllocator, ownership.holder(), ownership.unreleasable());
        }

        @Override
        public DynamicType.Builder<?> onTrackedClass(DynamicType.Builder<?> builder, boolean attached) {
            return OwnershipAdvice.probe(builder, ownership, attached);
        }

        @Override
        public boolean delegates(Class<?> type) {
            return ownership.delegating().stream().anyMatch(wrapper -> TypeNames.extendsNamed(type, wrapper));
        }

        @Override
        public String probe() {
            return ownership.probe();
        }

        @Override
        public boolean derivedOwnsReferences() {
            return true;
        }
    }
}
