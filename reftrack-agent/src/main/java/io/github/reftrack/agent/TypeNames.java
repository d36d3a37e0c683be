package io.github.reftrack.agent;

import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * How profiles name types, and the one rule by which a class is of a profile's type, for the
 * classes Byte Buddy describes before they load ({@link #subTypeOf}) and for loaded classes
 * ({@link #extendsNamed}): the class itself, its superclasses and every interface they implement.
 *
 * <p>A name is a binary class name, or {@code *.} and one: {@code *.io.netty.buffer.ByteBuf}
 * matches {@code io.netty.buffer.ByteBuf} and the same class relocated under any package prefix
 * ({@code io.grpc.netty.shaded.io.netty.buffer.ByteBuf}), as shading plugins relocate libraries.
 */
final class TypeNames {
    /** What a name that matches under any relocation prefix starts with. */
    static final String ANY_PREFIX = "*.";

    private TypeNames() {
    }

    /**
     * Whether {@code name} is a dotted Java name: parts of a letter, {@code _} or {@code $}
     * followed by letters, digits, {@code _} and {@code $}, the regular expression
     * {@code [\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*)*} checked without one (the
     * agent's start compiles no regular expression).
     */
    static boolean isJavaName(String name) {
        boolean partStart = true;
        for (int i = 0; i < name.length();) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (c == '.' && !partStart) {
                partStart = true;
            } else if (Character.isLetter(c) || c == '_' || c == '$' || !partStart && isNumber(c)) {
                partStart = false;
            } else {
                return false;
            }
        }
        return !partStart;
    }

    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Whether {@code className} is the class {@code name} names. */
    static boolean matches(String name, String className) {
        return relocation(name, className) != null;
    }

    /**
     * The relocation prefix under which {@code className} is the class {@code name} names: empty
     * when it is not relocated, {@code io.grpc.netty.shaded.} for a class relocated there; null
     * when it is another class.
     */
    static String relocation(String name, String className) {
        if (!name.startsWith(ANY_PREFIX)) {
            return name.equals(className) ? "" : null;
        }
        String plain = name.substring(ANY_PREFIX.length());
        if (!className.endsWith(plain)) {
            return null;
        }
        int prefix = className.length() - plain.length();
        return prefix == 0 || className.charAt(prefix - 1) == '.' ? className.substring(0, prefix) : null;
    }

    /** Whether a loaded class is the named class, or extends or implements it. */
    static boolean extendsNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (matches(name, c.getName())) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (extendsNamed(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Types named so, and the classes nested in them. */
    static ElementMatcher.Junction<TypeDescription> namedOrNested(String name) {
        return new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(TypeDescription target) {
                String className = target.getName();
                int nested = className.indexOf('$');
                return TypeNames.matches(name, className)
                        || nested > 0 && TypeNames.matches(name, className.substring(0, nested));
            }
        };
    }

    /** Types named so. */
    static ElementMatcher.Junction<TypeDescription> named(String name) {
        return new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(TypeDescription target) {
                return TypeNames.matches(name, target.getName());
            }
        };
    }

    /**
     * Classes (not interfaces) that are the named type or extend or implement it. A hierarchy that
     * cannot be resolved (a supertype missing from the class path) matches nothing: such a class
     * cannot load anyway, and it is no reason to report an error.
     */
    static ElementMatcher.Junction<TypeDescription> subTypeOf(String name) {
        return new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(TypeDescription target) {
                return !target.isInterface() && isSubType(target, name);
            }
        };
    }

    /**
     * Whether {@code type} is the topmost class of its hierarchy that is of the named type: the
     * named class itself, or a class implementing the named interface whose superclass does not.
     * That class carries the lifetime field and counts a constructor birth.
     */
    static boolean isTopmost(TypeDescription type, String name) {
        try {
            TypeDescription.Generic superClass = type.getSuperClass();
            return isSubType(type, name) && (superClass == null || !isSubType(superClass, name));
        } catch (RuntimeException unresolvable) {
            return false;
        }
    }

    private static boolean isSubType(TypeDefinition target, String name) {
        try {
            for (TypeDefinition t = target; t != null; t = t.getSuperClass()) {
                if (matches(name, t.asErasure().getName())) {
                    return true;
                }
                for (TypeDescription.Generic i : t.getInterfaces()) {
                    if (isSubType(i, name)) {
                        return true;
                    }
                }
            }
        } catch (RuntimeException unresolvable) {
            return false;
        }
        return false;
    }
}
