package dev.platform.notification;

import dev.platform.api.notification.RecipientsSelected;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.subscription.SubscriptionCancelled;
import dev.platform.api.subscription.SubscriptionStarted;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sequencing of the notification processors, the heart of "active at the moment of publishing".
 *
 * <p>The audience processor orders events per creator: a creator's subscription changes and publications are
 * applied in the order of the event stream, so the recipients selected at a {@code PostPublished} are exactly
 * the subscriptions whose events came before it. The saga processor orders events per post, so a saga always
 * exists (started by {@code PostPublished}) before the {@code RecipientsSelected} of that publication reaches it.
 */
@Configuration
class NotificationSequencing {

    @Bean
    SequencingPolicy<EventMessage<?>> notificationAudienceSequencing() {
        SequentialPerAggregatePolicy fallback = SequentialPerAggregatePolicy.instance();
        return event -> {
            Object payload = event.getPayload();
            if (payload instanceof PostCreated e) {
                return e.creatorId().toString();
            } else if (payload instanceof PostPublished e) {
                return e.creatorId().toString();
            } else if (payload instanceof PostUnpublished e) {
                return e.creatorId().toString();
            } else if (payload instanceof SubscriptionStarted e) {
                return e.creatorId().toString();
            } else if (payload instanceof SubscriptionCancelled e) {
                return e.creatorId().toString();
            }
            return fallback.getSequenceIdentifierFor(event);
        };
    }

    @Bean
    SequencingPolicy<EventMessage<?>> notificationSagaSequencing() {
        SequentialPerAggregatePolicy fallback = SequentialPerAggregatePolicy.instance();
        return event -> event.getPayload() instanceof RecipientsSelected selected
                ? selected.postId().toString()
                : fallback.getSequenceIdentifierFor(event);
    }
}
