package dev.platform.api.subscription;

import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * Emitted when an active subscription is cancelled by its subscriber; never for one already cancelled. {@code via}
 * records where the cancellation came from; events stored before it existed have none and read as {@link
 * CancelledVia#API}, the only way there was (no upcaster needed: a missing field is a null in the constructor).
 */
public record SubscriptionCancelled(
        SubscriptionId subscriptionId, UserId subscriberId, UserId creatorId, Instant cancelledAt, CancelledVia via) {

    public SubscriptionCancelled {
        via = via == null ? CancelledVia.API : via;
    }

    /** A cancellation through the API. */
    public SubscriptionCancelled(
            SubscriptionId subscriptionId, UserId subscriberId, UserId creatorId, Instant cancelledAt) {
        this(subscriptionId, subscriberId, creatorId, cancelledAt, CancelledVia.API);
    }
}
