package dev.platform.api.post;

import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * Emitted when a draft's creator set the instant it publishes itself ({@code publishAt}), or moved that instant
 * of a post already scheduled; {@code scheduledAt} is when they asked. The post stays hidden from everyone else
 * until then.
 */
public record PostScheduled(PostId postId, UserId creatorId, Instant publishAt, Instant scheduledAt)
        implements PostEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.scheduled(this);
    }
}
