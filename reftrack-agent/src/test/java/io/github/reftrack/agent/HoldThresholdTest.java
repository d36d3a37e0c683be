package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hold thresholds as users write them, and one message for what is not one. */
class HoldThresholdTest {
    private final List<String> problems = new ArrayList<>();

    @Test
    void unitsAreMillisecondsSecondsMinutesHours_andABareNumberIsSeconds() {
        assertThat(HoldThreshold.parse("500ms", "x", problems::add)).isEqualTo(Duration.ofMillis(500));
        assertThat(HoldThreshold.parse(" 30s ", "x", problems::add)).isEqualTo(Duration.ofSeconds(30));
        assertThat(HoldThreshold.parse("2m", "x", problems::add)).isEqualTo(Duration.ofMinutes(2));
        assertThat(HoldThreshold.parse("1H", "x", problems::add)).isEqualTo(Duration.ofHours(1));
        assertThat(HoldThreshold.parse("45", "x", problems::add)).isEqualTo(Duration.ofSeconds(45));
        assertThat(problems).isEmpty();
    }

    @Test
    void textNegativeAndZero_areOneMessageEach_andNoThreshold() {
        for (String bad : List.of("abc", "-5s", "0s", "1.5s", "10 days")) {
            assertThat(HoldThreshold.parse(bad, "-Dreftrack.holdThreshold", problems::add)).as(bad).isNull();
        }
        assertThat(problems).hasSize(5).first().isEqualTo("-Dreftrack.holdThreshold=abc is not a hold threshold:"
                + " write a whole number above 0 with ms, s, m or h, e.g. 30s; references held long are not reported");
    }

    @Test
    void specFieldAndOption_areReadByTheParser_andTheSpecStaysTracked() {
        ProfileParser parsed = new ProfileParser(problems::add).parse(
                "holdThreshold=30s,class=a.B,acquire=get,release=put,holdThreshold=1s,"
                        + "class=c.D,acquire=get,release=put");

        assertThat(parsed.holdThreshold()).isEqualTo("30s");
        assertThat(parsed.profiles()).hasSize(2);
        assertThat(parsed.holdThreshold(parsed.profiles().get(0))).isEqualTo("1s");
        assertThat(parsed.holdThreshold(parsed.profiles().get(1))).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void aBuiltInProfilesOption_setsTheThresholdOfEachOfItsProfiles_andNoOther() {
        ProfileParser parsed = new ProfileParser(problems::add).parse(
                "netty,holdThreshold.NETTY=5s,class=a.B,acquire=get,release=put");

        List<Profile> netty = parsed.profiles().stream().filter(p -> !p.typeName().equals("a.B")).toList();
        assertThat(netty).isNotEmpty().allSatisfy(p -> {
            assertThat(parsed.holdThreshold(p)).isEqualTo("5s");
            assertThat(parsed.holdThresholdOption(p)).isEqualTo("holdThreshold.netty");
        });
        Profile spec = parsed.profiles().get(parsed.profiles().size() - 1);
        assertThat(parsed.holdThreshold(spec)).isNull();
        assertThat(parsed.unusedHoldThresholds()).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnknownOrUntrackedProfilesOption_isOneMessageEach() {
        ProfileParser parsed = new ProfileParser(problems::add).parse(
                "netty,holdThreshold.nettyy=5s,holdThreshold.lucene=1m,holdThreshold.netty");

        assertThat(problems).containsExactly("'holdThreshold.nettyy=5s' is not a profile's hold threshold: write"
                + " holdThreshold.NAME=30s with NAME one of " + LibraryProfiles.names() + " (holdThreshold= for a"
                + " spec's own); ignored", "'holdThreshold.netty' is not a profile's hold threshold: write"
                + " holdThreshold.NAME=30s with NAME one of " + LibraryProfiles.names() + " (holdThreshold= for a"
                + " spec's own); ignored");
        assertThat(parsed.unusedHoldThresholds()).containsExactly("holdThreshold.lucene=1m names profile lucene,"
                + " which is not tracked: add lucene to the argument; ignored");
        assertThat(parsed.profiles()).allSatisfy(p -> assertThat(parsed.holdThreshold(p)).isNull());
    }

    @Test
    void attachChecksThresholds_asTheAgentWould() {
        assertThat(AttachProtocol.check("netty,holdThreshold.netty=abc")).containsExactly("holdThreshold.netty=abc is"
                + " not a hold threshold: write a whole number above 0 with ms, s, m or h, e.g. 30s; references held"
                + " long are not reported");
        assertThat(AttachProtocol.check("netty,holdThreshold=0s,holdThreshold.lucene=1s")).hasSize(2);
        assertThat(AttachProtocol.check("netty,holdThreshold.netty=30s")).isEmpty();
    }
}
