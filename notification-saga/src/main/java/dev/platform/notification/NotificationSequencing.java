package dev.platform.notification;

import dev.platform.api.notification.DeliveriesReplayed;
import dev.platform.api.notification.RecipientsSelected;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sequencing of the notification processors, the heart of "active at the moment of publishing".
 *
 * <p>The audience processor has a single segment, so it applies every event in the order of the event stream:
 * the recipients selected at a {@code PostPublished} are exactly the subscriptions whose events came before it.
 * Its sequences, which decide what a failing event parks, are Axon's default, per aggregate: a subscription, a
 * post, a user. An event that fails parks only its own aggregate's later events (that subscription's changes, or
 * that post's publications), never the rest of its creator's, and is retried by itself after one retry interval
 * ({@code platform.dead-letters.*}). Ordering per creator across two segments would have kept the order too, but
 * one failing subscription event would then have held back every later publication of its creator.
 *
 * <p>The saga processor orders events per post, so a saga always exists (started by {@code PostPublished}) before
 * the {@code RecipientsSelected} of that publication reaches it.
 */
@Configuration
class NotificationSequencing {

    @Bean
    SequencingPolicy<EventMessage<?>> notificationSagaSequencing() {
        SequentialPerAggregatePolicy fallback = SequentialPerAggregatePolicy.instance();
        return event -> {
            if (event.getPayload() instanceof RecipientsSelected selected) {
                return selected.postId().toString();
            }
            if (event.getPayload() instanceof DeliveriesReplayed replayed) {
                return replayed.postId().toString();
            }
            return fallback.getSequenceIdentifierFor(event);
        };
    }
}
