package io.github.reftrack.internal.event;

/**
 * Escapes names for the text reports: a class, directory, holder or teardown name that contains
 * a line break or another control character would otherwise forge lines in a report read by a
 * person or a log parser. Control characters are written as JSON writes them ({@code \n},
 * {@code \t}, {@code \u001b}, ...), and so is the backslash. Not API: this package is not
 * exported.
 */
public final class TextEscape {
    private TextEscape() {
    }

    /**
     * Escapes one name.
     *
     * @param name the name, or {@code null}
     * @return the name with control characters escaped; {@code null} for {@code null}
     */
    public static String escape(String name) {
        if (name == null) {
            return null;
        }
        int i = 0;
        while (i < name.length() && !special(name.charAt(i))) {
            i++;
        }
        if (i == name.length()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 8).append(name, 0, i);
        for (; i < name.length(); i++) {
            append(name.charAt(i), out);
        }
        return out.toString();
    }

    /**
     * Appends one character, escaped if it is a control character or a backslash; JSON strings
     * are written through here too (with the quote escaped by the caller).
     */
    static void append(char c, StringBuilder out) {
        switch (c) {
            case '\\':
                out.append("\\\\");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            default:
                if (special(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
        }
    }

    private static boolean special(char c) {
        return c < 0x20 || c == 0x7f || c == '\\' || c == 0x2028 || c == 0x2029 || (c >= 0x80 && c < 0xa0);
    }
}
