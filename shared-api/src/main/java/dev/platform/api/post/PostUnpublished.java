package dev.platform.api.post;

import dev.platform.api.user.UserId;
import java.time.Instant;

/** Emitted when a published post went back to being a draft, hidden from everyone but its creator. */
public record PostUnpublished(PostId postId, UserId creatorId, Instant unpublishedAt) implements PostEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.unpublished(this);
    }
}
