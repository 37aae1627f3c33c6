package dev.platform.query.comment;

import dev.platform.api.comment.CommentId;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.post.PostId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.Paging;
import dev.platform.infra.web.Refusals;
import dev.platform.query.post.PostViewTable;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    private final CommentViewTable comments;
    private final PostViewTable posts;

    CommentQueryController(CommentViewTable comments, PostViewTable posts) {
        this.comments = comments;
        this.posts = posts;
    }

    @GetMapping("/{post_id}/comments")
    ResponseEntity<List<CommentView>> list(
            @PathVariable("post_id") PostId postId,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "offset", required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        Paging paging = Paging.of(limit, offset);
        requireVisible(postId, caller);
        long total = comments.countOnPost(postId);
        return paging.answer(comments.pageOnPost(postId, paging.limit(), paging.offset()), total);
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
        requireVisible(postId, caller);
        return comments.find(postId, id).orElseThrow(() -> Refusals.notFound(ErrorCode.COMMENT_NOT_FOUND, "Comment"));
    }

    /** Published: everyone; a draft: its creator only; no such post: nobody. Read from the posts read model. */
    private void requireVisible(PostId postId, AuthenticatedUser caller) {
        if (!posts.standing(postId).map(post -> post.visibleTo(caller)).orElse(false)) {
            throw Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post");
        }
    }
}
