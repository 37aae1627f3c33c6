package dev.platform.query.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.subscription.SubscriptionCancelled;
import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.subscription.SubscriptionStarted;
import dev.platform.api.user.UserId;
import dev.platform.query.QueryDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code subscription_view} as the subscriptions projection writes it, fed its events directly. */
class SubscriptionProjectionTest {

    @RegisterExtension
    static final QueryDatabase database = new QueryDatabase();

    private static final SubscriptionId SUBSCRIPTION =
            new SubscriptionId(UUID.fromString("00000000-0000-0000-0000-0000000000b1"));
    private static final UserId SUBSCRIBER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final UserId CREATOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final Instant FIRST = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant CANCELLED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant AGAIN = Instant.parse("2026-03-03T10:00:00Z");

    private SubscriptionProjection projection;

    @BeforeEach
    void emptyTable() {
        projection = new SubscriptionProjection(new SubscriptionViewTable(database.jdbc()));
        projection.reset();
    }

    private static SubscriptionStarted started(Instant at) {
        return new SubscriptionStarted(SUBSCRIPTION, SUBSCRIBER, CREATOR, at);
    }

    private static SubscriptionCancelled cancelled(Instant at) {
        return new SubscriptionCancelled(SUBSCRIPTION, SUBSCRIBER, CREATOR, at);
    }

    private Map<String, Object> row() {
        return database.jdbc().queryForMap("SELECT * FROM subscription_view WHERE id = ?", SUBSCRIPTION.value());
    }

    private static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant();
    }

    @Test
    void aStartMakesAnActiveSubscriptionOfThePair() {
        projection.on(started(FIRST), 0);

        Map<String, Object> row = row();
        assertThat(row)
                .containsEntry("subscriber_id", SUBSCRIBER.value())
                .containsEntry("creator_id", CREATOR.value())
                .containsEntry("status", "active")
                .containsEntry("version", 0L);
        assertThat(instant(row.get("subscribed_at"))).isEqualTo(FIRST);
        assertThat(row.get("cancelled_at")).isNull();
    }

    @Test
    void aCancellationKeepsTheRowWithItsInstant() {
        projection.on(started(FIRST), 0);

        projection.on(cancelled(CANCELLED), 1);

        Map<String, Object> row = row();
        assertThat(row).containsEntry("status", "cancelled").containsEntry("version", 1L);
        assertThat(instant(row.get("subscribed_at"))).isEqualTo(FIRST);
        assertThat(instant(row.get("cancelled_at"))).isEqualTo(CANCELLED);
    }

    @Test
    void aResubscriptionIsActiveAgainSinceItsOwnStart() {
        projection.on(started(FIRST), 0);
        projection.on(cancelled(CANCELLED), 1);

        projection.on(started(AGAIN), 2);

        Map<String, Object> row = row();
        assertThat(row).containsEntry("status", "active").containsEntry("version", 2L);
        assertThat(instant(row.get("subscribed_at"))).isEqualTo(AGAIN);
        assertThat(row.get("cancelled_at")).isNull();
    }

    @Test
    void aRedeliveredStartDoesNotReviveACancelledSubscription() {
        projection.on(started(FIRST), 0);
        projection.on(cancelled(CANCELLED), 1);

        projection.on(started(FIRST), 0);

        assertThat(row()).containsEntry("status", "cancelled").containsEntry("version", 1L);
    }

    @Test
    void aRedeliveredCancellationDoesNotCancelAResubscription() {
        projection.on(started(FIRST), 0);
        projection.on(cancelled(CANCELLED), 1);
        projection.on(started(AGAIN), 2);

        projection.on(cancelled(CANCELLED), 1);

        assertThat(row()).containsEntry("status", "active").containsEntry("version", 2L);
    }

    @Test
    void aCancellationHandledTwiceChangesNothingTheSecondTime() {
        projection.on(started(FIRST), 0);
        projection.on(cancelled(CANCELLED), 1);

        projection.on(cancelled(CANCELLED), 1);

        assertThat(row()).containsEntry("status", "cancelled").containsEntry("version", 1L);
    }

    @Test
    void aCancellationOfASubscriptionWithoutARowFailsSoThatTheEventParks() {
        assertThatThrownBy(() -> projection.on(cancelled(CANCELLED), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SUBSCRIPTION.toString());
    }

    @Test
    void theResetEmptiesTheTableForARebuild() {
        projection.on(started(FIRST), 0);

        projection.reset();

        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM subscription_view", Long.class))
                .isZero();
    }
}
