package dev.platform.api.user;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when the owner asks for another verification e-mail. {@code minInterval} is the configured pace of such
 * requests (the aggregate holds no configuration): one sooner than that after the previous one is not recorded.
 */
public record RequestVerificationEmail(
        @TargetAggregateIdentifier UserId userId, Instant requestedAt, Duration minInterval) {}
