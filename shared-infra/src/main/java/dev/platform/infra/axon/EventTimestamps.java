package dev.platform.infra.axon;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;

/**
 * Reads the event store's time stamps, and the instants inside payloads, without {@link
 * java.time.format.DateTimeFormatter}: a replay reads a million of them, and the formatter's general parse was a
 * fifth of the rebuilding threads' CPU (docs/benchmarks.md). The fast path takes only the shape Axon and Jackson
 * write, {@code 2025-01-31T12:34:56Z} with 0 to 9 fraction digits; anything else (an offset, lower-case letters, a
 * leap second, a year beyond 9999) goes to Axon's own parser, so the result, or the error, is always the one
 * {@link DateTimeUtils#parseInstant} gives.
 */
final class EventTimestamps {

    private static final int[] SCALE = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private EventTimestamps() {}

    /** The instant {@code text} denotes, as {@link DateTimeUtils#parseInstant} reads it. */
    static Instant parse(CharSequence text) {
        Instant instant = parseUtc(text);
        return instant != null ? instant : DateTimeUtils.parseInstant(text);
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; null for any other text. */
    static Instant parseUtc(CharSequence text) {
        int length = text.length();
        if (length < 20
                || length == 21
                || length > 30
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = text.charAt(19) == '.' ? digits(text, 20, length - 1) : -1;
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * SCALE[length - 22];
        }
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal value of the characters from {@code start} to {@code end}; -1 unless all are ASCII digits. */
    private static int digits(CharSequence text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
