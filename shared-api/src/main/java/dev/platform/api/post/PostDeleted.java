package dev.platform.api.post;

import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * Emitted once when a post was deleted ({@code DELETE /posts/{id}}), by its creator or by an admin: from then on
 * the post and its comments are gone from every read, no e-mail goes out for it any more, and every command on it
 * is answered as for a post that never existed. Its events stay in the event store for the audit. {@code
 * deletedBy} is the caller and {@code deletedAs} the right they deleted it by.
 */
public record PostDeleted(PostId postId, UserId creatorId, UserId deletedBy, PostDeletedAs deletedAs, Instant deletedAt)
        implements PostEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.deleted(this);
    }
}
