package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in profiles by name, their arguments, and the one message for a name that is none of them. */
class LibraryProfilesTest {
    private final List<String> problems = new ArrayList<>();

    @Test
    void nettyLooksUnderAnyRelocationPrefix_andNettyEqualsPrefixUnderThatOne() {
        List<Profile> any = LibraryProfiles.find("netty").profiles(null, problems::add);
        List<Profile> grpc = LibraryProfiles.find("NETTY").profiles("io.grpc.netty.shaded", problems::add);

        assertThat(any).extracting(Profile::typeName).containsExactly(
                "*.io.netty.buffer.AbstractReferenceCountedByteBuf", "*.io.netty.util.AbstractReferenceCounted");
        assertThat(grpc).extracting(Profile::typeName).containsExactly(
                "io.grpc.netty.shaded.io.netty.buffer.AbstractReferenceCountedByteBuf",
                "io.grpc.netty.shaded.io.netty.util.AbstractReferenceCounted");
        assertThat(grpc).extracting(Profile::label).containsOnly("netty=io.grpc.netty.shaded");
        assertThat(grpc.get(0).hide()).containsExactly("io.grpc.netty.shaded.io.netty.");
        assertThat(problems).isEmpty();
    }

    @Test
    void nettyRulesLiveInTheNettyProfile_otherProfilesHaveNone() {
        List<Profile> netty = LibraryProfiles.find("netty").profiles(null, problems::add);
        List<Profile> lucene = LibraryProfiles.find("lucene").profiles(null, problems::add);

        assertThat(netty.get(0).rules().probe()).isEqualTo("refCnt");
        assertThat(netty.get(0).rules().derivedOwnsReferences()).isTrue();
        assertThat(netty.get(1).rules()).isSameAs(ProfileRules.NONE);
        assertThat(lucene).singleElement().extracting(Profile::rules).isSameAs(ProfileRules.NONE);
    }

    @Test
    void jettyTracksTheReferenceCounter_bornWithItsCountAndAtEachAcquireFromThePool() {
        List<Profile> jetty = LibraryProfiles.find("Jetty").profiles(null, problems::add);

        assertThat(jetty).singleElement().satisfies(profile -> {
            assertThat(profile.typeName()).isEqualTo("org.eclipse.jetty.io.Retainable$ReferenceCounter");
            assertThat(profile.birth()).containsExactlyInAnyOrder("<init>(int)", "acquire()");
            assertThat(profile.acquire()).containsExactly("tryRetain()");
            assertThat(profile.release()).containsExactly("release()");
            assertThat(profile.hide()).containsExactly("org.eclipse.jetty.");
            assertThat(profile.rules()).isSameAs(ProfileRules.NONE);
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void badArgumentsAreRefusedWithOneMessage() {
        assertThat(LibraryProfiles.find("netty").profiles("io..grpc", problems::add)).isEmpty();
        assertThat(LibraryProfiles.find("lucene").profiles("x", problems::add)).isEmpty();
        assertThat(LibraryProfiles.find("jetty").profiles("12", problems::add)).isEmpty();

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).contains("netty=io..grpc: the relocation prefix must be a package name");
        assertThat(problems.get(1)).contains("the lucene profile takes no argument");
        assertThat(problems.get(2)).isEqualTo("jetty=12: the jetty profile takes no argument; write jetty; skipped");
    }

    @Test
    void unknownNameIsAnsweredWithTheKnownOnes() {
        List<Profile> parsed = new ProfileParser(problems::add).parse("nettyy,lucene").profiles();

        assertThat(parsed).extracting(Profile::label).containsExactly("lucene");
        assertThat(problems).singleElement().asString()
                .startsWith("unknown profile 'nettyy': use " + LibraryProfiles.names() + ", @file or class=FQN");
        assertThat(LibraryProfiles.names()).isEqualTo("netty, lucene, arrow, jetty, closeable");
    }
}
