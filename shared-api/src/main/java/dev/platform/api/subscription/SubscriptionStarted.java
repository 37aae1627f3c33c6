package dev.platform.api.subscription;

import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * Emitted when a subscription becomes active: the first subscribe of the pair, or a re-subscribe after a
 * cancellation. {@code startedAt} is the instant of this activation.
 */
public record SubscriptionStarted(
        SubscriptionId subscriptionId, UserId subscriberId, UserId creatorId, Instant startedAt) {}
