package io.github.reftrack.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes the profiles may instrument, decided from the class's name and the superclass name
 * in its class file, before Byte Buddy describes it: most classes a JVM loads are none of them,
 * and describing each one (parsing its class file into a type description) was most of the agent's
 * start-up cost. A superset of what the {@link Instrumenter}'s matchers accept: a class that passes
 * here is still matched exactly. Immutable, thread-safe.
 */
final class Candidates {
    /** Internal names ({@code a/b/C}) matched exactly. */
    private final Set<String> names = new HashSet<>();
    /** Internal-name prefixes: classes whose name starts so. */
    private final List<String> prefixes = new ArrayList<>();
    /** Whether some profile tracks subclasses, and whether one of them names a JDK class. */
    private final boolean subclasses;
    private final boolean jdkSuperclasses;

    Candidates(List<Profile> profiles) {
        boolean anySubclasses = false;
        boolean jdk = false;
        for (Profile profile : profiles) {
            names.add(internal(profile.typeName()));
            if (profile.derivedType() != null) {
                names.add(internal(profile.derivedType()));
            }
            if (profile.internalBirth() != null) {
                prefixes.add(internal(profile.internalBirth().split("#")[0]));
            }
            Ownership rules = profile.ownership();
            if (rules != null) {
                addIfPresent(rules.holder());
                addIfPresent(rules.unreleasable());
            }
            if (profile.subtypes()) {
                anySubclasses = true;
                jdk |= jdk(internal(profile.typeName()));
            }
        }
        this.subclasses = anySubclasses;
        this.jdkSuperclasses = jdk;
    }

    private void addIfPresent(String name) {
        if (name != null) {
            names.add(internal(name));
        }
    }

    private static String internal(String binaryName) {
        return binaryName.replace('.', '/');
    }

    private static boolean jdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/") || internalName.startsWith("sun/");
    }

    /**
     * Whether the class may be instrumented: its name is a profile's, or starts with a prefix of
     * one, or some profile tracks subclasses and its superclass is not a JDK class (a JDK class
     * never extends an application's, so such a class cannot be a subclass of the profile's).
     *
     * @param internalName the class's internal name, as the JVM hands it to a transformer
     * @param classFile    its class file
     */
    boolean mayMatch(String internalName, byte[] classFile) {
        if (names.contains(internalName)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        if (!subclasses) {
            return false;
        }
        String superName = superName(classFile);
        return superName == null || !superName.isEmpty() && (jdkSuperclasses || !jdk(superName));
    }

    /**
     * The superclass's internal name from a class file, empty for none ({@code java.lang.Object},
     * {@code module-info}); null when unknown (unreadable, or not ASCII).
     */
    static String superName(byte[] classFile) {
        try {
            int count = u2(classFile, 8);
            int[] offsets = new int[count];
            int at = 10;
            for (int i = 1; i < count; i++) {
                offsets[i] = at;
                int tag = classFile[at];
                at += entrySize(tag, classFile, at);
                if (tag == 5 || tag == 6) {
                    i++;
                }
            }
            int superIndex = u2(classFile, at + 4);
            if (superIndex == 0) {
                return "";
            }
            int utf8 = offsets[u2(classFile, offsets[superIndex] + 1)];
            int length = u2(classFile, utf8 + 1);
            for (int i = 0; i < length; i++) {
                if (classFile[utf8 + 3 + i] < 0) {
                    return null;
                }
            }
            return new String(classFile, utf8 + 3, length, StandardCharsets.ISO_8859_1);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static int entrySize(int tag, byte[] classFile, int at) {
        return switch (tag) {
            case 1 -> 3 + u2(classFile, at + 1);
            case 7, 8, 16, 19, 20 -> 3;
            case 15 -> 4;
            case 3, 4, 9, 10, 11, 12, 17, 18 -> 5;
            case 5, 6 -> 9;
            default -> throw new IllegalArgumentException("constant pool tag " + tag);
        };
    }

    private static int u2(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
    }
}
