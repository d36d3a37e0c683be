package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import example.generic.BigSlab;
import example.generic.Pooled;
import example.generic.Slab;
import example.generic.Token;
import java.util.List;
import java.util.regex.Pattern;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/** One rule for "is of the profile's type", before loading (Byte Buddy) and after (classes). */
class TypeNamesTest {

    @Test
    void javaNamesAreDottedIdentifiers_asTheRegularExpressionTheyReplaceSays() {
        Pattern regex = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
        for (String name : List.of("io.netty", "a", "$x.y_1", "\u00e9t\u00e9.\u0663\u0663", "\u00e9t\u00e9.x\u0663",
                "a\u2160", "\ud835\udc00.b", "", ".", "a.", ".a", "a..b", "1a", "a.1b", "a-b", "a b", "*.a",
                "a.\u2160")) {
            assertThat(TypeNames.isJavaName(name)).as(name).isEqualTo(regex.matcher(name).matches());
        }
        assertThat(TypeNames.isJavaName("io.grpc.netty.shaded")).isTrue();
        assertThat(TypeNames.isJavaName("io.grpc..shaded")).isFalse();
    }

    @Test
    void relocatedNameMatchesUnderAnyPackagePrefix_andOnlyAtAPackageBoundary() {
        String netty = "*.io.netty.buffer.ByteBuf";

        assertThat(TypeNames.relocation(netty, "io.netty.buffer.ByteBuf")).isEmpty();
        assertThat(TypeNames.relocation(netty, "io.grpc.netty.shaded.io.netty.buffer.ByteBuf"))
                .isEqualTo("io.grpc.netty.shaded.");
        assertThat(TypeNames.matches(netty, "xio.netty.buffer.ByteBuf")).isFalse();
        assertThat(TypeNames.matches(netty, "io.netty.buffer.ByteBufX")).isFalse();
        assertThat(TypeNames.matches("io.netty.buffer.ByteBuf", "shaded.io.netty.buffer.ByteBuf")).isFalse();
    }

    @Test
    void implementationsOfANamedInterfaceMatch_beforeAndAfterLoading() {
        String pooled = Pooled.class.getName();

        for (Class<?> type : new Class<?>[] {Slab.class, BigSlab.class, Token.class}) {
            assertThat(TypeNames.subTypeOf(pooled).matches(TypeDescription.ForLoadedType.of(type))).as(type.getName())
                    .isTrue();
            assertThat(TypeNames.extendsNamed(type, pooled)).as(type.getName()).isTrue();
        }
        assertThat(TypeNames.subTypeOf(pooled).matches(TypeDescription.ForLoadedType.of(Pooled.class))).isFalse();
        assertThat(TypeNames.extendsNamed(String.class, pooled)).isFalse();
    }

    @Test
    void topmostImplementationCarriesTheField_notItsSubclass() {
        String pooled = Pooled.class.getName();

        assertThat(TypeNames.isTopmost(TypeDescription.ForLoadedType.of(Slab.class), pooled)).isTrue();
        assertThat(TypeNames.isTopmost(TypeDescription.ForLoadedType.of(Token.class), pooled)).isTrue();
        assertThat(TypeNames.isTopmost(TypeDescription.ForLoadedType.of(BigSlab.class), pooled)).isFalse();
    }
}
