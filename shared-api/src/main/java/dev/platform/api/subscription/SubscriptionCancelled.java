package dev.platform.api.subscription;

import dev.platform.api.user.UserId;
import java.time.Instant;

/** Emitted when an active subscription is cancelled by its subscriber; never for one already cancelled. */
public record SubscriptionCancelled(
        SubscriptionId subscriptionId, UserId subscriberId, UserId creatorId, Instant cancelledAt) {}
