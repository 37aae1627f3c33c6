package dev.platform.api.post;

import dev.platform.api.common.ConditionalCommand;
import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when someone asks to delete a post ({@code DELETE /posts/{id}}); {@code requestedBy} is the caller and
 * {@code requestedByAdmin} whether the caller's token carries the admin role. The post decides whether they may. A
 * present {@code expectedVersion} ({@code If-Match}) makes the deletion conditional on the post's version.
 */
public record DeletePost(
        @TargetAggregateIdentifier PostId postId,
        UserId requestedBy,
        boolean requestedByAdmin,
        Instant deletedAt,
        Optional<ExpectedVersion> expectedVersion)
        implements ConditionalCommand {

    /** An unconditional deletion. */
    public DeletePost(PostId postId, UserId requestedBy, boolean requestedByAdmin, Instant deletedAt) {
        this(postId, requestedBy, requestedByAdmin, deletedAt, Optional.empty());
    }
}
