package dev.platform.command.post;

import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.ClientInstants;
import dev.platform.infra.web.FieldErrors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The rule for a scheduled publication's {@code publish_at}: an ISO-8601 instant strictly after the request's
 * instant and at most one calendar year (UTC) after it; kept to the millisecond, as every instant of the API.
 * Anything else is a 400 {@code VALIDATION_FAILED} naming {@code publish_at}.
 */
final class PublicationSchedule {

    static final String FIELD = "publish_at";
    static final String MALFORMED = "must be an ISO-8601 instant such as 2026-11-25T18:51:51.123Z";
    static final String NOT_AHEAD = "must be in the future";
    static final String TOO_FAR = "must be at most one year ahead";

    private PublicationSchedule() {}

    /** The instant asked for, if any; {@code now} is the request's instant. */
    static Optional<Instant> publishAt(PublishPostRequest body, Instant now) {
        if (body == null || body.publishAt() == null) {
            return Optional.empty();
        }
        Instant at = ClientInstants.parse(FIELD, body.publishAt()).truncatedTo(ChronoUnit.MILLIS);
        if (!at.isAfter(now)) {
            throw FieldErrors.failure(FIELD, NOT_AHEAD);
        }
        if (at.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant())) {
            throw FieldErrors.failure(FIELD, TOO_FAR);
        }
        return Optional.of(at);
    }

    static Instant now(Clock clock) {
        return ApiTime.now(clock);
    }
}
