package io.github.reftrack.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes the profiles may instrument, decided from the class's name and the supertype names
 * in its class file, before Byte Buddy describes it: most classes a JVM loads are none of them,
 * and describing each one (parsing its class file into a type description) was most of the agent's
 * start-up cost. A superset of what the {@link Instrumenter}'s matchers accept: a class that passes
 * here is still matched exactly. Immutable, thread-safe.
 */
final class Candidates {
    /** Internal names ({@code a/b/C}) matched exactly, with their nested classes. */
    private final Set<String> names = new HashSet<>();
    /** Internal names relocatable under any package prefix ({@link TypeNames#ANY_PREFIX}). */
    private final List<String> relocatable = new ArrayList<>();
    /** Whether some profile tracks subtypes, and whether one of them names a JDK type. */
    private final boolean subtypes;
    private final boolean jdkSupertypes;

    Candidates(List<Profile> profiles) {
        boolean anySubtypes = false;
        boolean jdk = false;
        for (Profile profile : profiles) {
            add(profile.typeName());
            profile.rules().instrumentedTypes().forEach(this::add);
            if (profile.subtypes()) {
                anySubtypes = true;
                jdk |= jdk(internal(profile.typeName()));
            }
        }
        this.subtypes = anySubtypes;
        this.jdkSupertypes = jdk;
    }

    private void add(String typeName) {
        if (typeName.startsWith(TypeNames.ANY_PREFIX)) {
            relocatable.add(internal(typeName.substring(TypeNames.ANY_PREFIX.length())));
        } else {
            names.add(internal(typeName));
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
     * Whether the class may be instrumented: it or the class it is nested in is named by a profile
     * (under any relocation prefix where the profile allows one), or some profile tracks subtypes
     * and its superclass or one of its interfaces is not a JDK type (a JDK type never extends an
     * application's, so a class whose supertypes are all the JDK's cannot be of the profile's type).
     *
     * @param internalName the class's internal name, as the JVM hands it to a transformer
     * @param classFile    its class file
     */
    boolean mayMatch(String internalName, byte[] classFile) {
        if (named(internalName)) {
            return true;
        }
        int nested = internalName.indexOf('$');
        if (nested > 0 && named(internalName.substring(0, nested))) {
            return true;
        }
        if (!subtypes) {
            return false;
        }
        List<String> supertypes = supertypeNames(classFile);
        if (supertypes == null) {
            return true;
        }
        for (String supertype : supertypes) {
            if (jdkSupertypes || !jdk(supertype)) {
                return true;
            }
        }
        return false;
    }

    private boolean named(String internalName) {
        return names.contains(internalName) || relocated(internalName);
    }

    private boolean relocated(String internalName) {
        for (String name : relocatable) {
            if (internalName.endsWith(name)) {
                int prefix = internalName.length() - name.length();
                if (prefix == 0 || internalName.charAt(prefix - 1) == '/') {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The superclass's internal name from a class file, empty for none ({@code java.lang.Object},
     * {@code module-info}); null when unknown (unreadable, or not ASCII).
     */
    static String superName(byte[] classFile) {
        List<String> supertypes = supertypeNames(classFile);
        if (supertypes == null) {
            return null;
        }
        return supertypes.isEmpty() ? "" : supertypes.get(0);
    }

    /**
     * The superclass's and the direct interfaces' internal names from a class file, the superclass
     * first (none for {@code java.lang.Object} and {@code module-info}); null when unknown
     * (unreadable, or a name that is not ASCII).
     */
    static List<String> supertypeNames(byte[] classFile) {
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
            List<String> supertypes = new ArrayList<>();
            int superIndex = u2(classFile, at + 4);
            if (superIndex != 0) {
                supertypes.add(className(classFile, offsets, superIndex));
            }
            int interfaces = u2(classFile, at + 6);
            for (int i = 0; i < interfaces; i++) {
                supertypes.add(className(classFile, offsets, u2(classFile, at + 8 + 2 * i)));
            }
            return supertypes.contains(null) ? null : supertypes;
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** The name of a class constant, or null when it is not ASCII. */
    private static String className(byte[] classFile, int[] offsets, int classIndex) {
        int utf8 = offsets[u2(classFile, offsets[classIndex] + 1)];
        int length = u2(classFile, utf8 + 1);
        for (int i = 0; i < length; i++) {
            if (classFile[utf8 + 3 + i] < 0) {
                return null;
            }
        }
        return new String(classFile, utf8 + 3, length, StandardCharsets.ISO_8859_1);
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
