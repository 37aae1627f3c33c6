package dev.platform.api.comment;

import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * Emitted when the author of a comment changes its content (never for the same content again): {@code content} is
 * the new version, and every earlier one stays in the comment's earlier events.
 */
public record CommentEdited(CommentId commentId, PostId postId, UserId userId, String content, Instant editedAt) {}
