package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The name filter in front of Byte Buddy, checked on the test's own class files without loading them. */
class CandidatesTest {
    private static byte[] classFile(String binaryName) {
        try (InputStream in = CandidatesTest.class.getClassLoader()
                .getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Profile> profiles(String spec) {
        List<String> problems = new ArrayList<>();
        List<Profile> parsed = Validation.keepValid(new ProfileParser(problems::add).parse(spec).profiles(),
                problems::add);
        assertThat(problems).isEmpty();
        return parsed;
    }

    private static boolean mayMatch(List<Profile> profiles, String binaryName) {
        return new Candidates(profiles).mayMatch(binaryName.replace('.', '/'), classFile(binaryName));
    }

    @Test
    void superName_isReadFromTheClassFile() {
        assertThat(Candidates.superName(classFile("example.generic.SubLease"))).isEqualTo("example/generic/Lease");
        assertThat(Candidates.superName(classFile("java.lang.String"))).isEqualTo("java/lang/Object");
        assertThat(Candidates.superName(classFile("java.lang.Object"))).isEmpty();
        assertThat(Candidates.superName(new byte[] {1, 2, 3})).isNull();
    }

    @Test
    void nettyProfile_letsThroughItsNamedClassesAndPrefixesOnly() {
        List<Profile> netty = profiles("netty");
        Candidates candidates = new Candidates(netty);

        assertThat(candidates.mayMatch("io/netty/buffer/AbstractReferenceCountedByteBuf", new byte[0])).isTrue();
        assertThat(candidates.mayMatch("io/netty/buffer/AbstractPooledDerivedByteBuf", new byte[0])).isTrue();
        assertThat(candidates.mayMatch("io/netty/buffer/CompositeByteBuf$Component", new byte[0])).isTrue();
        assertThat(candidates.mayMatch("io/netty/buffer/AdaptivePoolingAllocator$Chunk", new byte[0])).isTrue();
        assertThat(candidates.mayMatch("io/netty/buffer/PooledByteBufAllocator", new byte[0])).isFalse();
        assertThat(mayMatch(netty, "example.generic.SubLease")).isFalse();
    }

    @Test
    void subclassSpec_letsThroughClassesWhoseSuperclassIsNotTheJdks() {
        List<Profile> spec = profiles("class=example.generic.Lease,acquire=borrow,release=giveBack");

        assertThat(mayMatch(spec, "example.generic.Lease")).isTrue();
        assertThat(mayMatch(spec, "example.generic.SubLease")).isTrue();
        assertThat(mayMatch(spec, "example.generic.Tickets")).isFalse();
        assertThat(mayMatch(spec, "io.github.reftrack.agent.CandidatesTest")).isFalse();
    }

    @Test
    void nettyProfile_letsThroughNettyRelocatedUnderAnyPrefix_andOnlyUnderTheGivenOneWithAPrefix() {
        Candidates any = new Candidates(profiles("netty"));
        Candidates grpc = new Candidates(profiles("netty=io.grpc.netty.shaded"));
        String shaded = "io/grpc/netty/shaded/io/netty/buffer/AbstractReferenceCountedByteBuf";

        assertThat(any.mayMatch(shaded, new byte[0])).isTrue();
        assertThat(any.mayMatch("io/grpc/netty/shaded/io/netty/buffer/CompositeByteBuf$Component", new byte[0]))
                .isTrue();
        assertThat(any.mayMatch("org/example/notio/netty/buffer/AbstractReferenceCountedByteBuf", new byte[0]))
                .isFalse();
        assertThat(grpc.mayMatch(shaded, new byte[0])).isTrue();
        assertThat(grpc.mayMatch("io/netty/buffer/AbstractReferenceCountedByteBuf", new byte[0])).isFalse();
    }

    @Test
    void interfaceSpec_letsThroughImplementationsWhoseSuperclassIsTheJdks() {
        List<Profile> spec = profiles("class=example.generic.Pooled,acquire=retain,release=release");

        assertThat(Candidates.supertypeNames(classFile("example.generic.Token")))
                .containsExactly("java/lang/Object", "example/generic/Pooled");
        assertThat(mayMatch(spec, "example.generic.Token")).isTrue();
        assertThat(mayMatch(spec, "example.generic.Slab")).isTrue();
        assertThat(mayMatch(spec, "example.generic.Tickets")).isFalse();
    }
}
