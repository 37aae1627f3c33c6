package dev.platform.api.common;

import java.util.UUID;
import java.util.regex.Pattern;

/** Strict parsing of the UUIDs that identify everything in the API (canonical 8-4-4-4-12 hex form only). */
public final class Ids {

    /** The canonical form as a regular expression, for a request field's {@code @Pattern}. */
    public static final String CANONICAL_FORM =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private static final Pattern CANONICAL = Pattern.compile(CANONICAL_FORM);

    private Ids() {}

    /**
     * Parses a canonical UUID; {@link UUID#fromString} alone would also accept forms such as {@code 1-1-1-1-1}.
     *
     * @throws IllegalArgumentException when the text is not a canonical UUID
     */
    public static UUID parse(String raw) {
        if (raw == null || !CANONICAL.matcher(raw).matches()) {
            throw new IllegalArgumentException("not a UUID: " + raw);
        }
        return UUID.fromString(raw);
    }
}
