package dev.platform.api.subscription;

import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when a subscriber cancels their subscription to a creator, through the API or the one-click link of an
 * e-mail ({@code via}); a subscription that is already cancelled stays as it is, one that never existed is a
 * {@link SubscriptionNotFound}.
 */
public record Unsubscribe(UserId subscriberId, UserId creatorId, Instant cancelledAt, CancelledVia via) {

    public Unsubscribe {
        Objects.requireNonNull(subscriberId, "subscriberId");
        Objects.requireNonNull(creatorId, "creatorId");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
        Objects.requireNonNull(via, "via");
    }

    /** A cancellation through the API. */
    public Unsubscribe(UserId subscriberId, UserId creatorId, Instant cancelledAt) {
        this(subscriberId, creatorId, cancelledAt, CancelledVia.API);
    }

    /** The subscription this command is for, derived from the pair. */
    @TargetAggregateIdentifier
    public SubscriptionId subscriptionId() {
        return SubscriptionId.forPair(subscriberId, creatorId);
    }
}
