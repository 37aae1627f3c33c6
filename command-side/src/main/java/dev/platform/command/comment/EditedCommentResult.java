package dev.platform.command.comment;

import dev.platform.api.comment.CommentId;
import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * The result of an edit: the comment after it ({@code editedAt} null while it was never edited) and the aggregate
 * version the read model must reach.
 */
record EditedCommentResult(
        CommentId id,
        PostId postId,
        UserId userId,
        CommentId parentCommentId,
        String content,
        Instant createdAt,
        Instant editedAt,
        long version) {}
