package dev.platform.api.comment;

import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * Sent to remove a comment: through {@code DELETE /posts/{post_id}/comments/{id}} by a user ({@link #byUser}), who
 * may when they are its author, the post's creator or an admin; or by the erasure of the author's personal data
 * ({@link #forErasure}), which may remove any comment, also on a post that is not published, and for which a
 * comment removed already is no error. The comment's removal records who asked and in which role
 * ({@link CommentRemovalRole}).
 *
 * @param requestedBy the caller's token subject; for an erasure, whoever asked for it (the person or an admin)
 * @param requestedByAdmin whether the caller's token has the admin role
 * @param erasure whether the system removes the comment for an erasure
 */
public record RemoveComment(
        CommentId commentId,
        PostId postId,
        UserId requestedBy,
        boolean requestedByAdmin,
        boolean erasure,
        Instant removedAt) {

    public RemoveComment {
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(removedAt, "removedAt");
    }

    /** A removal asked for through the API. */
    public static RemoveComment byUser(
            CommentId commentId, PostId postId, UserId caller, boolean callerIsAdmin, Instant removedAt) {
        return new RemoveComment(commentId, postId, caller, callerIsAdmin, false, removedAt);
    }

    /** A removal by the erasure of the comment's author, asked for by {@code requestedBy}. */
    public static RemoveComment forErasure(CommentId commentId, PostId postId, UserId requestedBy, Instant removedAt) {
        return new RemoveComment(commentId, postId, requestedBy, false, true, removedAt);
    }
}
