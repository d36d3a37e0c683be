package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The published POM must not bring a JUnit of its own: a compile-scope junit-jupiter-api 5.11
 * overrides a project's newer JUnit (5.14, 6.x) without a BOM and breaks test discovery.
 */
class JUnitDependencyTest {
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    @Test
    void junitApi_isProvided_soTheUsersJUnitWins() throws IOException {
        Matcher dependencies = DEPENDENCY.matcher(Files.readString(Path.of("pom.xml")));
        int junit = 0;
        while (dependencies.find()) {
            String dependency = dependencies.group(1);
            if (dependency.contains("<groupId>org.junit")) {
                junit++;
                assertThat(dependency).as("a JUnit dependency of the published POM")
                        .containsAnyOf("<scope>provided</scope>", "<scope>test</scope>");
            }
        }
        assertThat(junit).isPositive();
    }
}
