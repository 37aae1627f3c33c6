package dev.platform.api.post;

import dev.platform.api.common.ConditionalCommand;
import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when someone asks a post to publish itself later ({@code POST /posts/{id}/publish} with a
 * {@code publish_at}): {@code publishAt} is that instant, already checked to lie ahead, {@code requestedAt} the
 * moment of the request. A present {@code expectedVersion} ({@code If-Match}) makes it conditional on the post's
 * version.
 */
public record SchedulePost(
        @TargetAggregateIdentifier PostId postId,
        UserId requestedBy,
        Instant publishAt,
        Instant requestedAt,
        Optional<ExpectedVersion> expectedVersion)
        implements ConditionalCommand {

    /** An unconditional scheduling. */
    public SchedulePost(PostId postId, UserId requestedBy, Instant publishAt, Instant requestedAt) {
        this(postId, requestedBy, publishAt, requestedAt, Optional.empty());
    }
}
