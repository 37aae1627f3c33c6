package dev.platform.command.subscription;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.platform.api.subscription.SelfSubscriptionNotAllowed;
import dev.platform.api.subscription.Subscribe;
import dev.platform.api.subscription.SubscriptionCancelled;
import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.subscription.SubscriptionNotFound;
import dev.platform.api.subscription.SubscriptionStarted;
import dev.platform.api.subscription.Unsubscribe;
import dev.platform.api.user.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One user's subscription to one creator, identified by the pair ({@link SubscriptionId#forPair}), so there is
 * never a second one for the same pair.
 *
 * <p>Invariants: the subscriber and the creator are fixed at the first subscribe and differ from each other; the
 * subscription is either active or cancelled; subscribing while active and unsubscribing while cancelled change
 * nothing (no event: a retried request must not look like a new fact); only a subscription that exists can be
 * cancelled. That the creator exists and has the creator role is checked before the command is sent: roles never
 * change, so the check cannot go stale.
 *
 * <p>Both commands load the aggregate or start a fresh one ({@code CREATE_IF_MISSING}): whether this is the first
 * subscribe is decided here, under the repository's lock, never by a separate look-up that could race.
 */
// Only events of this aggregate type are read: another aggregate's id is an unknown one (see Post).
@Aggregate(filterEventsByType = true)
class Subscription {

    @AggregateIdentifier
    private SubscriptionId id;

    private UserId subscriberId;
    private UserId creatorId;
    private boolean active;

    Subscription() {
        // for Axon: a fresh instance for CREATE_IF_MISSING, or rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SubscriptionResult handle(Subscribe command) {
        if (command.subscriberId().equals(command.creatorId())) {
            throw new SelfSubscriptionNotAllowed();
        }
        boolean created = id == null;
        if (!active) {
            apply(new SubscriptionStarted(
                    command.subscriptionId(), command.subscriberId(), command.creatorId(), command.subscribedAt()));
        }
        return result(created);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SubscriptionResult handle(Unsubscribe command) {
        if (id == null) {
            // A fresh instance: nothing was ever started for this pair. Throwing stores nothing.
            throw new SubscriptionNotFound();
        }
        if (active) {
            apply(new SubscriptionCancelled(id, subscriberId, creatorId, command.cancelledAt(), command.via()));
        }
        return result(false);
    }

    private SubscriptionResult result(boolean created) {
        return new SubscriptionResult(id, subscriberId, creatorId, active, created, AggregateLifecycle.getVersion());
    }

    @EventSourcingHandler
    void on(SubscriptionStarted event) {
        id = event.subscriptionId();
        subscriberId = event.subscriberId();
        creatorId = event.creatorId();
        active = true;
    }

    @EventSourcingHandler
    void on(SubscriptionCancelled event) {
        active = false;
    }
}
