package io.github.reftrack.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Parses the agent's argument: a comma-separated list of built-in profiles ({@code netty},
 * {@code lucene}), generic specs ({@code class=FQN,acquire=m1|m2,release=m3[,birth=<init>]
 * [,name=dir_class][,hide=prefix1|prefix2]}), files of those ({@code @path}, one item per line,
 * {@code #} comments) and options ({@code mode=}, {@code pairing=}).
 *
 * <p>A bad item is reported once, naming what was wrong and what to write instead, and skipped:
 * the application always starts.
 */
final class ProfileParser {
    private static final Pattern JAVA_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern METHOD_NAME = Pattern.compile("<init>|[\\p{L}_$][\\p{L}\\p{N}_$]*");

    private final Consumer<String> problems;
    private final List<Profile> profiles = new ArrayList<>();
    private String mode;
    private String pairing;

    ProfileParser(Consumer<String> problems) {
        this.problems = problems;
    }

    List<Profile> profiles() {
        return profiles;
    }

    /** The {@code mode=} option, or null. */
    String mode() {
        return mode;
    }

    /** The {@code pairing=} option, or null. */
    String pairing() {
        return pairing;
    }

    ProfileParser parse(String text) {
        if (text == null || text.isBlank()) {
            problems.accept("no profiles given: write -javaagent:reftrack-agent.jar=netty (or lucene, or"
                    + " class=FQN,acquire=m,release=m); nothing is tracked");
            return this;
        }
        List<String> tokens = new ArrayList<>();
        for (String token : text.split(",")) {
            if (!token.isBlank()) {
                tokens.add(token.trim());
            }
        }
        int i = 0;
        while (i < tokens.size()) {
            String token = tokens.get(i++);
            String lower = token.toLowerCase(Locale.ROOT);
            if (lower.startsWith("class=")) {
                List<String> fields = new ArrayList<>();
                fields.add(token);
                while (i < tokens.size() && isSpecField(tokens.get(i))) {
                    fields.add(tokens.get(i++));
                }
                generic(fields);
            } else if (lower.startsWith("mode=")) {
                mode = token.substring(5).trim();
            } else if (lower.startsWith("pairing=")) {
                pairing = token.substring(8).trim();
            } else if (token.startsWith("@")) {
                file(token.substring(1));
            } else if (lower.equals("netty")) {
                profiles.addAll(Profile.NETTY);
            } else if (lower.equals("lucene")) {
                profiles.addAll(Profile.LUCENE);
            } else {
                problems.accept("unknown profile '" + token + "': use netty, lucene, @file or"
                        + " class=FQN,acquire=m1|m2,release=m3[,birth=<init>]; skipped");
            }
        }
        return this;
    }

    private static boolean isSpecField(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        return lower.startsWith("acquire=") || lower.startsWith("release=") || lower.startsWith("birth=")
                || lower.startsWith("name=") || lower.startsWith("hide=");
    }

    private void file(String path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            problems.accept("cannot read profile file '" + path + "' (" + e + "): give a readable file after @;"
                    + " skipped");
            return;
        }
        for (String line : lines) {
            String item = line.strip();
            if (!item.isEmpty() && !item.startsWith("#")) {
                parse(item);
            }
        }
    }

    private void generic(List<String> fields) {
        String spec = String.join(",", fields);
        String type = null;
        String name = null;
        Set<String> acquire = new LinkedHashSet<>();
        Set<String> release = new LinkedHashSet<>();
        Set<String> birth = new LinkedHashSet<>();
        List<String> hide = new ArrayList<>();
        for (String field : fields) {
            int eq = field.indexOf('=');
            String key = field.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = field.substring(eq + 1).trim();
            switch (key) {
                case "class" -> type = value;
                case "name" -> name = value;
                case "acquire" -> acquire.addAll(methods(value));
                case "release" -> release.addAll(methods(value));
                case "birth" -> birth.addAll(methods(value));
                default -> hide.addAll(methods(value).stream().filter(prefix -> !prefix.isEmpty()).toList());
            }
        }
        String wrong = check(type, acquire, release, birth);
        if (wrong != null) {
            problems.accept("bad spec '" + spec + "': " + wrong + "; expected"
                    + " class=FQN,acquire=m1|m2,release=m3[,birth=<init>]; skipped");
            return;
        }
        String dirClass = name != null && !name.isBlank() ? name
                : type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1).toLowerCase(Locale.ROOT);
        profiles.add(new Profile(dirClass, type, true, Set.copyOf(acquire), Set.copyOf(release), Set.copyOf(birth),
                null, List.copyOf(hide), null, null));
    }

    private static List<String> methods(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split("\\|")) {
            names.add(name.trim());
        }
        return names;
    }

    private static String check(String type, Set<String> acquire, Set<String> release, Set<String> birth) {
        if (type == null || !JAVA_NAME.matcher(type).matches()) {
            return "class= must be a fully qualified class name, was '" + type + "'";
        }
        if (acquire.isEmpty() || release.isEmpty()) {
            return "acquire= and release= must each name at least one method";
        }
        for (Set<String> names : List.of(acquire, release, birth)) {
            for (String name : names) {
                if (!METHOD_NAME.matcher(name).matches()) {
                    return "'" + name + "' is not a method name";
                }
            }
        }
        return null;
    }
}
