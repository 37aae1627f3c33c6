package dev.platform.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event as the event store holds it, in the current shape of its type (upcasters applied): its position in
 * the global stream, the aggregate it belongs to, its type's simple name ({@code UserRegistered}), when it
 * happened (the event message's timestamp, in milliseconds), who caused it ({@code actorId} in its metadata,
 * {@code null} for anonymous or system writes), the request id that caused it, its payload and its metadata as
 * JSON objects.
 */
public record StoredEvent(
        long position,
        String aggregateId,
        String aggregateType,
        long sequence,
        String eventType,
        Instant occurredAt,
        String actorId,
        String correlationId,
        JsonNode data,
        JsonNode metadata) {}
