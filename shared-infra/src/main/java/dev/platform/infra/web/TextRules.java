package dev.platform.infra.web;

import java.util.Optional;

/**
 * The one rule for the characters of text a client sends, checked at the edge before anything is stored (a
 * PostgreSQL {@code text} column refuses NUL, and a read model that cannot store an event stalls its projection).
 * Every text field of every request body goes through one of the three kinds:
 *
 * <ul>
 *   <li>{@link Kind#SINGLE_LINE} (title, username, e-mail): no control character at all (U+0000 to U+001F, U+007F to
 *       U+009F), no bidirectional override or isolate (U+202A to U+202E, U+2066 to U+2069: they can make a name
 *       read as another), no unpaired surrogate;
 *   <li>{@link Kind#MULTI_LINE} (post and comment content, bio): tab, line feed and carriage return are allowed (a
 *       browser's text area sends line breaks as CR LF), every other control character and unpaired surrogates
 *       are refused; bidirectional characters are allowed, right-to-left text needs them;
 *   <li>{@link Kind#SECRET} (password): as single-line, except that bidirectional characters are allowed, since a
 *       password is never displayed.
 * </ul>
 *
 * Lengths and formats stay with each field's own rule; this one is only about characters. At most one message per
 * field; {@code null} (absent) is clean. Request records apply it through the constraints of
 * {@code dev.platform.infra.web.body}.
 */
public final class TextRules {

    static final String CONTROL = "must not contain control characters";
    static final String CONTROL_MULTI_LINE =
            "must not contain control characters other than tab, line feed and carriage return";
    static final String UNPAIRED_SURROGATE = "must be valid Unicode text (it has an unpaired surrogate)";
    static final String BIDI =
            "must not contain bidirectional override or isolate characters" + " (U+202A to U+202E, U+2066 to U+2069)";

    /** The three kinds of text field. */
    public enum Kind {
        /** Title, username, e-mail. */
        SINGLE_LINE,
        /** Post and comment content, bio. */
        MULTI_LINE,
        /** Password. */
        SECRET
    }

    private TextRules() {}

    /** The message for the first character this kind of field refuses, or empty when the text is clean. */
    public static Optional<String> problem(String value, Kind kind) {
        return Optional.ofNullable(value == null ? null : firstProblem(value, kind));
    }

    private static String firstProblem(String value, Kind kind) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a well-formed pair: a character outside the Basic Multilingual Plane
            } else if (Character.isSurrogate(c)) {
                return UNPAIRED_SURROGATE;
            } else if (isControl(c)) {
                if (kind != Kind.MULTI_LINE) {
                    return CONTROL;
                }
                if (c != '\t' && c != '\n' && c != '\r') {
                    return CONTROL_MULTI_LINE;
                }
            } else if (kind == Kind.SINGLE_LINE && isBidiOverrideOrIsolate(c)) {
                return BIDI;
            }
        }
        return null;
    }

    // C0 (including NUL), DEL and C1: Unicode's general category Cc.
    private static boolean isControl(char c) {
        return c <= '\u001F' || (c >= '\u007F' && c <= '\u009F');
    }

    // LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI.
    private static boolean isBidiOverrideOrIsolate(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
