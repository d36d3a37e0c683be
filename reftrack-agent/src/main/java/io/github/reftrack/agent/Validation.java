package io.github.reftrack.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;

/**
 * Checks generic specs against the class files on the class path, without loading them: the
 * class must exist and be a class, and each named method must exist in it or a superclass.
 * Built-in profiles are not checked: their library may be absent (nothing to track then).
 */
final class Validation {
    private Validation() {
    }

    static List<Profile> keepValid(List<Profile> profiles, Consumer<String> problems) {
        TypePool pool = TypePool.Default.of(ClassLoader.getSystemClassLoader());
        List<Profile> valid = new ArrayList<>();
        for (Profile profile : profiles) {
            if (!profile.subtypes()) {
                valid.add(profile);
                continue;
            }
            String wrong = check(pool, profile);
            if (wrong == null) {
                valid.add(profile);
            } else {
                problems.accept("spec for class " + profile.typeName() + ": " + wrong + "; this spec is skipped");
            }
        }
        return valid;
    }

    private static String check(TypePool pool, Profile profile) {
        TypePool.Resolution resolution = pool.describe(profile.typeName());
        if (!resolution.isResolved()) {
            return "no such class on the class path (check the fully qualified name, with $ for nested classes)";
        }
        TypeDescription type = resolution.resolve();
        if (type.isInterface()) {
            return "it is an interface; name the class that counts the references";
        }
        for (Set<String> names : List.of(profile.acquire(), profile.release(), profile.birth())) {
            for (String name : names) {
                if (!name.equals(Profile.CONSTRUCTOR) && !declares(type, name)) {
                    return "no method " + name + "() or " + name + "(int) in it or its superclasses";
                }
            }
        }
        return null;
    }

    private static boolean declares(TypeDescription type, String name) {
        for (TypeDefinition t = type; t != null; t = t.getSuperClass()) {
            for (MethodDescription.InDefinedShape method : t.asErasure().getDeclaredMethods()) {
                if (method.getName().equals(name) && (method.getParameters().isEmpty()
                        || method.getParameters().size() == 1
                        && method.getParameters().get(0).getType().represents(int.class))) {
                    return true;
                }
            }
        }
        return false;
    }
}
