package dev.platform.query.comment;

import dev.platform.api.comment.CommentId;
import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every statement on {@code comment_view}, the comments read model: the projection's insert and its check of a row
 * already there, and the reads of a post's comments, ordered as they were stored ({@code created_at}, then the
 * event's position in the stream).
 */
@Component
class CommentViewTable {

    private static final String COLUMNS = "id, user_id, parent_comment_id, content, created_at";

    private final JdbcTemplate jdbc;

    CommentViewTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the comment; answers false, storing nothing, when its id has a row already. */
    boolean insert(PostId post, CommentView comment, long position) {
        return jdbc.update(
                        "INSERT INTO comment_view (id, post_id, user_id, parent_comment_id, content, created_at,"
                                + " event_position) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                        comment.id().value(),
                        post.value(),
                        comment.userId().value(),
                        parent(comment),
                        comment.content(),
                        Timestamp.from(comment.createdAt()),
                        position)
                == 1;
    }

    /** Whether the row under the comment's id holds this very comment on this post. */
    boolean holds(PostId post, CommentView comment) {
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT post_id, user_id, parent_comment_id, content, created_at FROM comment_view WHERE id = ?",
                comment.id().value());
        return post.value().equals(row.get("post_id"))
                && comment.userId().value().equals(row.get("user_id"))
                && Objects.equals(parent(comment), row.get("parent_comment_id"))
                && comment.content().equals(row.get("content"))
                && comment.createdAt().equals(((Timestamp) row.get("created_at")).toInstant());
    }

    long countOnPost(PostId post) {
        Long total =
                jdbc.queryForObject("SELECT count(*) FROM comment_view WHERE post_id = ?", Long.class, post.value());
        return total == null ? 0 : total;
    }

    /** A page of the post's comments, oldest first (ties in one millisecond in the order they were stored). */
    List<CommentView> pageOnPost(PostId post, int limit, int offset) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM comment_view WHERE post_id = ? ORDER BY created_at, event_position"
                        + " LIMIT ? OFFSET ?",
                CommentViewTable::comment,
                post.value(),
                limit,
                offset);
    }

    /** The comment, when it is one on this post. */
    Optional<CommentView> find(PostId post, CommentId id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM comment_view WHERE id = ? AND post_id = ?",
                        CommentViewTable::comment,
                        id.value(),
                        post.value())
                .stream()
                .findFirst();
    }

    /** Empties the table before a rebuild. */
    void truncate() {
        jdbc.update("TRUNCATE comment_view");
    }

    private static UUID parent(CommentView comment) {
        return comment.parentCommentId() == null
                ? null
                : comment.parentCommentId().value();
    }

    private static CommentView comment(ResultSet rs, int row) throws SQLException {
        UUID parent = rs.getObject(3, UUID.class);
        return new CommentView(
                new CommentId(rs.getObject(1, UUID.class)),
                new UserId(rs.getObject(2, UUID.class)),
                parent == null ? null : new CommentId(parent),
                rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }
}
