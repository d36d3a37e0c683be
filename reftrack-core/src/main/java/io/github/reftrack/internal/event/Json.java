package io.github.reftrack.internal.event;

import java.util.List;

/**
 * A minimal streaming JSON writer for reports and events: objects, arrays, strings, numbers,
 * booleans and null, with RFC 8259 string escaping. Keeps reftrack-core free of dependencies.
 * Not thread-safe.
 */
public final class Json {
    private final StringBuilder out = new StringBuilder(512);
    /** Whether the innermost open container has no element yet; bit i = depth i. */
    private long empty = 1;
    private int depth;
    private boolean afterName;

    public Json beginObject() {
        return open('{');
    }

    public Json endObject() {
        return close('}');
    }

    public Json beginArray() {
        return open('[');
    }

    public Json endArray() {
        return close(']');
    }

    public Json name(String name) {
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public Json field(String name, String value) {
        return name(name).value(value);
    }

    public Json field(String name, long value) {
        name(name);
        separate();
        out.append(value);
        return this;
    }

    public Json field(String name, boolean value) {
        name(name);
        separate();
        out.append(value);
        return this;
    }

    public Json value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    public Json strings(List<String> values) {
        beginArray();
        values.forEach(this::value);
        return endArray();
    }

    /**
     * Appends the members of an object that another {@code Json} rendered (trusted text, e.g.
     * a report's JSON) to the object being written, as if written here.
     */
    public Json members(String objectJson) {
        String inner = objectJson.substring(1, objectJson.length() - 1);
        if (!inner.isEmpty()) {
            separate();
            out.append(inner);
        }
        return this;
    }

    /** Appends a value that another {@code Json} rendered (trusted text). */
    public Json raw(String valueJson) {
        separate();
        out.append(valueJson);
        return this;
    }

    private Json open(char bracket) {
        separate();
        out.append(bracket);
        depth++;
        empty |= 1L << depth;
        return this;
    }

    private Json close(char bracket) {
        out.append(bracket);
        empty &= ~(1L << depth);
        depth--;
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if ((empty & (1L << depth)) == 0) {
            out.append(',');
        }
        empty &= ~(1L << depth);
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                out.append("\\\"");
            } else {
                TextEscape.append(c, out);
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
