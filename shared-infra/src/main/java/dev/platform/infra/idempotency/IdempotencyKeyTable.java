package dev.platform.infra.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_key} table. Every statement is one atomic step on one row (autocommit, no transaction
 * spans a request); times are the database's, so the nodes agree on leases and expiry.
 */
@Repository
class IdempotencyKeyTable {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final IdempotencyProperties properties;

    IdempotencyKeyTable(JdbcTemplate jdbc, ObjectMapper json, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /** A key's row as another request finds it. */
    record Row(String route, byte[] bodyHash, UUID claimToken, boolean leaseExpired, Optional<StoredAnswer> answer) {}

    /**
     * Claims the key for this request: inserts its row, or replaces an expired one. Under a race the primary key
     * lets exactly one insert through; the others find the row.
     *
     * @return false when a live row holds the key
     */
    boolean claim(KeyRequest request, UUID token) {
        return jdbc.update(
                        "INSERT INTO idempotency_key (scope, idempotency_key, route, request_hash, claim_token,"
                                + " claimed_until, created_at, expires_at)"
                                + " VALUES (?, ?, ?, ?, ?, now() + make_interval(secs => ?), now(),"
                                + " now() + make_interval(secs => ?))"
                                + " ON CONFLICT (scope, idempotency_key) DO UPDATE SET route = EXCLUDED.route,"
                                + " request_hash = EXCLUDED.request_hash, claim_token = EXCLUDED.claim_token,"
                                + " claimed_until = EXCLUDED.claimed_until, status = NULL, headers = NULL, body = NULL,"
                                + " created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at"
                                + " WHERE idempotency_key.expires_at <= now()",
                        request.scope(),
                        request.key(),
                        request.route().name(),
                        request.bodyHash(),
                        token,
                        seconds(properties.lease()),
                        seconds(properties.ttl()))
                == 1;
    }

    /** The live row of a key, if there is one. */
    Optional<Row> find(KeyRequest request) {
        return jdbc
                .query(
                        "SELECT route, request_hash, claim_token, claimed_until <= now(), status, headers, body"
                                + " FROM idempotency_key WHERE scope = ? AND idempotency_key = ? AND expires_at > now()",
                        (rs, n) -> {
                            int status = rs.getInt(5);
                            Optional<StoredAnswer> answer = rs.wasNull()
                                    ? Optional.empty()
                                    : Optional.of(new StoredAnswer(status, headers(rs.getString(6)), rs.getBytes(7)));
                            return new Row(
                                    rs.getString(1),
                                    rs.getBytes(2),
                                    rs.getObject(3, UUID.class),
                                    rs.getBoolean(4),
                                    answer);
                        },
                        request.scope(),
                        request.key())
                .stream()
                .findFirst();
    }

    /**
     * Takes over a claim whose lease has run out (its request died with its node). Only one of several requests
     * doing so at once gets it: the statement names the dead claim's token, which the first to update replaces.
     */
    boolean takeOver(KeyRequest request, UUID deadToken, UUID token) {
        return jdbc.update(
                        "UPDATE idempotency_key SET claim_token = ?, claimed_until = now() + make_interval(secs => ?)"
                                + " WHERE scope = ? AND idempotency_key = ? AND claim_token = ?"
                                + " AND claimed_until <= now()",
                        token,
                        seconds(properties.lease()),
                        request.scope(),
                        request.key(),
                        deadToken)
                == 1;
    }

    /**
     * Keeps the answer of the claim's request. Nothing happens when the claim was taken over meanwhile: the request
     * that holds it now answers for the key.
     */
    boolean answer(KeyRequest request, UUID token, StoredAnswer answer) {
        return jdbc.update(
                        "UPDATE idempotency_key SET status = ?, headers = ?, body = ?, claim_token = NULL,"
                                + " claimed_until = NULL WHERE scope = ? AND idempotency_key = ? AND claim_token = ?",
                        answer.status(),
                        text(answer.headers()),
                        answer.body(),
                        request.scope(),
                        request.key(),
                        token)
                == 1;
    }

    /** Gives the key up (its request failed), unless the claim was taken over meanwhile. */
    void release(KeyRequest request, UUID token) {
        jdbc.update(
                "DELETE FROM idempotency_key WHERE scope = ? AND idempotency_key = ? AND claim_token = ?",
                request.scope(),
                request.key(),
                token);
    }

    /**
     * Whether events of this aggregate are stored: a resource with this derived id was created by an earlier attempt.
     * The event store's table is the platform's (shared-infra's Axon schema), whichever side created it.
     */
    boolean resourceExists(UUID id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ?)",
                Boolean.class,
                id.toString()));
    }

    /** Deletes up to {@code batch} expired keys; returns how many went. */
    int purgeExpired(int batch) {
        return jdbc.update(
                "DELETE FROM idempotency_key WHERE (scope, idempotency_key) IN"
                        + " (SELECT scope, idempotency_key FROM idempotency_key WHERE expires_at <= now() LIMIT ?)",
                batch);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private String text(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> headers(String text) {
        try {
            return json.readValue(text, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored headers", e);
        }
    }
}
