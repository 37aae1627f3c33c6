package dev.platform.query.comment;

import dev.platform.api.comment.CommentId;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostStatus;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.ApiException;
import dev.platform.infra.web.Paging;
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
            throw ApiException.notFound(ErrorCode.POST_NOT_FOUND, "Post");
        }
        Long total =
                jdbc.queryForObject("SELECT count(*) FROM comment_view WHERE post_id = ?", Long.class, postId.value());
        List<CommentView> page = jdbc.query(
                "SELECT id, user_id, parent_comment_id, content, created_at FROM comment_view WHERE post_id = ?"
                        + " ORDER BY created_at, event_position LIMIT ? OFFSET ?",
                (rs, row) -> {
                    UUID parent = rs.getObject(3, UUID.class);
                    return new CommentView(
                            new CommentId(rs.getObject(1, UUID.class)),
                            new UserId(rs.getObject(2, UUID.class)),
                            parent == null ? null : new CommentId(parent),
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant());
                },
                postId.value(),
                paging.limit(),
                paging.offset());
        return Paging.answer(page, total == null ? 0 : total);
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
