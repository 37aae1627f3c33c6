package dev.platform.api.post;

import dev.platform.api.user.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent when someone asks to publish a post ({@code POST /posts/{id}/publish}); {@code requestedBy} is the caller. */
public record PublishPost(@TargetAggregateIdentifier PostId postId, UserId requestedBy, Instant publishedAt) {}
