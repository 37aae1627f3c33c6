package dev.platform.query.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.infra.axon.DeadLetterRetries;
import dev.platform.infra.web.Refusals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The parked events of every projection, for the admin: listed from {@code dead_letter_entry}, tried again at once
 * through Axon's queue (so the claim that keeps two nodes from handling one sequence holds here too), or dropped.
 */
@Component
class DeadLetters {

    private static final String COLUMNS = "dead_letter_id, processing_group, sequence_identifier, sequence_index,"
            + " event_identifier, payload_type, aggregate_identifier, sequence_number, cause_type, cause_message,"
            + " enqueued_at, last_touched, diagnostics";
    private static final String ORDER = " ORDER BY processing_group, sequence_identifier, sequence_index";

    private final JdbcTemplate jdbc;
    private final DeadLetterRetries retries;
    private final ObjectMapper json = new ObjectMapper();

    DeadLetters(JdbcTemplate jdbc, DeadLetterRetries retries) {
        this.jdbc = jdbc;
        this.retries = retries;
    }

    List<DeadLetterView> list(int limit, int offset) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM dead_letter_entry" + ORDER + " LIMIT ? OFFSET ?",
                this::view,
                limit,
                offset);
    }

    long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry", Long.class);
        return count == null ? 0 : count;
    }

    Optional<DeadLetterView> find(String id) {
        return jdbc
                .query("SELECT " + COLUMNS + " FROM dead_letter_entry WHERE dead_letter_id = ?", this::view, id)
                .stream()
                .findFirst();
    }

    /**
     * Handles the sequence of letter {@code id} again now, from its first parked event on.
     *
     * @return the letter as it is afterwards: empty once it has been applied
     * @throws DomainException 404 for an unknown letter, 409 when its group runs in another process or another node
     *     is handling the sequence at this moment
     */
    Optional<DeadLetterView> retry(String id) {
        DeadLetterView letter = find(id).orElseThrow(DeadLetters::unknown);
        if (!retries.groups().contains(letter.processingGroup())) {
            throw new DomainException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "'" + letter.processingGroup() + "' runs in another process: ask that process"
                            + " (in the split deployment, the notification side), or wait for its own retries.");
        }
        List<String> first = jdbc.queryForList(
                "SELECT event_identifier FROM dead_letter_entry WHERE processing_group = ?"
                        + " AND sequence_identifier = ? ORDER BY sequence_index LIMIT 1",
                String.class,
                letter.processingGroup(),
                letter.sequenceIdentifier());
        if (first.isEmpty()) {
            return Optional.empty();
        }
        // Axon answers false both when the sequence failed again and when another node holds it: the letter tells.
        retries.retryNow(letter.processingGroup(), first.get(0));
        Optional<DeadLetterView> after = find(id);
        if (after.isPresent() && Objects.equals(after.get().lastTouched(), letter.lastTouched())) {
            throw new DomainException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "The sequence of this event is being retried at this moment; ask again in a few seconds.");
        }
        return after;
    }

    /**
     * Drops the letter: its event is never applied to the read model (a rebuild would apply it again), and the
     * events parked behind it are tried at the next round.
     */
    void drop(String id) {
        if (jdbc.update("DELETE FROM dead_letter_entry WHERE dead_letter_id = ?", id) == 0) {
            throw unknown();
        }
    }

    private static DomainException unknown() {
        return Refusals.notFound(ErrorCode.NOT_FOUND, "Dead letter");
    }

    private DeadLetterView view(ResultSet rs, int row) throws SQLException {
        JsonNode diagnostics = diagnostics(rs.getBytes("diagnostics"));
        int failures = diagnostics.path("failures").asInt(0);
        long retryAt = diagnostics.path("retryAt").asLong(0);
        String type = rs.getString("payload_type");
        long aggregateSequence = rs.getLong("sequence_number");
        return new DeadLetterView(
                rs.getString("dead_letter_id"),
                rs.getString("processing_group"),
                rs.getString("sequence_identifier"),
                rs.getLong("sequence_index"),
                rs.getString("event_identifier"),
                type.substring(type.lastIndexOf('.') + 1),
                rs.getString("aggregate_identifier"),
                rs.wasNull() ? null : aggregateSequence,
                rs.getString("cause_type"),
                rs.getString("cause_message"),
                instant(rs.getString("enqueued_at")),
                instant(rs.getString("last_touched")),
                failures,
                failures == 0 ? null : Instant.ofEpochMilli(retryAt));
    }

    private JsonNode diagnostics(byte[] stored) {
        if (stored == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(new String(stored, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Instant instant(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return Instant.parse(stored);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
