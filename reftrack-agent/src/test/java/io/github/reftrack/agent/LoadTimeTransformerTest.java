package io.github.reftrack.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;
import org.junit.jupiter.api.Test;

class LoadTimeTransformerTest {
    private final List<String> events = new ArrayList<>();
    private final AgentBuilder.Listener listener = new AgentBuilder.Listener.Adapter() {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
            events.add("transformed " + type.getName());
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                Throwable throwable) {
            events.add("error " + typeName + ": " + throwable.getMessage());
        }
    };

    @Test
    void matchingClassGetsEveryMatchingTransformation_inOrder() throws IOException {
        LoadTimeTransformer transformer = transformer();
        transformer.add(matching(Target.class), (b, type, loader, module, domain) -> b.defineField("first", int.class));
        transformer.add(matching(Other.class), (b, type, loader, module, domain) -> b.defineField("never", int.class));
        transformer.add(matching(Target.class),
                (b, type, loader, module, domain) -> b.defineField("second", int.class));

        byte[] result = transform(transformer, Target.class);

        assertThat(result).isNotNull();
        String text = new String(result, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("first", "second").doesNotContain("never");
        assertThat(events).containsExactly("transformed " + Target.class.getName());
    }

    @Test
    void classThatNoTransformationMatchesIsLeftAsItIs() throws IOException {
        LoadTimeTransformer transformer = transformer();
        transformer.add(matching(Other.class), (b, type, loader, module, domain) -> b.defineField("never", int.class));

        assertThat(transform(transformer, Target.class)).isNull();
        assertThat(events).isEmpty();
    }

    @Test
    void failingTransformationLeavesTheClassAsItIs_andIsReported() throws IOException {
        LoadTimeTransformer transformer = transformer();
        transformer.add(matching(Target.class), (b, type, loader, module, domain) -> {
            throw new IllegalStateException("broken advice");
        });

        assertThat(transform(transformer, Target.class)).isNull();
        assertThat(events).containsExactly("error " + Target.class.getName() + ": broken advice");
    }

    @Test
    void ignoredClassesAndRedefinitionsAreLeftAlone() throws IOException {
        LoadTimeTransformer ignoring = new LoadTimeTransformer(new ByteBuddy(), named(Target.class.getName()),
                listener);
        ignoring.add(matching(Target.class), (b, type, loader, module, domain) -> b.defineField("x", int.class));
        LoadTimeTransformer transformer = transformer();
        transformer.add(matching(Target.class), (b, type, loader, module, domain) -> b.defineField("x", int.class));

        assertThat(transform(ignoring, Target.class)).isNull();
        assertThat(transformer.transform(Target.class.getModule(), Target.class.getClassLoader(),
                internalName(Target.class), Target.class, null, classFile(Target.class))).isNull();
        assertThat(events).isEmpty();
    }

    private LoadTimeTransformer transformer() {
        return new LoadTimeTransformer(new ByteBuddy(), ElementMatchers.none(), listener);
    }

    private static AgentBuilder.RawMatcher matching(Class<?> type) {
        return new AgentBuilder.RawMatcher.ForElementMatchers(named(type.getName()));
    }

    private static byte[] transform(LoadTimeTransformer transformer, Class<?> type) throws IOException {
        return transformer.transform(type.getModule(), type.getClassLoader(), internalName(type), null, null,
                classFile(type));
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(internalName(type) + ".class")) {
            return in.readAllBytes();
        }
    }

    static final class Target {
        int value;
    }

    static final class Other {
    }
}
