package dev.platform.api.post;

import dev.platform.api.user.UserId;
import java.time.Instant;

/** Emitted once when a creator writes a new post, as a draft. */
public record PostCreated(PostId postId, UserId creatorId, String title, String content, Instant createdAt)
        implements PostEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.created(this);
    }
}
