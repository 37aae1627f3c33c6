package dev.platform.query.comment;

import dev.platform.api.comment.CommentId;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostStatus;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.Paging;
import dev.platform.infra.web.Refusals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists a post's comments, oldest first (ties in one millisecond in the order they were stored), as a flat list
 * whose {@code parent_comment_id} lets a client build the threads. A published post's comments are for every
 * user. A draft is a 404 {@code POST_NOT_FOUND} for everyone but its creator, who sees the comments it kept from
 * an earlier publication (none for a post never published), as they see the draft itself.
 */
@RestController
@RequestMapping(path = "/api/v1/posts", produces = MediaType.APPLICATION_JSON_VALUE)
class CommentQueryController {

    private static final String COLUMNS = "id, user_id, parent_comment_id, content, created_at";

    private final JdbcTemplate jdbc;

    CommentQueryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record CommentView(CommentId id, UserId userId, CommentId parentCommentId, String content, Instant createdAt) {}

    @GetMapping("/{post_id}/comments")
    ResponseEntity<List<CommentView>> list(
            @PathVariable("post_id") PostId postId,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "offset", required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        Paging paging = Paging.of(limit, offset);
        if (!visible(postId, caller)) {
            throw Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post");
        }
        Long total =
                jdbc.queryForObject("SELECT count(*) FROM comment_view WHERE post_id = ?", Long.class, postId.value());
        List<CommentView> page = jdbc.query(
                "SELECT " + COLUMNS + " FROM comment_view WHERE post_id = ? ORDER BY created_at, event_position"
                        + " LIMIT ? OFFSET ?",
                CommentQueryController::comment,
                postId.value(),
                paging.limit(),
                paging.offset());
        return paging.answer(page, total == null ? 0 : total);
    }

    /**
     * One comment of a post (where a comment's {@code Location} points), visible to whoever may list the post's
     * comments: a post the caller cannot see is a 404 {@code POST_NOT_FOUND}, a comment not on this post a 404
     * {@code COMMENT_NOT_FOUND}.
     */
    @GetMapping("/{post_id}/comments/{id}")
    CommentView get(
            @PathVariable("post_id") PostId postId,
            @PathVariable("id") CommentId id,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (!visible(postId, caller)) {
            throw Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post");
        }
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM comment_view WHERE id = ? AND post_id = ?",
                        CommentQueryController::comment,
                        id.value(),
                        postId.value())
                .stream()
                .findFirst()
                .orElseThrow(() -> Refusals.notFound(ErrorCode.COMMENT_NOT_FOUND, "Comment"));
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

    /** Published: everyone; a draft: its creator only; no such post: nobody. Read from the posts read model. */
    private boolean visible(PostId postId, AuthenticatedUser caller) {
        return jdbc
                .query(
                        "SELECT creator_id, status FROM post_view WHERE id = ?",
                        (rs, row) -> PostStatus.PUBLISHED.apiName().equals(rs.getString(2))
                                || caller.is(new UserId(rs.getObject(1, UUID.class))),
                        postId.value())
                .stream()
                .findFirst()
                .orElse(false);
    }
}
