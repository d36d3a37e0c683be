package io.github.reftrack.internal.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader, the counterpart of {@link Json}: reads one value into plain Java values
 * (objects as {@code Map<String, Object>} in field order, arrays as {@code List<Object>},
 * strings, {@code Long} or {@code BigInteger} integers, {@code BigDecimal} fractions,
 * {@code Boolean} and {@code null}). Hostile input is bounded: nesting, string and number
 * lengths have limits, and every error is an {@link IllegalArgumentException} naming the line
 * and column. Keeps reftrack-core free of dependencies. Not thread-safe; one reader per text.
 */
public final class JsonReader {
    /** Deepest nesting accepted; reftrack's own JSON nests at most 6 levels. */
    public static final int MAX_DEPTH = 64;
    /** Longest string accepted, in characters. */
    public static final int MAX_STRING = 1 << 20;
    /** Longest number accepted, in characters. */
    public static final int MAX_NUMBER = 24;

    private final String text;
    private int pos;
    private int depth;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * Reads the one JSON value of a text (white space around it allowed).
     *
     * @param text the JSON text
     * @return the value
     * @throws IllegalArgumentException if the text is not one JSON value within the limits
     */
    public static Object read(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.space();
        if (reader.pos < text.length()) {
            throw reader.error("unexpected text after the value");
        }
        return value;
    }

    private Object value() {
        space();
        if (pos >= text.length()) {
            throw truncated();
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return word("true", Boolean.TRUE);
            case 'f':
                return word("false", Boolean.FALSE);
            case 'n':
                return word("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object() {
        nest();
        Map<String, Object> members = new LinkedHashMap<>();
        pos++;
        space();
        if (peek() == '}') {
            pos++;
            depth--;
            return members;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("expected a field name");
            }
            String name = string();
            space();
            expect(':');
            members.put(name, value());
            space();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                depth--;
                return members;
            }
        }
    }

    private List<Object> array() {
        nest();
        List<Object> items = new ArrayList<>();
        pos++;
        space();
        if (peek() == ']') {
            pos++;
            depth--;
            return items;
        }
        while (true) {
            items.add(value());
            space();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                depth--;
                return items;
            }
        }
    }

    private void nest() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than the limit of " + MAX_DEPTH + " levels");
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw truncated();
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            out.append(c == '\\' ? escaped() : c);
            if (out.length() > MAX_STRING) {
                throw error("a string longer than the limit of " + MAX_STRING + " characters");
            }
        }
    }

    private char escaped() {
        if (pos >= text.length()) {
            throw truncated();
        }
        char c = text.charAt(pos++);
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw truncated();
                }
                try {
                    char unit = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
                    pos += 4;
                    return unit;
                } catch (NumberFormatException e) {
                    throw error("bad \\u escape");
                }
            case '"':
            case '\\':
            case '/':
                return c;
            default:
                throw error("bad escape \\" + c);
        }
    }

    private Object number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String digits = text.substring(start, pos);
        if (digits.length() > MAX_NUMBER) {
            throw error("a number longer than the limit of " + MAX_NUMBER + " characters");
        }
        try {
            if (digits.indexOf('.') >= 0 || digits.indexOf('e') >= 0 || digits.indexOf('E') >= 0) {
                return new BigDecimal(digits);
            }
            BigInteger value = new BigInteger(digits);
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        } catch (NumberFormatException e) {
            throw error("bad number " + digits);
        }
    }

    private Object word(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw text.length() - pos < word.length() && word.startsWith(text.substring(pos)) ? truncated()
                    : error("unexpected word");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (pos >= text.length()) {
            throw truncated();
        }
        if (text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        if (pos >= text.length()) {
            throw truncated();
        }
        return text.charAt(pos);
    }

    private void space() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private IllegalArgumentException truncated() {
        return error("the input ends in the middle of a JSON value");
    }

    private IllegalArgumentException error(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new IllegalArgumentException("not valid JSON: " + what + " at line " + line + ", column " + column);
    }
}
