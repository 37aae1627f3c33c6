package dev.platform.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One accepted write to an aggregate as a history endpoint shows it ({@code [{sequence, event_type, occurred_at,
 * actor_id, data}]}, oldest first): see {@link EventLog#history(String, int, int)}.
 */
public record HistoryEntry(long sequence, String eventType, Instant occurredAt, String actorId, JsonNode data) {

    static HistoryEntry of(StoredEvent event) {
        return new HistoryEntry(event.sequence(), event.eventType(), event.occurredAt(), event.actorId(), event.data());
    }
}
