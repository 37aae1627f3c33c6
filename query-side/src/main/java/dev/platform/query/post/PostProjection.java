package dev.platform.query.post;

import dev.platform.api.common.ReadModels;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUpdated;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects posts into {@code post_view}. Idempotent under redelivery: each row remembers the last applied
 * sequence number and older events leave it alone. An event for a row that is missing is an error (the event
 * parks in the dead-letter queue), never silently skipped. {@code view_count} belongs to analytics: no event
 * here changes it, and a row starts with the views analytics recorded for the post ({@code analytics_post_view}),
 * so a rebuild, which truncates the table, keeps every post's count.
 */
@Component
@ProcessingGroup(ReadModels.POSTS)
class PostProjection {

    private final JdbcTemplate jdbc;

    PostProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PostCreated event, @SequenceNumber long sequence) {
        jdbc.update(
                "INSERT INTO post_view (id, creator_id, title, content, status, published_at, created_at, updated_at,"
                        + " version, view_count) VALUES (?, ?, ?, ?, 'draft', NULL, ?, ?, ?,"
                        + " (SELECT count(*) FROM analytics_post_view WHERE post_id = ?)) ON CONFLICT (id) DO NOTHING",
                event.postId().value(),
                event.creatorId().value(),
                event.title(),
                event.content(),
                Timestamp.from(event.createdAt()),
                Timestamp.from(event.createdAt()),
                sequence,
                event.postId().value());
    }

    @EventHandler
    void on(PostUpdated event, @SequenceNumber long sequence) {
        int updated = jdbc.update(
                "UPDATE post_view SET title = ?, content = ?, updated_at = ?, version = ? WHERE id = ? AND version < ?",
                event.title(),
                event.content(),
                Timestamp.from(event.updatedAt()),
                sequence,
                event.postId().value(),
                sequence);
        mustExist(updated, event.postId());
    }

    @EventHandler
    void on(PostPublished event, @SequenceNumber long sequence) {
        int updated = jdbc.update(
                "UPDATE post_view SET status = 'published', title = ?, content = ?, published_at = ?, updated_at = ?,"
                        + " version = ? WHERE id = ? AND version < ?",
                event.title(),
                event.content(),
                Timestamp.from(event.publishedAt()),
                Timestamp.from(event.publishedAt()),
                sequence,
                event.postId().value(),
                sequence);
        mustExist(updated, event.postId());
    }

    @EventHandler
    void on(PostUnpublished event, @SequenceNumber long sequence) {
        int updated = jdbc.update(
                "UPDATE post_view SET status = 'draft', published_at = NULL, updated_at = ?, version = ?"
                        + " WHERE id = ? AND version < ?",
                Timestamp.from(event.unpublishedAt()),
                sequence,
                event.postId().value(),
                sequence);
        mustExist(updated, event.postId());
    }

    /** No row changed: fine when the event was applied before (redelivery), an error when the row is missing. */
    private void mustExist(int updated, PostId id) {
        if (updated == 0) {
            Integer rows =
                    jdbc.queryForObject("SELECT count(*) FROM post_view WHERE id = ?", Integer.class, id.value());
            if (rows == null || rows == 0) {
                throw new IllegalStateException("post_view has no row for " + id);
            }
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE post_view");
    }
}
