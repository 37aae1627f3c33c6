package dev.platform.api.post;

import dev.platform.api.common.ConditionalCommand;
import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when someone asks to publish a post ({@code POST /posts/{id}/publish}); {@code requestedBy} is the caller.
 * A present {@code expectedVersion} ({@code If-Match}) makes the publication conditional on the post's version.
 */
public record PublishPost(
        @TargetAggregateIdentifier PostId postId,
        UserId requestedBy,
        Instant publishedAt,
        Optional<ExpectedVersion> expectedVersion)
        implements ConditionalCommand {

    /** An unconditional publication. */
    public PublishPost(PostId postId, UserId requestedBy, Instant publishedAt) {
        this(postId, requestedBy, publishedAt, Optional.empty());
    }
}
