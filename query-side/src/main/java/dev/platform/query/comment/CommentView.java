package dev.platform.query.comment;

import dev.platform.api.comment.CommentId;
import dev.platform.api.user.UserId;
import java.time.Instant;

/** A comment as the comment reads answer it; {@code parentCommentId} lets a client build the threads. */
record CommentView(CommentId id, UserId userId, CommentId parentCommentId, String content, Instant createdAt) {}
