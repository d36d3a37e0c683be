package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileParserTest {
    private final List<String> problems = new ArrayList<>();

    private ProfileParser parse(String text) {
        return new ProfileParser(problems::add).parse(text);
    }

    @Test
    void builtInProfilesAndAGenericSpecAreParsed_whenMixedInOneList() {
        ProfileParser parsed = parse("netty,class=com.example.Pool$Lease,acquire=borrow|share,release=giveBack,"
                + "birth=<init>,lucene,mode=sample,pairing=oldest");

        assertThat(parsed.profiles()).extracting(Profile::dirClass)
                .containsExactly("netty_bytebuf", "netty_refcounted", "lease", "lucene_reader");
        Profile lease = parsed.profiles().get(2);
        assertThat(lease.typeName()).isEqualTo("com.example.Pool$Lease");
        assertThat(lease.acquire()).containsExactlyInAnyOrder("borrow", "share");
        assertThat(lease.release()).containsExactly("giveBack");
        assertThat(lease.birth()).containsExactly("<init>");
        assertThat(parsed.mode()).isEqualTo("sample");
        assertThat(parsed.pairing()).isEqualTo("oldest");
        assertThat(problems).isEmpty();
    }

    @Test
    void nameAndHideFieldsBelongToTheSpecBeforeThem() {
        Profile spec = parse("class=a.B,acquire=get,release=put,name=b_handle,hide=a.internal.|a.util.")
                .profiles().get(0);

        assertThat(spec.dirClass()).isEqualTo("b_handle");
        assertThat(spec.hide()).containsExactly("a.internal.", "a.util.");
    }

    @Test
    void malformedSpecIsSkippedWithOneMessage_andTheRestIsKept() {
        ProfileParser parsed = parse("class=a..B,acquire=get,release=put,netty");

        assertThat(parsed.profiles()).extracting(Profile::dirClass).containsExactly("netty_bytebuf",
                "netty_refcounted");
        assertThat(problems).singleElement().asString().contains("bad spec 'class=a..B,acquire=get,release=put'")
                .contains("class= must be a fully qualified class name");
    }

    @Test
    void emptyArgumentSaysHowToNameAProfile() {
        assertThat(parse(" ").profiles()).isEmpty();
        assertThat(problems).singleElement().asString().contains("-javaagent:reftrack-agent.jar=netty");
    }

    @Test
    void unknownPairingFallsBackToTheDefaultWithAMessage() {
        assertThat(Pairing.parse("youngest", problems::add)).isEqualTo(Pairing.SAME_METHOD);
        assertThat(problems).singleElement().asString().contains("use default, oldest or newest");
    }
}
