package dev.platform.api.comment;

import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * Sent when a user comments on a post, at the top level ({@code parentCommentId} null) or as a reply to another
 * comment of the same post. The id and the time come from the edge; the user is the caller's token subject.
 */
public record AddComment(
        CommentId commentId,
        PostId postId,
        UserId userId,
        CommentId parentCommentId,
        String content,
        Instant createdAt) {

    public AddComment {
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
