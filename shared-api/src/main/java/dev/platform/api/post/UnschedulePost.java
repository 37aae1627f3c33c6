package dev.platform.api.post;

import dev.platform.api.user.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when someone asks a scheduled post not to publish itself ({@code POST /posts/{id}/unschedule}):
 * {@code requestedBy} is the caller, {@code requestedAt} the moment of the request.
 */
public record UnschedulePost(@TargetAggregateIdentifier PostId postId, UserId requestedBy, Instant requestedAt) {}
