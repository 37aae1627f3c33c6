package dev.platform.command.post;

import dev.platform.api.post.PostId;
import dev.platform.api.post.PostStatus;
import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * The result of a change to a post: the post after it, the aggregate version the change brought it to, and
 * whether its status changed by it (published, unpublished, scheduled, unscheduled or deleted: the notification side
 * follows those changes).
 */
record PostResult(
        PostId id,
        UserId creatorId,
        String title,
        String content,
        PostStatus status,
        Instant publishedAt,
        Instant publishAt,
        long version,
        boolean statusChanged) {}
