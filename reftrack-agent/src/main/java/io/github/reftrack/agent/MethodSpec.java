package io.github.reftrack.agent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One method as a profile names it: {@code name} (both {@code name()} and {@code name(int)}),
 * {@code name()}, {@code name(int)}, and for births an initial count, {@code <init>:0} or
 * {@code reset():2}. Profiles keep the text (canonical, as {@link #toString()} writes it); this
 * reads it.
 *
 * @param name    the method's name, {@code <init>} for constructors
 * @param noArgs  whether {@code name()} is meant
 * @param intArg  whether {@code name(int)} is meant
 * @param count   for a birth {@code name()}: the references a lifetime starts with (1 unless given)
 * @param counted whether the count was written ({@code :N})
 */
record MethodSpec(String name, boolean noArgs, boolean intArg, int count, boolean counted) {
    private static final Pattern FORM = Pattern.compile(
            "(<init>|[\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*(\\(\\s*\\)|\\(\\s*int\\s*\\))?\\s*(?::\\s*(\\d{1,9}))?");

    /** Reads one method item; null when it is not of the form {@code name[()|(int)][:N]}. */
    static MethodSpec parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        String arity = m.group(2) == null ? null : m.group(2).replaceAll("\\s", "");
        boolean noArgs = arity == null || arity.equals("()");
        boolean intArg = arity == null || arity.equals("(int)");
        boolean counted = m.group(3) != null;
        return new MethodSpec(m.group(1), noArgs, intArg, counted ? Integer.parseInt(m.group(3)) : 1, counted);
    }

    boolean isConstructor() {
        return name.equals(Profile.CONSTRUCTOR);
    }

    /** Whether the spec gave an arity ({@code ()} or {@code (int)}), not just a name. */
    boolean hasArity() {
        return noArgs != intArg;
    }

    /** How a message names the methods meant: {@code take()}, {@code take(int)} or {@code take() or take(int)}. */
    String describe() {
        if (isConstructor()) {
            return "a constructor";
        }
        if (!hasArity()) {
            return name + "() or " + name + "(int)";
        }
        return name + (noArgs ? "()" : "(int)");
    }

    @Override
    public String toString() {
        String arity = hasArity() ? (noArgs ? "()" : "(int)") : "";
        return name + arity + (counted ? ":" + count : "");
    }
}
