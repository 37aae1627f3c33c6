package dev.platform.infra.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Instants a client sends (in a query parameter): ISO-8601 with {@code Z} or an offset, in the years 0001 to 9999
 * (UTC). Java accepts years up to ±999,999,999, which no timestamp column or {@code java.sql.Timestamp} can
 * carry; a year outside the range is a 400 like a malformed instant, never a failure further in.
 */
public final class ClientInstants {

    /** The first instant a client may send: 0001-01-01T00:00:00Z. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** The last instant a client may send: 9999-12-31T23:59:59.999999999Z. */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    static final String MALFORMED = "must be an ISO-8601 instant such as 2026-11-25T18:51:51.123Z";
    static final String OUT_OF_RANGE = "must be an instant in the years 0001 to 9999";

    private ClientInstants() {}

    /** The instant in {@code text}, or a 400 {@code VALIDATION_FAILED} naming {@code field}. */
    public static Instant parse(String field, String text) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException e) {
            throw FieldErrors.failure(field, MALFORMED);
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw FieldErrors.failure(field, OUT_OF_RANGE);
        }
        return instant;
    }
}
