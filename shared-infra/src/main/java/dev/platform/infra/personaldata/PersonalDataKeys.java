package dev.platform.infra.personaldata;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every statement on {@code personal_data_key}: one AES-256 key per user, made when the first event with their
 * personal data is stored (in that event's transaction), deleted when they are erased. The row of an erased user
 * stays without its secret (a tombstone): no key is ever made for them again, and every process can tell an erased
 * user from one whose key is missing by mistake. Secrets never leave this package's classes in a log or a message.
 */
@Repository
public class PersonalDataKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;

    private final JdbcTemplate jdbc;

    PersonalDataKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What the table says about one user. */
    sealed interface State permits Absent, Active, Erased {}

    /** No row: the user's events (if any) were all stored in clear, before encryption. */
    record Absent() implements State {}

    /** The user's key. */
    static final class Active implements State {
        final String keyId;
        final byte[] secret;

        Active(String keyId, byte[] secret) {
            this.keyId = keyId;
            this.secret = secret;
        }

        @Override
        public String toString() {
            return "Active[keyId=" + keyId + "]";
        }
    }

    /** The user was erased: their key is gone. */
    record Erased(Instant at) implements State {}

    State state(UUID userId) {
        return jdbc
                .query(
                        "SELECT key_id, secret, erased_at FROM personal_data_key WHERE user_id = ?",
                        PersonalDataKeys::state,
                        userId)
                .stream()
                .findFirst()
                .orElseGet(Absent::new);
    }

    /**
     * The user's key, made now (in the caller's transaction) if they have none; empty when they are erased. Two
     * transactions making the first key of one user meet on the primary key: the later waits and reads the earlier's.
     */
    Optional<Active> sealingKey(UUID userId) {
        State state = state(userId);
        if (state instanceof Absent) {
            byte[] secret = new byte[KEY_BYTES];
            RANDOM.nextBytes(secret);
            byte[] id = new byte[8];
            RANDOM.nextBytes(id);
            jdbc.update(
                    "INSERT INTO personal_data_key (user_id, key_id, secret, created_at) VALUES (?, ?, ?, now()) "
                            + "ON CONFLICT (user_id) DO NOTHING",
                    userId,
                    HexFormat.of().formatHex(id),
                    secret);
            state = state(userId);
        }
        return state instanceof Active active ? Optional.of(active) : Optional.empty();
    }

    /**
     * Erases the user's key in the caller's transaction: the secret is deleted, the row stays as the tombstone.
     * Answers false when they were erased already (the first erasure's time and author stay).
     */
    public boolean erase(UUID userId, UUID erasedBy, Instant at) {
        return jdbc.update(
                        "INSERT INTO personal_data_key (user_id, key_id, secret, created_at, erased_at, erased_by) "
                                + "VALUES (?, 'none', NULL, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
                                + "secret = NULL, erased_at = EXCLUDED.erased_at, erased_by = EXCLUDED.erased_by "
                                + "WHERE personal_data_key.erased_at IS NULL",
                        userId,
                        Timestamp.from(at),
                        Timestamp.from(at),
                        erasedBy)
                > 0;
    }

    /**
     * The SQL condition "the user {@code userId} (a column or a parameter) is erased", for a statement that reads it
     * together with its own rows (a mail worker's claim, read at the moment of sending: an erasure counts at once on
     * every node).
     */
    public static String erasedCondition(String userId) {
        return "EXISTS (SELECT 1 FROM personal_data_key WHERE user_id = " + userId + " AND erased_at IS NOT NULL)";
    }

    private static State state(ResultSet rs, int row) throws SQLException {
        Timestamp erasedAt = rs.getTimestamp(3);
        if (erasedAt != null) {
            return new Erased(erasedAt.toInstant());
        }
        return new Active(rs.getString(1), rs.getBytes(2));
    }
}
