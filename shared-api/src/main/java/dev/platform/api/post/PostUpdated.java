package dev.platform.api.post;

import java.time.Instant;

/** Emitted when a post's title or content changed; both are the values after the change. */
public record PostUpdated(PostId postId, String title, String content, Instant updatedAt) implements PostEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.updated(this);
    }
}
