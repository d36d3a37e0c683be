package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Test
    void methodsMayCarryTheirArity_andABareNameMeansBoth() {
        Profile spec = parse("class=a.Buf,acquire=retain( )|retain(int),release=release|release ( int ),"
                + "birth=reset():2").profiles().get(0);

        assertThat(spec.acquire()).containsExactlyInAnyOrder("retain()", "retain(int)");
        assertThat(spec.release()).containsExactlyInAnyOrder("release", "release(int)");
        assertThat(spec.birth()).containsExactly("reset():2");
        assertThat(MethodSpec.parse("release")).satisfies(m -> {
            assertThat(m.noArgs()).isTrue();
            assertThat(m.intArg()).isTrue();
        });
        assertThat(MethodSpec.parse("release(int)").noArgs()).isFalse();
        assertThat(problems).isEmpty();
    }

    @Test
    void birthMayCarryItsInitialCount_andZeroMeansALifetimeStartsAtTheFirstAcquire() {
        Profile zero = parse("class=a.Chunk,acquire=acquire,release=release,birth=<init>:0").profiles().get(0);
        Profile two = parse("class=a.Chunk,acquire=acquire,release=release,birth=<init>:2").profiles().get(0);

        assertThat(zero.birth()).containsExactly("<init>:0");
        assertThat(zero.hasBirth()).isFalse();
        assertThat(MethodSpec.parse(two.birth().iterator().next()).count()).isEqualTo(2);
        assertThat(two.hasBirth()).isTrue();
        assertThat(problems).isEmpty();
    }

    @Test
    void constructorBirthMayTakeItsInitialCountFromItsArgument() {
        Profile counted = parse("class=a.Chunk,acquire=retain,release=release,birth=<init>(int)").profiles().get(0);

        assertThat(counted.birth()).containsExactly("<init>(int)");
        assertThat(MethodSpec.parse("<init>(int)").intArg()).isTrue();
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "class=a.B,acquire=<init>,release=put; <init> cannot be acquire=: a constructor starts a lifetime, write"
            + " birth=<init>",
        "class=a.B,acquire=get,release=<init>; <init> cannot be release=",
        "class=a.B,acquire=get:2,release=put; an initial count (:N) belongs to birth= only",
        "class=a.B,acquire=get,release=put,birth=<init>(); a constructor is named <init>, <init>:N, or <init>(int)",
        "class=a.B,acquire=get,release=put,birth=<init>(int):2; the count of a birth (int) is its argument",
        "class=a.B,acquire=get,release=put,birth=set(int):3; the count of a birth (int) is its argument",
        "class=a.B,acquire=get(long),release=put; 'get(long)' is not a method name: write name, name() or name(int)"})
    void badMethodItemIsRefusedWithOneMessage(String spec, String message) {
        assertThat(parse(spec).profiles()).isEmpty();
        assertThat(problems).singleElement().asString().contains(message);
    }

    @Test
    void fileThatIncludesItselfIsReadOnce_withOneWarningNamingTheCycle(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("self.conf");
        Files.writeString(file, "class=a.B,acquire=get,release=put\n@" + file + "\n");

        assertThat(parse("@" + file).profiles()).extracting(Profile::typeName).containsExactly("a.B");
        Path real = file.toRealPath();
        assertThat(problems).singleElement().asString()
                .contains("profile file '" + file + "' includes itself (" + real + " -> " + real + ")");
    }

    @Test
    void twoFilesIncludingEachOtherAreEachReadOnce_withOneWarning(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.conf");
        Path second = dir.resolve("second.conf");
        Files.writeString(first, "class=a.First,acquire=get,release=put\n@" + second + "\n");
        Files.writeString(second, "class=a.Second,acquire=get,release=put\n@" + first + "\n");

        assertThat(parse("@" + first).profiles()).extracting(Profile::typeName).containsExactly("a.First", "a.Second");
        assertThat(problems).singleElement().asString().contains("includes itself (" + first.toRealPath() + " -> "
                + second.toRealPath() + " -> " + first.toRealPath() + ")");
    }

    @Test
    void endlessFileIsRefusedAtTheSizeLimit() {
        assertThat(parse("@/dev/zero,netty").profiles()).hasSize(2);
        assertThat(problems).singleElement().asString()
                .contains("profile file '/dev/zero' is larger than 1 MiB").contains("skipped");
    }

    @Test
    void filesNestedTooDeepAreRefusedAtTheDepthLimit(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 12; i++) {
            Files.writeString(dir.resolve(i + ".conf"), "@" + dir.resolve((i + 1) + ".conf") + "\n");
        }
        Files.writeString(dir.resolve("12.conf"), "netty\n");

        assertThat(parse("@" + dir.resolve("0.conf")).profiles()).isEmpty();
        assertThat(problems).singleElement().asString().contains("is nested more than 8 @files deep");
    }
}
