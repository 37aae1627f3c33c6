package dev.platform.command.post;

import dev.platform.api.post.PostId;
import dev.platform.api.post.PostStatus;
import dev.platform.api.user.UserId;
import java.time.Instant;

/** The result of a change to a post: the post after it, and the aggregate version the change brought it to. */
record PostState(
        PostId id,
        UserId creatorId,
        String title,
        String content,
        PostStatus status,
        Instant publishedAt,
        long version) {}
