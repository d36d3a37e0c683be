package io.github.reftrack.agent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

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
 * class or interface must exist, be the application's or a library's (an interface may be the
 * JDK's: {@code java.sql.Connection}'s implementations are the drivers'), and each named method must
 * exist in it or a supertype as an instance method of the named arity. A spec naming an interface
 * tracks every implementation outside the JDK. A spec whose methods are
 * all inherited is pointed at the superclass that declares them, tracking only instances of the
 * named class. Built-in profiles are not checked (their library may be absent: nothing to track
 * then), except those built from a class name the user gave ({@code closeable=FQN}), which must
 * also be of their {@link ProfileRules#requiredType()}.
 */
final class Validation {
    private Validation() {
    }

    static List<Profile> keepValid(List<Profile> profiles, Consumer<String> problems) {
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        TypePool pool = null;
        List<Profile> valid = new ArrayList<>();
        for (Profile profile : profiles) {
            if (profile.library() != null && profile.rules().requiredType() == null) {
                valid.add(profile);
                continue;
            }
            if (pool == null) {
                // built lazily: the built-in profiles alone never load Byte Buddy at start-up
                pool = TypePool.Default.of(loader);
            }
            String[] wrong = new String[1];
            Profile checked = check(pool, loader, profile, wrong);
            if (checked != null) {
                valid.add(checked);
            } else if (profile.library() != null) {
                problems.accept(profile.library() + ": " + wrong[0] + "; skipped");
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
        // a JDK interface (java.sql.Connection) is implemented outside the JDK: those classes are tracked
        if (isJdk(loader, type) && !type.isInterface()) {
            wrong[0] = jdk(type);
            return null;
        }
        Class<?> required = profile.rules().requiredType();
        if (required != null && !type.isAssignableTo(required)) {
            wrong[0] = type.getName() + " is not " + required.getSimpleName() + " (it has no close() that releases"
                    + " it); name a class that implements " + required.getName() + ", or track it with class=FQN,"
                    + "acquire=...,release=...";
            return null;
        }
        TypeDescription root = type;
        for (Map.Entry<String, Set<String>> role : List.of(Map.entry("acquire", profile.acquire()),
                Map.entry("release", profile.release()), Map.entry("birth", profile.birth()))) {
            for (String text : role.getValue()) {
                MethodSpec method = MethodSpec.parse(text);
                if (method.isConstructor()) {
                    if (method.hasArity() && !type.isInterface() && !declaresCountingConstructor(type)) {
                        wrong[0] = "no constructor " + type.getSimpleName() + "(int) taking the initial count for"
                                + " birth=<init>(int); write birth=<init> (every constructor, one reference) or"
                                + " birth=<init>:N";
                        return null;
                    }
                    continue;
                }
                TypeDescription declaring = declaring(type, method, false);
                if (declaring == null) {
                    wrong[0] = declaring(type, method, true) != null
                            ? role.getKey() + " methods must be instance methods: " + method.describe() + " is static"
                            : "no method " + method.describe() + " in it or its superclasses";
                    return null;
                }
                if (!declaring.equals(root) && !declaring.isInterface() && declaring.isAssignableFrom(root)) {
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
        return new Profile(profile.library(), profile.dirClass(), root.getName(), true, profile.acquire(),
                profile.release(), profile.birth(), type.getName(), profile.hide(), profile.rules());
    }

    /**
     * The topmost class from {@code type} up that declares the method (static or instance ones), or
     * null; for an interface, the interface or a superinterface declaring it.
     */
    private static TypeDescription declaring(TypeDescription type, MethodSpec method, boolean statics) {
        TypeDescription found = null;
        for (TypeDefinition t = type; t != null; t = t.getSuperClass()) {
            if (declares(t.asErasure(), method, statics)) {
                found = t.asErasure();
            }
        }
        if (found == null && type.isInterface()) {
            for (TypeDescription.Generic parent : type.getInterfaces()) {
                found = declaring(parent.asErasure(), method, statics);
                if (found != null) {
                    return found;
                }
            }
        }
        return found;
    }

    private static boolean declares(TypeDescription t, MethodSpec method, boolean statics) {
        for (MethodDescription.InDefinedShape m : t.getDeclaredMethods()) {
            if (m.getName().equals(method.name()) && m.isStatic() == statics && !m.isBridge()
                    && (method.noArgs() && m.getParameters().isEmpty() || method.intArg()
                    && m.getParameters().size() == 1 && m.getParameters().get(0).getType().represents(int.class))) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresCountingConstructor(TypeDescription t) {
        return !t.getDeclaredMethods().filter(isConstructor().and(takesArguments(int.class))).isEmpty();
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
