package dev.platform.api.post;

import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * Emitted when a scheduled post's creator cancelled its publication: the post is a plain draft again and nothing
 * publishes it.
 */
public record PostUnscheduled(PostId postId, UserId creatorId, Instant unscheduledAt) implements PostEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.unscheduled(this);
    }
}
