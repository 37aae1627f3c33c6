package dev.platform.app;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes the fuzz suite's JSON by hand, because a JSON library refuses to write what the suite must send: an
 * unpaired surrogate as raw bytes (encoded like a scalar value, which no UTF-8 decoder accepts), numbers with
 * more digits than a double holds, and the same value both raw and escaped.
 */
final class FuzzJson {

    private FuzzJson() {}

    /** A request body: these exact bytes. */
    record Body(byte[] bytes) {
        static final Body NONE = new Body(new byte[0]);
    }

    /** A literal written into the JSON text as it is ({@code 1e400}, {@code -0}, {@code null}). */
    record Raw(String literal) {}

    static Raw raw(String literal) {
        return new Raw(literal);
    }

    /** A body made of this text, encoded as UTF-8 (unpaired surrogates as their own three bytes). */
    static Body text(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        appendUtf8(out, text);
        return new Body(out.toByteArray());
    }

    /**
     * The JSON text of {@code value} (maps, lists, strings, numbers, booleans, {@link Raw}); strings either with
     * every character above ASCII as a {@code \\u} escape (so unpaired surrogates and NUL arrive as valid JSON) or
     * raw, escaping only what JSON demands.
     */
    static Body write(Object value, boolean escapeNonAscii) {
        StringBuilder json = new StringBuilder();
        write(json, value, escapeNonAscii);
        return text(json.toString());
    }

    private static void write(StringBuilder json, Object value, boolean escapeNonAscii) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Raw raw) {
            json.append(raw.literal());
        } else if (value instanceof String text) {
            string(json, text, escapeNonAscii);
        } else if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
            json.append(number.isNaN() ? "NaN" : number > 0 ? "1e999" : "-1e999");
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof BigInteger
                || value instanceof BigDecimal) {
            json.append(value);
        } else if (value instanceof Boolean bool) {
            json.append(bool);
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(first ? "" : ",");
                first = false;
                string(json, String.valueOf(entry.getKey()), escapeNonAscii);
                json.append(':');
                write(json, entry.getValue(), escapeNonAscii);
            }
            json.append('}');
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                json.append(i > 0 ? "," : "");
                write(json, list.get(i), escapeNonAscii);
            }
            json.append(']');
        } else {
            throw new IllegalArgumentException("no JSON for " + value.getClass());
        }
    }

    private static void string(StringBuilder json, String text, boolean escapeNonAscii) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || (escapeNonAscii && c > 0x7e)) {
                // By hand: String.format per character made a 100,000-character body take most of a second.
                json.append("\\u");
                for (int shift = 12; shift >= 0; shift -= 4) {
                    json.append(Character.forDigit(c >> shift & 0xf, 16));
                }
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, as UTF-8 (surrogates as above). */
    static String percentEncode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        appendUtf8(bytes, text);
        StringBuilder encoded = new StringBuilder();
        for (byte b : bytes.toByteArray()) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    private static void appendUtf8(ByteArrayOutputStream out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int codePoint = c;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                codePoint = Character.toCodePoint(c, text.charAt(++i));
            }
            if (codePoint < 0x80) {
                out.write(codePoint);
            } else if (codePoint < 0x800) {
                out.write(0xc0 | codePoint >> 6);
                out.write(0x80 | codePoint & 0x3f);
            } else if (codePoint < 0x10000) {
                out.write(0xe0 | codePoint >> 12);
                out.write(0x80 | codePoint >> 6 & 0x3f);
                out.write(0x80 | codePoint & 0x3f);
            } else {
                out.write(0xf0 | codePoint >> 18);
                out.write(0x80 | codePoint >> 12 & 0x3f);
                out.write(0x80 | codePoint >> 6 & 0x3f);
                out.write(0x80 | codePoint & 0x3f);
            }
        }
    }
}
