package dev.platform.infra.time;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The instant a command or a page view is stamped with: the clock's now, truncated to the millisecond. The API
 * writes instants with milliseconds ({@code 2026-11-25T18:51:51.123Z}); a finer stamp would be stored one way and
 * answered another, and an answer would not equal the read that follows it.
 */
public final class ApiTime {

    private ApiTime() {}

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
