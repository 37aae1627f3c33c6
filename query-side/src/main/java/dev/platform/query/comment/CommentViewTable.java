package dev.platform.query.comment;

import dev.platform.api.comment.CommentId;
import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import dev.platform.infra.db.StatementsAtCommit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every statement on {@code comment_view}, the comments read model: the projection's insert, edit and removal and its
 * checks of a row already there, and the reads of a post's comments, ordered as they were stored ({@code
 * created_at}, then the event's position in the stream).
 *
 * <p>What the reads show (the list, its count and the single comment alike): every comment that is not removed,
 * and every removed comment with a comment below it (a reply, a reply to a reply, ...) that is not removed, as a
 * placeholder that keeps the thread whole. A removed comment with nothing shown below it is not shown: once the
 * last comment under a placeholder is removed, the placeholder goes too.
 */
@Component
class CommentViewTable {

    private static final String COLUMNS = "id, user_id, parent_comment_id, content, created_at, edited_at, removed";
    /** A new row, up to its position (the last value, given by the caller). */
    private static final String INSERT = "INSERT INTO comment_view (id, post_id, user_id, parent_comment_id, content,"
            + " created_at, event_position) VALUES (?, ?, ?, ?, ?, ?,";

    /**
     * The ids of the post's comments that the reads show: those not removed, and their ancestors (a parent is on the
     * same post). UNION, not UNION ALL: an ancestor of several is walked once.
     */
    private static final String SHOWN = "WITH RECURSIVE shown (id, parent_comment_id) AS ("
            + " SELECT id, parent_comment_id FROM comment_view WHERE post_id = ? AND NOT removed"
            + " UNION SELECT c.id, c.parent_comment_id FROM comment_view c JOIN shown s ON c.id = s.parent_comment_id"
            + " WHERE c.post_id = ?) ";

    private final JdbcTemplate jdbc;
    private final StatementsAtCommit atCommit;

    /** The table, each insert at once (tests of the statements). */
    CommentViewTable(JdbcTemplate jdbc) {
        this(jdbc, new StatementsAtCommit(jdbc));
    }

    @Autowired
    CommentViewTable(JdbcTemplate jdbc, StatementsAtCommit atCommit) {
        this.jdbc = jdbc;
        this.atCommit = atCommit;
    }

    /**
     * Stores the comment with the transaction's other kept statements at its commit ({@link StatementsAtCommit}),
     * its position that of the event {@code eventIdentifier} (stored before it in the same transaction; without it the
     * position is NULL, which the table refuses); a row already under its id fails the commit.
     */
    void insertAtCommit(PostId post, CommentView comment, String eventIdentifier) {
        atCommit.run(
                INSERT + " (SELECT global_index FROM domain_event_entry WHERE event_identifier = ?))",
                row(post, comment, eventIdentifier));
    }

    /** Stores the comment; answers false, storing nothing, when its id has a row already. */
    boolean insert(PostId post, CommentView comment, long position) {
        return jdbc.update(INSERT + " ?) ON CONFLICT (id) DO NOTHING", row(post, comment, position)) == 1;
    }

    /** The values of {@link #INSERT}, the position (or what gives it) last. */
    private static Object[] row(PostId post, CommentView comment, Object position) {
        return new Object[] {
            comment.id().value(),
            post.value(),
            comment.userId().value(),
            parent(comment),
            comment.content(),
            Timestamp.from(comment.createdAt()),
            position
        };
    }

    /**
     * Whether the row under the comment's id holds this very comment on this post: what a later edit or removal
     * leaves of it (the post, the parent, the time; the author unless removed), and the content too while no later
     * event was applied.
     */
    boolean holds(PostId post, CommentView comment) {
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT post_id, user_id, parent_comment_id, content, created_at, version FROM comment_view WHERE id = ?",
                comment.id().value());
        boolean unchanged = ((Number) row.get("version")).longValue() == 0;
        return post.value().equals(row.get("post_id"))
                && (row.get("user_id") == null || comment.userId().value().equals(row.get("user_id")))
                && Objects.equals(parent(comment), row.get("parent_comment_id"))
                && (!unchanged || comment.content().equals(row.get("content")))
                && comment.createdAt().equals(((Timestamp) row.get("created_at")).toInstant());
    }

    /**
     * The comment's new content, applied when {@code version} (the event's sequence number) is newer than the row's;
     * answers false when nothing was changed (no row, or this event or a later one was applied already).
     */
    boolean edit(CommentId id, String content, Instant editedAt, long version) {
        return jdbc.update(
                        "UPDATE comment_view SET content = ?, edited_at = ?, version = ? WHERE id = ? AND version < ?",
                        content,
                        Timestamp.from(editedAt),
                        version,
                        id.value(),
                        version)
                == 1;
    }

    /**
     * Marks the comment removed and forgets its author and content, when {@code version} is newer than the row's;
     * answers false when nothing was changed (no row, or this event was applied already).
     */
    boolean remove(CommentId id, long version) {
        return jdbc.update(
                        "UPDATE comment_view SET removed = TRUE, user_id = NULL, content = NULL, edited_at = NULL,"
                                + " version = ? WHERE id = ? AND version < ?",
                        version,
                        id.value(),
                        version)
                == 1;
    }

    /** The sequence number of the comment's last applied event; empty when it has no row. */
    Optional<Long> version(CommentId id) {
        return jdbc
                .query("SELECT version FROM comment_view WHERE id = ?", (rs, row) -> rs.getLong(1), id.value())
                .stream()
                .findFirst();
    }

    /** How many of the post's comments the reads show (placeholders included). */
    long countOnPost(PostId post) {
        Long total = jdbc.queryForObject(SHOWN + "SELECT count(*) FROM shown", Long.class, post.value(), post.value());
        return total == null ? 0 : total;
    }

    /** A page of the post's shown comments, oldest first (ties in one millisecond in the order they were stored). */
    List<CommentView> pageOnPost(PostId post, int limit, int offset) {
        return jdbc.query(
                SHOWN + "SELECT " + COLUMNS + " FROM comment_view WHERE post_id = ? AND id IN (SELECT id FROM shown)"
                        + " ORDER BY created_at, event_position LIMIT ? OFFSET ?",
                CommentViewTable::comment,
                post.value(),
                post.value(),
                post.value(),
                limit,
                offset);
    }

    /** The comment, when it is one on this post that the reads show. */
    Optional<CommentView> find(PostId post, CommentId id) {
        return jdbc
                .query(
                        SHOWN + "SELECT " + COLUMNS + " FROM comment_view WHERE id = ? AND post_id = ?"
                                + " AND id IN (SELECT id FROM shown)",
                        CommentViewTable::comment,
                        post.value(),
                        post.value(),
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
        UUID user = rs.getObject(2, UUID.class);
        UUID parent = rs.getObject(3, UUID.class);
        Timestamp editedAt = rs.getTimestamp(6);
        return new CommentView(
                new CommentId(rs.getObject(1, UUID.class)),
                user == null ? null : new UserId(user),
                parent == null ? null : new CommentId(parent),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                editedAt == null ? null : editedAt.toInstant(),
                rs.getBoolean(7));
    }
}
