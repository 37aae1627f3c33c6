package dev.platform.query.post;

import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import java.time.Instant;

/** A post as {@code GET /posts/{id}} answers it, now or as of a past instant; {@code publishAt} is
 * set while it is scheduled. */
record PostView(
        PostId id,
        UserId creatorId,
        String title,
        String content,
        String status,
        Instant publishedAt,
        Instant publishAt,
        Instant createdAt,
        Instant updatedAt,
        long viewCount) {}
