package dev.platform.query.projection;

import java.time.Instant;

/**
 * An event a projection could not apply, parked in its group's dead-letter queue. {@code failures} counts the
 * attempts that failed on this event; {@code next_attempt_at} is when it is tried again by itself, null for an
 * event that never failed but waits behind an earlier parked event of its sequence (it is applied once that one is).
 */
public record DeadLetterView(
        String id,
        String processingGroup,
        String sequenceIdentifier,
        long sequenceIndex,
        String eventId,
        String eventType,
        String aggregateId,
        Long aggregateSequence,
        String causeType,
        String causeMessage,
        Instant enqueuedAt,
        Instant lastTouched,
        int failures,
        Instant nextAttemptAt) {}
