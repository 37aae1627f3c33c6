package dev.platform.command.post;

import dev.platform.api.post.PostId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every statement on {@code scheduled_publication}: the posts waiting for their scheduled publication, written by
 * {@link ScheduledPublicationProjection} and leased and dropped by {@link ScheduledPublications}.
 */
@Component
class ScheduledPublicationTable {

    /** A due row a node has leased: the post and the instant it was scheduled for when leased. */
    record Due(PostId postId, Instant publishAt) {}

    private final JdbcTemplate jdbc;

    ScheduledPublicationTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The post is scheduled for {@code publishAt}: a new row, or the row moved to that instant and unleased. */
    void schedule(PostId postId, Instant publishAt) {
        jdbc.update(
                "INSERT INTO scheduled_publication (post_id, publish_at) VALUES (?, ?) ON CONFLICT (post_id)"
                        + " DO UPDATE SET publish_at = EXCLUDED.publish_at, lease_until = NULL, attempts = 0",
                postId.value(),
                Timestamp.from(publishAt));
    }

    /** The post is no longer scheduled (published, or unscheduled). */
    void remove(PostId postId) {
        jdbc.update("DELETE FROM scheduled_publication WHERE post_id = ?", postId.value());
    }

    /** Drops the row only if it is still the schedule that was fired (a newer instant stays). */
    void removeFired(Due due) {
        jdbc.update(
                "DELETE FROM scheduled_publication WHERE post_id = ? AND publish_at = ?",
                due.postId().value(),
                Timestamp.from(due.publishAt()));
    }

    /**
     * Leases up to {@code limit} rows due at {@code now} (scheduled at or before it, and not leased by a node whose
     * lease still runs), until {@code leaseUntil}, in one statement: rows another node is leasing at this moment
     * are skipped, never waited for, and a row is leased by one node at a time.
     */
    List<Due> leaseDue(Instant now, Instant leaseUntil, int limit) {
        Timestamp at = Timestamp.from(now);
        return jdbc.query(
                "UPDATE scheduled_publication SET lease_until = ?, attempts = attempts + 1 WHERE post_id IN"
                        + " (SELECT post_id FROM scheduled_publication WHERE publish_at <= ?"
                        + " AND (lease_until IS NULL OR lease_until <= ?) ORDER BY publish_at LIMIT ?"
                        + " FOR UPDATE SKIP LOCKED) RETURNING post_id, publish_at",
                (rs, row) -> new Due(
                        new PostId(rs.getObject(1, UUID.class)),
                        rs.getTimestamp(2).toInstant()),
                Timestamp.from(leaseUntil),
                at,
                at,
                limit);
    }
}
