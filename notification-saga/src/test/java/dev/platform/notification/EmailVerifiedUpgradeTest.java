package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.infra.db.SchemaModule;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The upgrade that taught the audience the verified state (migration V20): the audience's token is already past the
 * {@code EmailVerified} events of an existing installation, so the migration takes the addresses verified so far
 * from the event store. A database of the version before (the notification schema up to V6, events in the store).
 */
class EmailVerifiedUpgradeTest {

    @RegisterExtension
    static final NotificationDatabase database = NotificationDatabase.unmigrated();

    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-0000000000a2");

    private void event(UUID aggregate, long sequence, String type) {
        database.jdbc()
                .update(
                        "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                                + "time_stamp, payload_type, payload) VALUES (?, ?, ?, 'User', ?, ?, ?)",
                        UUID.randomUUID().toString(),
                        aggregate.toString(),
                        sequence,
                        "2026-12-01T10:00:00Z",
                        type,
                        "{}".getBytes(StandardCharsets.UTF_8));
    }

    private boolean verified(UUID user) {
        return database.jdbc()
                .queryForObject("SELECT email_verified FROM notification_user WHERE user_id = ?", Boolean.class, user);
    }

    @Test
    void addressesVerifiedBeforeTheUpgradeAreVerifiedInTheAudienceAfterIt() {
        SchemaModule notification = new NotificationConfiguration().notificationSchema();
        new SchemaModule("axon", 0).migrate(database.dataSource());
        Flyway.configure()
                .dataSource(database.dataSource())
                .locations(notification.location())
                .table(notification.historyTable())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .target("6")
                .load()
                .migrate();
        for (UUID user : new UUID[] {ADA, BOB}) {
            database.jdbc()
                    .update(
                            "INSERT INTO notification_user (user_id, email) VALUES (?, ?)",
                            user,
                            user + "@example.com");
            event(user, 0, "dev.platform.api.user.UserRegistered");
        }
        event(ADA, 1, "dev.platform.api.user.EmailVerified");
        event(BOB, 1, "dev.platform.api.user.VerificationRequested");

        notification.migrate(database.dataSource());

        assertThat(verified(ADA)).isTrue();
        assertThat(verified(BOB)).isFalse();
    }
}
