package dev.platform.command.subscription;

import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.user.UserId;

/**
 * The result of a subscription command: the state after it, whether it started the pair's subscription for the
 * first time, and the aggregate version the read model must reach before the answer (read-your-writes).
 */
record SubscriptionResult(
        SubscriptionId id, UserId subscriberId, UserId creatorId, boolean active, boolean created, long version) {

    String status() {
        return active ? "active" : "cancelled";
    }
}
