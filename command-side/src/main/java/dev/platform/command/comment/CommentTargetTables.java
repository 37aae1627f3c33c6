package dev.platform.command.comment;

import dev.platform.api.comment.CommentId;
import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@link CommentTargets} in the command side's tables {@code post_state} (kept by {@link PostStateProjection}) and
 * {@code comment_post} (each comment's post, and whether it was removed); never the query side's tables, which lag behind the event store.
 */
@Repository
class CommentTargetTables implements CommentTargets {

    private final JdbcTemplate jdbc;

    CommentTargetTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<PostStateRow> lockPost(PostId postId) {
        // FOR SHARE, not FOR KEY SHARE: a status change updates a non-key column, which only FOR SHARE blocks.
        return jdbc
                .query(
                        "SELECT creator_id, published FROM post_state WHERE post_id = ? FOR SHARE",
                        (rs, row) -> new PostStateRow(new UserId(rs.getObject(1, UUID.class)), rs.getBoolean(2)),
                        postId.value())
                .stream()
                .findFirst();
    }

    @Override
    public Optional<CommentRow> lockComment(CommentId commentId) {
        // FOR SHARE: replies to one comment do not wait for each other; a removal (an UPDATE) waits for them.
        return comment(commentId, "FOR SHARE");
    }

    @Override
    public Optional<CommentRow> lockCommentForRemoval(CommentId commentId) {
        return comment(commentId, "FOR UPDATE");
    }

    private Optional<CommentRow> comment(CommentId commentId, String lock) {
        return jdbc
                .query(
                        "SELECT post_id, removed FROM comment_post WHERE comment_id = ? " + lock,
                        (rs, row) -> new CommentRow(new PostId(rs.getObject(1, UUID.class)), rs.getBoolean(2)),
                        commentId.value())
                .stream()
                .findFirst();
    }

    /** One statement: a comment's admission is one round trip to the database instead of two. */
    @Override
    public Optional<PostStateRow> lockPostRecordingComment(PostId postId, CommentId commentId) {
        return jdbc
                .query(
                        "WITH post AS (SELECT creator_id, published FROM post_state WHERE post_id = ? FOR SHARE),"
                                + " recorded AS (INSERT INTO comment_post (comment_id, post_id)"
                                + " SELECT ?, ? FROM post WHERE published)"
                                + " SELECT creator_id, published FROM post",
                        (rs, row) -> new PostStateRow(new UserId(rs.getObject(1, UUID.class)), rs.getBoolean(2)),
                        postId.value(),
                        commentId.value(),
                        postId.value())
                .stream()
                .findFirst();
    }

    @Override
    public void recordRemoval(CommentId commentId) {
        if (jdbc.update("UPDATE comment_post SET removed = TRUE WHERE comment_id = ?", commentId.value()) != 1) {
            throw new IllegalStateException("no comment_post row for the removed comment " + commentId);
        }
    }
}
