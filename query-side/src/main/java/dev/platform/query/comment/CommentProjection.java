package dev.platform.query.comment;

import dev.platform.api.comment.CommentAdded;
import dev.platform.api.common.ReadModels;
import dev.platform.infra.axon.StorableText;
import java.sql.Timestamp;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects comments into {@code comment_view}. A comment is one event, the first of its aggregate: handled again
 * (a stolen claim, a retried batch) it finds its row and changes nothing. What cannot happen fails, so the event
 * parks in the dead-letter queue: a {@code CommentAdded} that is not its aggregate's first event, or a second,
 * different comment under an id that is taken.
 *
 * <p>Parents are not checked here: with several segments a reply may be projected before its parent, and the
 * command side has already made sure that the parent is a comment of the same post.
 */
@Component
@ProcessingGroup(ReadModels.COMMENTS)
class CommentProjection {

    private final JdbcTemplate jdbc;

    CommentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CommentAdded event, @SequenceNumber long sequence, TrackingToken token) {
        if (sequence != 0) {
            throw new IllegalStateException("CommentAdded is a comment's first event, not #" + sequence + ": " + event);
        }
        long position = token.position()
                .orElseThrow(() -> new IllegalStateException("no event position in " + token + " for " + event));
        UUID parent =
                event.parentCommentId() == null ? null : event.parentCommentId().value();
        String content = StorableText.of(event.content(), "content", event.commentId());
        int inserted = jdbc.update(
                "INSERT INTO comment_view (id, post_id, user_id, parent_comment_id, content, created_at, event_position)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                event.commentId().value(),
                event.postId().value(),
                event.userId().value(),
                parent,
                content,
                Timestamp.from(event.createdAt()),
                position);
        if (inserted == 0) {
            Map<String, Object> row = jdbc.queryForMap(
                    "SELECT post_id, user_id, parent_comment_id, content, created_at FROM comment_view WHERE id = ?",
                    event.commentId().value());
            boolean same = event.postId().value().equals(row.get("post_id"))
                    && event.userId().value().equals(row.get("user_id"))
                    && Objects.equals(parent, row.get("parent_comment_id"))
                    && content.equals(row.get("content"))
                    && event.createdAt().equals(((Timestamp) row.get("created_at")).toInstant());
            if (!same) {
                throw new IllegalStateException("comment_view holds another comment under the id of " + event);
            }
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE comment_view");
    }
}
