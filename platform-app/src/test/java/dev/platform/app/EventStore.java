package dev.platform.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The event store of the shared test database, read behind the API where a rule is about the events themselves:
 * a refusal stores none, an accepted write stores exactly one.
 */
final class EventStore {

    private EventStore() {}

    /** All Post events in the store: rejections must not add any. */
    static long postEvents() {
        return ofType("Post");
    }

    /** All Comment events in the store: a refused comment must not add any. */
    static long commentEvents() {
        return ofType("Comment");
    }

    /** How many events the event store holds for this aggregate. */
    static int eventsOf(String aggregateId) {
        return (int) Sql.number(
                TestDatabase.sharedUrl(),
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                aggregateId);
    }

    /** The payload types of the events in the store at {@code url} whose stored payload holds any of these texts. */
    static List<String> payloadsContaining(String url, String... texts) {
        StringBuilder sql = new StringBuilder("SELECT payload_type FROM domain_event_entry WHERE false");
        Object[] patterns = new Object[texts.length];
        for (int i = 0; i < texts.length; i++) {
            sql.append(" OR convert_from(payload, 'UTF8') LIKE ?");
            patterns[i] = "%" + texts[i] + "%";
        }
        return Sql.rows(url, sql.toString(), patterns);
    }

    /** The payload types of this aggregate's events, in sequence. */
    static List<String> eventTypes(String aggregateId) {
        return Sql.rows(
                TestDatabase.sharedUrl(),
                "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                aggregateId);
    }

    /** The payload of this aggregate's newest event of this type (the Jackson serializer stores JSON). */
    static JsonNode lastEvent(String aggregateId, String payloadType) {
        String payload = Sql.rows(
                        TestDatabase.sharedUrl(),
                        "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                                + " WHERE aggregate_identifier = ? AND payload_type = ?"
                                + " ORDER BY sequence_number DESC LIMIT 1",
                        aggregateId,
                        payloadType)
                .get(0);
        try {
            return Api.JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ofType(String aggregateType) {
        return Sql.number(
                TestDatabase.sharedUrl(), "SELECT count(*) FROM domain_event_entry WHERE type = ?", aggregateType);
    }
}
