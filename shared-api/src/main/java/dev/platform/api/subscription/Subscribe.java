package dev.platform.api.subscription;

import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when a user subscribes to a creator: starts the pair's subscription, re-activates a cancelled one, or
 * changes nothing when it is already active. The target is always the pair's own {@link SubscriptionId}.
 */
public record Subscribe(UserId subscriberId, UserId creatorId, Instant subscribedAt) {

    public Subscribe {
        Objects.requireNonNull(subscriberId, "subscriberId");
        Objects.requireNonNull(creatorId, "creatorId");
        Objects.requireNonNull(subscribedAt, "subscribedAt");
    }

    /** The subscription this command is for, derived from the pair. */
    @TargetAggregateIdentifier
    public SubscriptionId subscriptionId() {
        return SubscriptionId.forPair(subscriberId, creatorId);
    }
}
