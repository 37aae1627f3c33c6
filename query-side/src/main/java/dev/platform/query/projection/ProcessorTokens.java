package dev.platform.query.projection;

import dev.platform.infra.axon.StoredTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a blue-green rebuild reads and writes of Axon's {@code token_entry}: the rebuild processor's tokens, whether a
 * node holds a claim on them, whether they cover every committed event, and the live group's tokens set to them at
 * the switch (with no owner, so a node whose claim is gone fails its next token update and claims again).
 */
final class ProcessorTokens {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    ProcessorTokens(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The segments stored for a processor. */
    List<Integer> segments(String processor) {
        return jdbc.queryForList(
                "SELECT segment FROM token_entry WHERE processor_name = ? ORDER BY segment", Integer.class, processor);
    }

    /** Whether another node holds a claim on a segment of the processor that is younger than {@code timeout}. */
    boolean claimedBy(String processor, String otherThan, Duration timeout) {
        List<String> stamps = jdbc.queryForList(
                "SELECT time_stamp FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL AND owner <> ?",
                String.class,
                processor,
                otherThan);
        Instant oldest = Instant.now().minus(timeout);
        for (String stamp : stamps) {
            try {
                if (Instant.parse(stamp).isAfter(oldest)) {
                    return true;
                }
            } catch (DateTimeParseException e) {
                return true;
            }
        }
        return false;
    }

    /** The processor's tokens by segment, with their {@link ReplayToken} wrapping taken off. */
    Map<Integer, TrackingToken> tokens(String processor) {
        Map<Integer, TrackingToken> tokens = new TreeMap<>();
        jdbc.query(
                "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ? FOR UPDATE",
                rs -> {
                    TrackingToken value = StoredTokens.decode(serializer, rs.getBytes(2), rs.getString(3));
                    tokens.put(rs.getInt(1), value instanceof ReplayToken replay ? replay.getCurrentToken() : value);
                },
                processor);
        return tokens;
    }

    /**
     * Whether a token has applied every event committed up to {@code head}: its position has reached it, and none of
     * its gaps below is an event that has been committed meanwhile (a gap that is still uncommitted, or was rolled
     * back, is fine: whoever continues from this token waits for it).
     */
    boolean covers(TrackingToken token, long head) {
        if (head == 0) {
            return true;
        }
        if (token == null || token.position().orElse(-1) < head) {
            return false;
        }
        if (!(token instanceof GapAwareTrackingToken gapAware)) {
            return token.covers(GapAwareTrackingToken.newInstance(head, List.of()));
        }
        List<Long> gaps = new ArrayList<>(gapAware.getGaps().headSet(head + 1));
        if (gaps.isEmpty()) {
            return true;
        }
        Long committed = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE global_index = ANY (?)", Long.class, (Object)
                        gaps.toArray(Long[]::new));
        return committed != null && committed == 0;
    }

    /** Sets the processor's segment to this token, with no owner. */
    void set(String processor, int segment, TrackingToken token) {
        byte[] bytes = null;
        String type = null;
        if (token != null) {
            SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
            bytes = serialized.getData();
            type = serialized.getType().getName();
        }
        int updated = jdbc.update(
                "UPDATE token_entry SET token = ?, token_type = ?, owner = NULL WHERE processor_name = ? AND segment = ?",
                bytes,
                type,
                processor,
                segment);
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO token_entry (processor_name, segment, token, token_type, time_stamp)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    processor,
                    segment,
                    bytes,
                    type,
                    Instant.now().toString());
        }
    }

    /** Forgets every token of the processor (the rebuild's, once it is switched in or discarded). */
    void delete(String processor) {
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processor);
    }
}
