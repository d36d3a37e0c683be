package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Generic specs checked against the class files of the test's own example classes, without loading them. */
class ValidationTest {
    private final List<String> problems = new ArrayList<>();

    private List<Profile> validate(String spec) {
        return Validation.keepValid(new ProfileParser(problems::add).parse(spec).profiles(), problems::add);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "class=example.generic.Tickets,acquire=open,release=close; acquire methods must be instance methods:"
            + " open() or open(int) is static",
        "class=java.util.concurrent.Semaphore,acquire=acquire,release=release; java.util.concurrent.Semaphore is a"
            + " JDK class: bootstrap classes are not supported by generic specs",
        "class=example.generic.Lease,acquire=borrow(int),release=giveBack; no method borrow(int) in it or its"
            + " superclasses",
        "class=example.generic.ArrowLikeBuf,acquire=retain(),release=release(long); 'release(long)' is not a"
            + " method name"})
    void specIsRefusedWithOneMessage(String spec, String message) {
        assertThat(validate(spec)).isEmpty();
        assertThat(problems).singleElement().asString().contains(message);
    }

    @Test
    void specOnASubclassWithInheritedMethods_instrumentsTheSuperclassForTheSubclassOnly() {
        Profile profile = validate("class=example.generic.SubLease,acquire=borrow,release=giveBack,birth=<init>")
                .get(0);

        assertThat(profile.typeName()).isEqualTo("example.generic.Lease");
        assertThat(profile.instancesOf()).isEqualTo("example.generic.SubLease");
        assertThat(profile.trackedType()).isEqualTo("example.generic.SubLease");
        assertThat(profile.dirClass()).isEqualTo("sublease");
        assertThat(problems).isEmpty();
    }

    @Test
    void closeableNamingAJdkInterface_isKept_itsImplementationsOutsideTheJdkAreTracked() {
        assertThat(validate("closeable=java.sql.Connection")).singleElement()
                .satisfies(profile -> assertThat(profile.typeName()).isEqualTo("java.sql.Connection"));
        assertThat(validate("closeable=java.util.zip.ZipFile")).isEmpty();
        assertThat(problems).singleElement().asString().isEqualTo("closeable=java.util.zip.ZipFile:"
                + " java.util.zip.ZipFile is a JDK class: bootstrap classes are not supported by generic specs (the"
                + " agent instruments no java.*, jdk.* or sun.* class); name a class of the application or of a"
                + " library; skipped");
    }

    @Test
    void specOnAnAbstractBaseIsKept_itsImplementationsAreInstrumented() {
        Profile profile = validate("class=example.generic.Handle,acquire=acquire,release=release").get(0);

        assertThat(profile.typeName()).isEqualTo("example.generic.Handle");
        assertThat(profile.instancesOf()).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void specNamingBothAritiesIsKept_whenTheClassDeclaresBoth() {
        assertThat(validate("class=example.generic.ArrowLikeBuf,acquire=retain()|retain(int),"
                + "release=release()|release(int),birth=<init>")).hasSize(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void specOnAnInterfaceIsKept_everyImplementationIsTracked() {
        Profile profile = validate("class=example.generic.Pooled,acquire=retain,release=release,birth=<init>").get(0);

        assertThat(profile.typeName()).isEqualTo("example.generic.Pooled");
        assertThat(profile.instancesOf()).isNull();
        assertThat(problems).isEmpty();
    }
}
