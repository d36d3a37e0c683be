package io.github.reftrack.agent;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;

/**
 * Checks generic specs against the class files on the class path, without loading them: the
 * class must exist, be a class of the application's (not the JDK's), and each named method must
 * exist in it or a superclass as an instance method of the named arity. A spec whose methods are
 * all inherited is pointed at the superclass that declares them, tracking only instances of the
 * named class. Built-in profiles are not checked: their library may be absent (nothing to track
 * then).
 */
final class Validation {
    private Validation() {
    }

    static List<Profile> keepValid(List<Profile> profiles, Consumer<String> problems) {
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        TypePool pool = TypePool.Default.of(loader);
        List<Profile> valid = new ArrayList<>();
        for (Profile profile : profiles) {
            if (!profile.subtypes()) {
                valid.add(profile);
                continue;
            }
            String[] wrong = new String[1];
            Profile checked = check(pool, loader, profile, wrong);
            if (checked != null) {
                valid.add(checked);
            } else {
                problems.accept("spec for class " + profile.typeName() + ": " + wrong[0] + "; this spec is skipped");
            }
        }
        return valid;
    }

    /** The profile to instrument (itself, or aimed at the declaring superclass); null with {@code wrong[0]} set. */
    private static Profile check(TypePool pool, ClassLoader loader, Profile profile, String[] wrong) {
        TypePool.Resolution resolution = pool.describe(profile.typeName());
        if (!resolution.isResolved()) {
            wrong[0] = "no such class on the class path (check the fully qualified name, with $ for nested classes)";
            return null;
        }
        TypeDescription type = resolution.resolve();
        if (isJdk(loader, type)) {
            wrong[0] = jdk(type);
            return null;
        }
        if (type.isInterface()) {
            wrong[0] = "it is an interface; name the class that counts the references";
            return null;
        }
        TypeDescription root = type;
        for (Map.Entry<String, Set<String>> role : List.of(Map.entry("acquire", profile.acquire()),
                Map.entry("release", profile.release()), Map.entry("birth", profile.birth()))) {
            for (String text : role.getValue()) {
                MethodSpec method = MethodSpec.parse(text);
                if (method.isConstructor()) {
                    continue;
                }
                TypeDescription declaring = declaring(type, method, false);
                if (declaring == null) {
                    wrong[0] = declaring(type, method, true) != null
                            ? role.getKey() + " methods must be instance methods: " + method.describe() + " is static"
                            : "no method " + method.describe() + " in it or its superclasses";
                    return null;
                }
                if (!declaring.equals(root) && declaring.isAssignableFrom(root)) {
                    root = declaring;
                }
            }
        }
        if (root.equals(type)) {
            return profile;
        }
        if (isJdk(loader, root)) {
            wrong[0] = "its methods are declared in " + root.getName() + ", and " + jdk(root);
            return null;
        }
        // the methods run in the superclass: instrument it, track only the named class's instances
        return new Profile(profile.dirClass(), root.getName(), true, profile.acquire(), profile.release(),
                profile.birth(), type.getName(), profile.hide(), null, null);
    }

    /** The topmost class from {@code type} up that declares the method (static or instance ones), or null. */
    private static TypeDescription declaring(TypeDescription type, MethodSpec method, boolean statics) {
        TypeDescription found = null;
        for (TypeDefinition t = type; t != null; t = t.getSuperClass()) {
            for (MethodDescription.InDefinedShape m : t.asErasure().getDeclaredMethods()) {
                if (m.getName().equals(method.name()) && m.isStatic() == statics && !m.isBridge()
                        && (method.noArgs() && m.getParameters().isEmpty() || method.intArg()
                        && m.getParameters().size() == 1 && m.getParameters().get(0).getType().represents(int.class))) {
                    found = t.asErasure();
                }
            }
        }
        return found;
    }

    /** Whether the class is the JDK's: its class file comes from the run-time image, not the class path. */
    private static boolean isJdk(ClassLoader loader, TypeDescription type) {
        URL file = loader.getResource(type.getInternalName() + ".class");
        return file != null && "jrt".equals(file.getProtocol()) || type.getName().startsWith("java.");
    }

    private static String jdk(TypeDescription type) {
        return type.getName() + " is a JDK class: bootstrap classes are not supported by generic specs (the agent"
                + " instruments no java.*, jdk.* or sun.* class); name a class of the application or of a library";
    }
}
