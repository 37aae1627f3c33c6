package dev.platform.api.post;

import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * Emitted each time a draft goes out to every user (the first publication and every republication); the title
 * and the content are the version that went out.
 */
public record PostPublished(PostId postId, UserId creatorId, String title, String content, Instant publishedAt)
        implements PostEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.published(this);
    }
}
