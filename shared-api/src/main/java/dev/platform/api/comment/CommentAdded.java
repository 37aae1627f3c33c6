package dev.platform.api.comment;

import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * Emitted once when a comment is added to a published post; {@code parentCommentId} is the comment it replies to
 * (a comment of the same post), or null for a top-level comment.
 */
public record CommentAdded(
        CommentId commentId,
        PostId postId,
        UserId userId,
        CommentId parentCommentId,
        String content,
        Instant createdAt) {}
