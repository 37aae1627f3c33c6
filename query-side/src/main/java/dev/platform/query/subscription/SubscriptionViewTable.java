package dev.platform.query.subscription;

import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every statement on {@code subscription_view}, the subscriptions read model: the projection's writes (each only
 * where the row is below the event's version), the subscriber's reads and the creator's (their active subscribers),
 * newest activation first (ties by id).
 */
@Component
class SubscriptionViewTable {

    private static final String COLUMNS = "id, creator_id, status, subscribed_at";

    private final JdbcTemplate jdbc;

    SubscriptionViewTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The subscription active from {@code startedAt}: a new row, or a cancelled one active again. */
    void start(SubscriptionId id, UserId subscriber, UserId creator, Instant startedAt, long version) {
        jdbc.update(
                "INSERT INTO subscription_view "
                        + "(id, subscriber_id, creator_id, status, subscribed_at, cancelled_at, version) "
                        + "VALUES (?, ?, ?, 'active', ?, NULL, ?) "
                        + "ON CONFLICT (id) DO UPDATE SET status = 'active', subscribed_at = EXCLUDED.subscribed_at, "
                        + "cancelled_at = NULL, version = EXCLUDED.version "
                        + "WHERE subscription_view.version < EXCLUDED.version",
                id.value(),
                subscriber.value(),
                creator.value(),
                Timestamp.from(startedAt),
                version);
    }

    /** The subscription cancelled at {@code cancelledAt}; answers whether a row changed. */
    boolean cancel(SubscriptionId id, Instant cancelledAt, long version) {
        return jdbc.update(
                        "UPDATE subscription_view SET status = 'cancelled', cancelled_at = ?, version = ? "
                                + "WHERE id = ? AND version < ?",
                        Timestamp.from(cancelledAt),
                        version,
                        id.value(),
                        version)
                > 0;
    }

    boolean exists(SubscriptionId id) {
        Integer rows =
                jdbc.queryForObject("SELECT count(*) FROM subscription_view WHERE id = ?", Integer.class, id.value());
        return rows != null && rows > 0;
    }

    /** How many subscriptions the subscriber has, of one status or of any. */
    long countOf(UserId subscriber, Optional<String> status) {
        Long total = jdbc.queryForObject(
                "SELECT count(*) FROM subscription_view" + where(status),
                Long.class,
                arguments(subscriber, status).toArray());
        return total == null ? 0 : total;
    }

    /** A page of the subscriber's subscriptions, newest activation first, ties by id. */
    List<SubscriptionSummary> pageOf(UserId subscriber, Optional<String> status, int limit, int offset) {
        List<Object> arguments = arguments(subscriber, status);
        arguments.add(limit);
        arguments.add(offset);
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM subscription_view" + where(status)
                        + " ORDER BY subscribed_at DESC, id LIMIT ? OFFSET ?",
                SubscriptionViewTable::subscription,
                arguments.toArray());
    }

    /** How many active subscriptions the creator has. */
    long countActiveSubscribersOf(UserId creator) {
        Long total = jdbc.queryForObject(
                "SELECT count(*) FROM subscription_view WHERE creator_id = ? AND status = 'active'",
                Long.class,
                creator.value());
        return total == null ? 0 : total;
    }

    /** A page of the creator's active subscribers, newest activation first, ties by subscription id. */
    List<ActiveSubscriber> activeSubscribersPageOf(UserId creator, int limit, int offset) {
        return jdbc.query(
                "SELECT subscriber_id, subscribed_at FROM subscription_view WHERE creator_id = ? AND status = 'active'"
                        + " ORDER BY subscribed_at DESC, id LIMIT ? OFFSET ?",
                (rs, row) -> new ActiveSubscriber(
                        new UserId(rs.getObject(1, UUID.class)),
                        rs.getTimestamp(2).toInstant()),
                creator.value(),
                limit,
                offset);
    }

    /** A subscriber of a creator and since when (the latest activation). */
    record ActiveSubscriber(UserId subscriberId, Instant subscribedAt) {}

    /** The subscriber's subscription to the creator, in any status. */
    Optional<SubscriptionSummary> find(UserId subscriber, UserId creator) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM subscription_view WHERE subscriber_id = ? AND creator_id = ?",
                        SubscriptionViewTable::subscription,
                        subscriber.value(),
                        creator.value())
                .stream()
                .findFirst();
    }

    /** Empties the table before a rebuild. */
    void truncate() {
        jdbc.update("TRUNCATE subscription_view");
    }

    private static String where(Optional<String> status) {
        return " WHERE subscriber_id = ?" + (status.isPresent() ? " AND status = ?" : "");
    }

    private static List<Object> arguments(UserId subscriber, Optional<String> status) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(subscriber.value());
        status.ifPresent(arguments::add);
        return arguments;
    }

    private static SubscriptionSummary subscription(ResultSet rs, int row) throws SQLException {
        return new SubscriptionSummary(
                new SubscriptionId(rs.getObject(1, UUID.class)),
                new UserId(rs.getObject(2, UUID.class)),
                rs.getString(3),
                rs.getTimestamp(4).toInstant());
    }
}
