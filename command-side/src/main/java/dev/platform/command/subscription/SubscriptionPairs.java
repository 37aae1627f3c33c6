package dev.platform.command.subscription;

import dev.platform.api.subscription.SubscriptionCancelled;
import dev.platform.api.subscription.SubscriptionStarted;
import dev.platform.api.user.UserId;
import dev.platform.command.CommandSideTables;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code subscription_pair} (the active subscriptions, by subscriber and by creator) in the transaction that
 * stores the subscription's event: a subscribing processor whose errors roll the command back (like
 * {@code PostStateProjection}), so the table never lags behind the store. Read by {@link ErasedSubscriptions}.
 */
@Component
@ProcessingGroup(CommandSideTables.SUBSCRIPTION_PAIRS)
class SubscriptionPairs {

    private final JdbcTemplate jdbc;

    SubscriptionPairs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SubscriptionStarted event) {
        jdbc.update(
                "INSERT INTO subscription_pair (subscriber_id, creator_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.subscriberId().value(),
                event.creatorId().value());
    }

    @EventHandler
    void on(SubscriptionCancelled event) {
        jdbc.update(
                "DELETE FROM subscription_pair WHERE subscriber_id = ? AND creator_id = ?",
                event.subscriberId().value(),
                event.creatorId().value());
    }

    /** An active subscription. */
    record Pair(UserId subscriber, UserId creator) {}

    /** The active subscriptions this user is a party of, as subscriber or as creator. */
    List<Pair> of(UserId user) {
        return jdbc.query(
                "SELECT subscriber_id, creator_id FROM subscription_pair WHERE subscriber_id = ? OR creator_id = ?",
                (rs, row) -> new Pair(new UserId(rs.getObject(1, UUID.class)), new UserId(rs.getObject(2, UUID.class))),
                user.value(),
                user.value());
    }
}
