package dev.platform.infra.security;

import dev.platform.api.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every statement on {@code token_not_before}: per user, the earliest issue time of an access token that is still
 * accepted. Owned here (shared-infra) because every process that authenticates requests reads it; the command side
 * raises it in the transaction of a password change.
 */
@Repository
public class TokenCutoffTable {

    // The first key of the advisory lock of raise(), so it never meets another lock of the database.
    private static final int LOCK_SPACE = 0x544f4b4e; // "TOKN"

    private final JdbcTemplate jdbc;

    TokenCutoffTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One user's cutoff as stored, with the change number it was stored under. */
    record Cutoff(UserId userId, Instant notBefore, long seq) {}

    /**
     * Raises the user's cutoff to {@code notBefore} (never lowers it), in the caller's transaction. The advisory lock
     * is held until that transaction ends and is taken before the change number is drawn: a later change draws a
     * higher number only after the earlier one has committed, so numbers become visible in order and a poll for
     * "after n" misses none. Password changes are rare and their transactions short; the wait is too.
     */
    public void raise(UserId userId, Instant notBefore) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, 0)", LOCK_SPACE);
        jdbc.update(
                "INSERT INTO token_not_before (user_id, not_before, seq) VALUES (?, ?, nextval('token_not_before_seq'))"
                        + " ON CONFLICT (user_id) DO UPDATE SET seq = EXCLUDED.seq,"
                        + " not_before = GREATEST(token_not_before.not_before, EXCLUDED.not_before)",
                userId.value(),
                Timestamp.from(notBefore));
    }

    /** The user's cutoff, read from the database (a login issues its token no earlier). */
    public Optional<Instant> find(UserId userId) {
        return jdbc
                .queryForList(
                        "SELECT not_before FROM token_not_before WHERE user_id = ?", Timestamp.class, userId.value())
                .stream()
                .findFirst()
                .map(Timestamp::toInstant);
    }

    /**
     * The cutoffs later than {@code since}, and the row of the highest change number whatever its cutoff: one
     * statement, one snapshot, so polling "after" that number continues exactly where this left off.
     */
    List<Cutoff> recentAndLatest(Instant since) {
        return jdbc.query(
                "SELECT user_id, not_before, seq FROM token_not_before WHERE not_before > ?"
                        + " OR seq = (SELECT max(seq) FROM token_not_before)",
                TokenCutoffTable::cutoff,
                Timestamp.from(since));
    }

    /** The changes after change number {@code seq}, in order. */
    List<Cutoff> after(long seq) {
        return jdbc.query(
                "SELECT user_id, not_before, seq FROM token_not_before WHERE seq > ? ORDER BY seq",
                TokenCutoffTable::cutoff,
                seq);
    }

    private static Cutoff cutoff(ResultSet rs, int row) throws SQLException {
        return new Cutoff(
                new UserId(rs.getObject(1, UUID.class)), rs.getTimestamp(2).toInstant(), rs.getLong(3));
    }
}
