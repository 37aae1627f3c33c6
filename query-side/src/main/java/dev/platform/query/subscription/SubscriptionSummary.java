package dev.platform.query.subscription;

import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.user.UserId;
import java.time.Instant;

/** A subscription as its subscriber reads it. */
record SubscriptionSummary(SubscriptionId id, UserId creatorId, String status, Instant subscribedAt) {}
