package dev.platform.infra.web;

/**
 * The one rule for the characters of text a client sends, checked at the edge before anything is stored (a
 * PostgreSQL {@code text} column refuses NUL, and a read model that cannot store an event stalls its projection).
 * Every text field of every request body goes through one of the three kinds:
 *
 * <ul>
 *   <li>{@link #singleLine} (title, username, e-mail): no control character at all (U+0000 to U+001F, U+007F to
 *       U+009F), no bidirectional override or isolate (U+202A to U+202E, U+2066 to U+2069: they can make a name
 *       read as another), no unpaired surrogate;
 *   <li>{@link #multiLine} (post and comment content, bio): tab, line feed and carriage return are allowed (a
 *       browser's text area sends line breaks as CR LF), every other control character and unpaired surrogates
 *       are refused; bidirectional characters are allowed, right-to-left text needs them;
 *   <li>{@link #secret} (password): as single-line, except that bidirectional characters are allowed, since a
 *       password is never displayed.
 * </ul>
 *
 * Lengths and formats stay with each field's own rule; this one is only about characters. Each method notes at
 * most one message for the field and tells whether the value was clean; {@code null} (absent) is clean.
 */
public final class TextRules {

    static final String CONTROL = "must not contain control characters";
    static final String CONTROL_MULTI_LINE =
            "must not contain control characters other than tab, line feed and carriage return";
    static final String UNPAIRED_SURROGATE = "must be valid Unicode text (it has an unpaired surrogate)";
    static final String BIDI =
            "must not contain bidirectional override or isolate characters" + " (U+202A to U+202E, U+2066 to U+2069)";

    private enum Kind {
        SINGLE_LINE,
        MULTI_LINE,
        SECRET
    }

    private TextRules() {}

    /** Checks a one-line field (title, username, e-mail); notes the problem under {@code field}. */
    public static boolean singleLine(FieldErrors errors, String field, String value) {
        return check(errors, field, value, Kind.SINGLE_LINE);
    }

    /** Checks a multi-line field (content, bio); notes the problem under {@code field}. */
    public static boolean multiLine(FieldErrors errors, String field, String value) {
        return check(errors, field, value, Kind.MULTI_LINE);
    }

    /** Checks a secret that is never displayed (password); notes the problem under {@code field}. */
    public static boolean secret(FieldErrors errors, String field, String value) {
        return check(errors, field, value, Kind.SECRET);
    }

    private static boolean check(FieldErrors errors, String field, String value, Kind kind) {
        String problem = value == null ? null : problem(value, kind);
        if (problem != null) {
            errors.add(field, problem);
        }
        return problem == null;
    }

    /** The message for the first offending character, or {@code null} when the text is clean. */
    private static String problem(String value, Kind kind) {
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
