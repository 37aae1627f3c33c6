package dev.platform.api.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when a verification link of this user's address came back (its signed token checked at the edge): the
 * address reached its owner. The token itself is not in the command, nor in any event.
 */
public record VerifyEmail(@TargetAggregateIdentifier UserId userId, Instant verifiedAt) {}
