package dev.platform.query.subscription;

import dev.platform.api.common.ReadModels;
import dev.platform.api.subscription.SubscriptionCancelled;
import dev.platform.api.subscription.SubscriptionStarted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Projects subscriptions into {@code subscription_view}. Idempotent under redelivery: each row remembers the last
 * applied sequence number and older events leave it alone. A cancellation for a row that is missing is an error
 * (the event parks in the dead-letter queue), never silently skipped.
 */
@Component
@ProcessingGroup(ReadModels.SUBSCRIPTIONS)
class SubscriptionProjection {

    private final SubscriptionViewTable table;

    SubscriptionProjection(SubscriptionViewTable table) {
        this.table = table;
    }

    @EventHandler
    void on(SubscriptionStarted event, @SequenceNumber long sequence) {
        table.start(event.subscriptionId(), event.subscriberId(), event.creatorId(), event.startedAt(), sequence);
    }

    @EventHandler
    void on(SubscriptionCancelled event, @SequenceNumber long sequence) {
        if (!table.cancel(event.subscriptionId(), event.cancelledAt(), sequence)
                && !table.exists(event.subscriptionId())) {
            throw new IllegalStateException("subscription_view has no row for " + event.subscriptionId());
        }
    }

    @ResetHandler
    void reset() {
        table.truncate();
    }
}
