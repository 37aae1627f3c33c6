package dev.platform.query.comment;

import dev.platform.api.comment.CommentId;
import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * A comment as the comment reads answer it; {@code parentCommentId} lets a client build the threads. A removed
 * comment still shown (a comment below it is not removed) is a placeholder: {@code deleted} true, and no author,
 * content or edit time ({@code null}).
 *
 * @param editedAt when the content was last changed; null while it never was
 */
record CommentView(
        CommentId id,
        UserId userId,
        CommentId parentCommentId,
        String content,
        Instant createdAt,
        Instant editedAt,
        boolean deleted) {

    /** A comment as it is added: never edited, not removed. */
    static CommentView added(CommentId id, UserId userId, CommentId parentCommentId, String content, Instant at) {
        return new CommentView(id, userId, parentCommentId, content, at, null, false);
    }
}
