package io.github.reftrack.agent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Parses the agent's argument: a comma-separated list of built-in profiles
 * ({@link LibraryProfiles}: {@code netty}, {@code netty=prefix}, {@code lucene}), generic specs
 * ({@code class=FQN,acquire=m1|m2,release=m3[,birth=<init>][,name=dir_class][,hide=p1|p2]}),
 * files of those ({@code @path}, one item per line, {@code #} comments) and options
 * ({@code mode=}, {@code pairing=}). A spec's method may carry its arity ({@code release()},
 * {@code release(int)}; a bare name means both) and a birth its initial count
 * ({@code <init>:0}) or, as {@code <init>(int)}, the constructor that takes it: see
 * {@link MethodSpec}. {@code holdThreshold=30s} reports references
 * held longer: as an option for every profile (overriding {@code -Dreftrack.holdThreshold}), or as
 * a field of one spec, for that spec's objects.
 *
 * <p>A bad item is reported once, naming what was wrong and what to write instead, and skipped:
 * the application always starts. Files are read with the limits of {@link ProfileFiles}.
 */
final class ProfileParser {
    private static final String HOLD_THRESHOLD = "holdthreshold=";
    private static final String LIBRARY_HOLD_THRESHOLD = "holdthreshold.";
    private static final String EXPECTED = "class=FQN,acquire=m1|m2(int),release=m3()[,birth=<init>[:N]]";

    private final Consumer<String> problems;
    private final List<Profile> profiles = new ArrayList<>();
    private final ProfileFiles files;
    private String mode;
    private String pairing;
    private String holdThreshold;
    /** The {@code holdThreshold=} fields of specs, as given. */
    private final Map<Profile, String> specHoldThresholds = new LinkedHashMap<>();
    /** The {@code holdThreshold.NAME=} options, by built-in profile name, as given. */
    private final Map<String, String> libraryHoldThresholds = new LinkedHashMap<>();
    /** The built-in profile each of its profiles came from. */
    private final Map<Profile, String> libraryOf = new LinkedHashMap<>();

    ProfileParser(Consumer<String> problems) {
        this.problems = problems;
        this.files = new ProfileFiles(problems);
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

    /** The {@code holdThreshold=} option, as given, or null. */
    String holdThreshold() {
        return holdThreshold;
    }

    /**
     * A profile's own hold threshold, as given, or null: a spec's {@code holdThreshold=} field, or
     * the {@code holdThreshold.NAME=} option of the built-in profile it belongs to.
     */
    String holdThreshold(Profile profile) {
        String library = libraryOf.get(profile);
        return library != null ? libraryHoldThresholds.get(library) : specHoldThresholds.get(profile);
    }

    /** Where {@link #holdThreshold(Profile)} was written, for messages about its value. */
    String holdThresholdOption(Profile profile) {
        String library = libraryOf.get(profile);
        return library != null ? "holdThreshold." + library : "holdThreshold (spec class=" + profile.typeName() + ")";
    }

    /**
     * The {@code holdThreshold.NAME=} options whose profile is not in the argument, each as one
     * message; call after parsing.
     */
    List<String> unusedHoldThresholds() {
        List<String> unused = new ArrayList<>();
        for (String library : libraryHoldThresholds.keySet()) {
            if (!libraryOf.containsValue(library)) {
                unused.add("holdThreshold." + library + "=" + libraryHoldThresholds.get(library) + " names profile "
                        + library + ", which is not tracked: add " + library + " to the argument; ignored");
            }
        }
        return unused;
    }

    ProfileParser parse(String text) {
        if (text == null || text.isBlank()) {
            problems.accept("no profiles given: write -javaagent:reftrack-agent.jar=netty (or one of "
                    + LibraryProfiles.names() + ", or class=FQN,acquire=m,release=m); nothing is tracked");
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
            } else if (lower.startsWith(HOLD_THRESHOLD)) {
                holdThreshold = token.substring(HOLD_THRESHOLD.length()).trim();
            } else if (lower.startsWith(LIBRARY_HOLD_THRESHOLD)) {
                libraryHoldThreshold(token);
            } else if (token.startsWith("@")) {
                file(token.substring(1));
            } else {
                library(token);
            }
        }
        return this;
    }

    /** A built-in profile, {@code name} or {@code name=argument}. */
    private void library(String token) {
        int eq = token.indexOf('=');
        LibraryProfile library = LibraryProfiles.find(eq < 0 ? token : token.substring(0, eq));
        if (library == null) {
            problems.accept(unknown(token));
            return;
        }
        for (Profile profile : library.profiles(eq < 0 ? null : token.substring(eq + 1).strip(), problems)) {
            profiles.add(profile);
            libraryOf.put(profile, library.name());
        }
    }

    /** {@code holdThreshold.NAME=duration}: the threshold of one built-in profile. */
    private void libraryHoldThreshold(String token) {
        int eq = token.indexOf('=');
        String name = (eq < 0 ? token : token.substring(0, eq)).substring(LIBRARY_HOLD_THRESHOLD.length()).strip();
        LibraryProfile library = LibraryProfiles.find(name);
        if (eq < 0 || library == null) {
            problems.accept("'" + token + "' is not a profile's hold threshold: write holdThreshold.NAME=30s with NAME"
                    + " one of " + LibraryProfiles.names() + " (holdThreshold= for a spec's own); ignored");
            return;
        }
        libraryHoldThresholds.put(library.name(), token.substring(eq + 1).strip());
    }

    /** The message for a word that names no profile: it lists the known ones. */
    static String unknown(String token) {
        return "unknown profile '" + token + "': use " + LibraryProfiles.names() + ", @file or " + EXPECTED
                + "; skipped";
    }

    private static boolean isSpecField(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        return lower.startsWith("acquire=") || lower.startsWith("release=") || lower.startsWith("birth=")
                || lower.startsWith("name=") || lower.startsWith("hide=") || lower.startsWith(HOLD_THRESHOLD);
    }

    private void file(String path) {
        String text = files.open(path);
        if (text == null) {
            return;
        }
        try {
            for (String line : text.split("\\R")) {
                String item = line.strip();
                if (!item.isEmpty() && !item.startsWith("#")) {
                    parse(item);
                }
            }
        } finally {
            files.close();
        }
    }

    private void generic(List<String> fields) {
        String spec = String.join(",", fields);
        String type = null;
        String name = null;
        String threshold = null;
        Map<String, List<String>> methods = new LinkedHashMap<>();
        List<String> hide = new ArrayList<>();
        for (String field : fields) {
            int eq = field.indexOf('=');
            String key = field.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = field.substring(eq + 1).trim();
            switch (key) {
                case "class" -> type = value;
                case "name" -> name = value;
                case "holdthreshold" -> threshold = value;
                case "acquire", "release", "birth" -> methods.computeIfAbsent(key, k -> new ArrayList<>())
                        .addAll(List.of(value.split("\\|")));
                default -> hide.addAll(Stream.of(value.split("\\|")).map(String::strip)
                        .filter(prefix -> !prefix.isEmpty()).toList());
            }
        }
        Set<String> acquire = new LinkedHashSet<>();
        Set<String> release = new LinkedHashSet<>();
        Set<String> birth = new LinkedHashSet<>();
        String wrong = type == null || !TypeNames.isJavaName(type)
                ? "class= must be a fully qualified class name, was '" + type + "'"
                : methods(methods, acquire, release, birth);
        if (wrong != null) {
            problems.accept("bad spec '" + spec + "': " + wrong + "; expected " + EXPECTED + "; skipped");
            return;
        }
        String dirClass = name != null && !name.isBlank() ? name
                : type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1).toLowerCase(Locale.ROOT);
        Profile profile = new Profile(null, dirClass, type, true, Set.copyOf(acquire), Set.copyOf(release),
                Set.copyOf(birth), null, List.copyOf(hide), ProfileRules.NONE);
        profiles.add(profile);
        if (threshold != null) {
            specHoldThresholds.put(profile, threshold);
        }
    }

    /** Reads the method items into the three sets, canonical; returns what is wrong, or null. */
    private static String methods(Map<String, List<String>> items, Set<String> acquire, Set<String> release,
            Set<String> birth) {
        if (!items.containsKey("acquire") || !items.containsKey("release")) {
            return "acquire= and release= must each name at least one method";
        }
        for (Map.Entry<String, List<String>> e : items.entrySet()) {
            String role = e.getKey();
            for (String item : e.getValue()) {
                MethodSpec method = MethodSpec.parse(item);
                String wrong = method == null ? "'" + item.strip() + "' is not a method name: write name, name() or"
                        + " name(int)" + (role.equals("birth") ? ", with :N for an initial count" : "")
                        : wrongFor(role, method);
                if (wrong != null) {
                    return wrong;
                }
                (role.equals("acquire") ? acquire : role.equals("release") ? release : birth).add(method.toString());
            }
        }
        return null;
    }

    private static String wrongFor(String role, MethodSpec method) {
        if (!role.equals("birth")) {
            if (method.isConstructor()) {
                return "<init> cannot be " + role + "=: a constructor starts a lifetime, write birth=<init>"
                        + " (birth=<init>:0 when objects start with no reference)";
            }
            return method.counted() ? "'" + method + "': an initial count (:N) belongs to birth= only" : null;
        }
        if (method.isConstructor() && method.hasArity() && method.noArgs()) {
            return "'" + method + "': a constructor is named <init>, <init>:N, or <init>(int) for the one that takes"
                    + " its initial count";
        }
        return method.counted() && method.hasArity() && method.intArg()
                ? "'" + method + "': the count of a birth (int) is its argument; write " + method.name() + "(int)"
                : null;
    }
}
