package dev.platform.notification;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The platform's e-mail token bucket, one row in PostgreSQL that every node takes tokens from
 * ({@code notification_rate_bucket}). A take is one statement, so one round trip and one commit: the row lock
 * orders concurrent takes, and the refill is counted by the database's clock, so the nodes' clocks may differ.
 *
 * <p>The refill runs from the later of the last count and this statement's start. A take that waited for the row
 * lock behind a later one therefore adds nothing for the time in between: the bucket can only lose time, never
 * count it twice.
 */
@Repository
class SharedRateBucket {

    static final String EMAIL = "email";

    /** What one take got, and the tokens (fewer than one token short of a whole one) left in the bucket after it. */
    record Grant(int granted, double remaining) {}

    private static final String TAKE = "UPDATE notification_rate_bucket b"
            + " SET (tokens, granted, refilled_at) = ("
            + "   SELECT t.available - t.taken, t.taken, greatest(b.refilled_at, statement_timestamp())"
            + "   FROM (SELECT a.available, least(?::int, floor(a.available))::int AS taken"
            + "     FROM (SELECT least(?::float8, b.tokens + ?::float8 * greatest(0,"
            + "       extract(epoch FROM statement_timestamp() - b.refilled_at))::float8) AS available) a) t)"
            + " WHERE b.name = ?"
            + " RETURNING b.granted, b.tokens";

    private final JdbcTemplate jdbc;

    SharedRateBucket(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes up to {@code wanted} whole tokens from the bucket {@code name}, which refills at {@code ratePerSecond}
     * and holds at most {@code capacity}; a bucket not there yet is made, empty.
     */
    Grant take(String name, int wanted, double ratePerSecond, int capacity) {
        Optional<Grant> grant = tryTake(name, wanted, ratePerSecond, capacity);
        if (grant.isPresent()) {
            return grant.get();
        }
        jdbc.update(
                "INSERT INTO notification_rate_bucket (name, tokens, refilled_at) VALUES (?, 0, now())"
                        + " ON CONFLICT (name) DO NOTHING",
                name);
        return tryTake(name, wanted, ratePerSecond, capacity).orElse(new Grant(0, 0));
    }

    private Optional<Grant> tryTake(String name, int wanted, double ratePerSecond, int capacity) {
        return jdbc
                .query(
                        TAKE,
                        (rs, row) -> new Grant(rs.getInt(1), rs.getDouble(2)),
                        wanted,
                        capacity,
                        ratePerSecond,
                        name)
                .stream()
                .findFirst();
    }
}
