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
 * {@code comment_post}; never the query side's tables, which lag behind the event store.
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
    public Optional<PostId> postOf(CommentId commentId) {
        return jdbc
                .query(
                        "SELECT post_id FROM comment_post WHERE comment_id = ?",
                        (rs, row) -> new PostId(rs.getObject(1, UUID.class)),
                        commentId.value())
                .stream()
                .findFirst();
    }

    @Override
    public void recordComment(CommentId commentId, PostId postId) {
        jdbc.update("INSERT INTO comment_post (comment_id, post_id) VALUES (?, ?)", commentId.value(), postId.value());
    }
}
