package dev.platform.api.comment;

import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * Sent when a user changes the content of a comment through {@code PUT /posts/{post_id}/comments/{id}}. Only the
 * comment's author may; {@code requestedBy} is the caller's token subject and the time comes from the edge.
 */
public record EditComment(CommentId commentId, PostId postId, UserId requestedBy, String content, Instant editedAt) {

    public EditComment {
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(editedAt, "editedAt");
    }
}
