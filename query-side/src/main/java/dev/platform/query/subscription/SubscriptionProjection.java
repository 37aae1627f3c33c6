package dev.platform.query.subscription;

import dev.platform.api.common.ReadModels;
import dev.platform.api.subscription.SubscriptionCancelled;
import dev.platform.api.subscription.SubscriptionStarted;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects subscriptions into {@code subscription_view}. Idempotent under redelivery: each row remembers the last
 * applied sequence number and older events leave it alone. A cancellation for a row that is missing is an error
 * (the event parks in the dead-letter queue), never silently skipped.
 */
@Component
@ProcessingGroup(ReadModels.SUBSCRIPTIONS)
class SubscriptionProjection {

    private final JdbcTemplate jdbc;

    SubscriptionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SubscriptionStarted event, @SequenceNumber long sequence) {
        jdbc.update(
                "INSERT INTO subscription_view "
                        + "(id, subscriber_id, creator_id, status, subscribed_at, cancelled_at, version) "
                        + "VALUES (?, ?, ?, 'active', ?, NULL, ?) "
                        + "ON CONFLICT (id) DO UPDATE SET status = 'active', subscribed_at = EXCLUDED.subscribed_at, "
                        + "cancelled_at = NULL, version = EXCLUDED.version "
                        + "WHERE subscription_view.version < EXCLUDED.version",
                event.subscriptionId().value(),
                event.subscriberId().value(),
                event.creatorId().value(),
                Timestamp.from(event.startedAt()),
                sequence);
    }

    @EventHandler
    void on(SubscriptionCancelled event, @SequenceNumber long sequence) {
        int updated = jdbc.update(
                "UPDATE subscription_view SET status = 'cancelled', cancelled_at = ?, version = ? "
                        + "WHERE id = ? AND version < ?",
                Timestamp.from(event.cancelledAt()),
                sequence,
                event.subscriptionId().value(),
                sequence);
        if (updated == 0) {
            Integer rows = jdbc.queryForObject(
                    "SELECT count(*) FROM subscription_view WHERE id = ?",
                    Integer.class,
                    event.subscriptionId().value());
            if (rows == null || rows == 0) {
                throw new IllegalStateException("subscription_view has no row for " + event.subscriptionId());
            }
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE subscription_view");
    }
}
