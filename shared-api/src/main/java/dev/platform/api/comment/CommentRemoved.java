package dev.platform.api.comment;

import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * Emitted once when a comment is removed: by its author, by the creator of its post or an admin (moderation), or by
 * the erasure of its author. {@code removedBy} asked for it, {@code role} says on what authority. The comment's
 * earlier events keep its content; the reads show it no more (a removed comment with replies stays in the thread
 * as a placeholder without content and author).
 */
public record CommentRemoved(
        CommentId commentId, PostId postId, UserId removedBy, CommentRemovalRole role, Instant removedAt) {}
