package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.infra.personaldata.PersonalDataMigration;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The one-time migration of events stored in clear before crypto-shredding: user events of the previous version's
 * shape, written straight into the event store, read in clear (and as erased once their person is erased) before the
 * migration; the migration seals them in place, records itself as a {@code PersonalDataEncrypted} event, leaves them
 * readable, and a second run changes nothing.
 */
class PersonalDataMigrationEndToEndTest extends EndToEndTest {

    @Autowired
    PersonalDataMigration migration;

    @Test
    void eventsStoredInClearAreSealedInPlaceOnceAndStillRead() {
        String url = TestDatabase.sharedUrl();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        long before = Sql.head(url);
        String suffix = Api.fresh();
        Legacy kept = new Legacy(UUID.randomUUID().toString(), "k" + suffix + "@example.com", "k_" + suffix);
        Legacy erased = new Legacy(UUID.randomUUID().toString(), "e" + suffix + "@example.com", "e_" + suffix);
        String bio = "a bio stored in clear " + suffix;
        insert(
                url,
                kept.id(),
                0,
                "dev.platform.api.user.UserRegistered",
                null,
                "{\"userId\":\"" + kept.id()
                        + "\",\"email\":\"" + kept.email() + "\",\"username\":\"" + kept.username()
                        + "\",\"role\":\"reader\",\"registeredAt\":\"2026-01-02T03:04:05.678Z\"}");
        insert(
                url,
                kept.id(),
                1,
                "dev.platform.api.user.UserProfileUpdated",
                "2",
                "{\"userId\":\"" + kept.id()
                        + "\",\"changed\":[\"bio\"],\"username\":null,\"bio\":\"" + bio
                        + "\",\"updatedAt\":\"2026-01-03T03:04:05.678Z\"}");
        insert(
                url,
                erased.id(),
                0,
                "dev.platform.api.user.UserRegistered",
                null,
                "{\"userId\":\"" + erased.id()
                        + "\",\"email\":\"" + erased.email() + "\",\"username\":\"" + erased.username()
                        + "\",\"role\":\"reader\",\"registeredAt\":\"2026-01-02T03:04:05.678Z\"}");
        // An account of the previous version is erased before the migration: its clear fields already read as erased.
        Response erasure = api.request("DELETE", "/api/v1/users/" + erased.id())
                .token(admin)
                .send();
        assertThat(erasure.status()).as(erasure.toString()).isEqualTo(204);
        assertThat(EventStore.payloadsContaining(url, kept.email(), kept.username(), bio))
                .hasSize(2);
        assertThat(event(admin, before, erased.id(), "UserRegistered")
                        .path("data")
                        .path("personalData")
                        .asText())
                .isEqualTo("erased");
        assertThat(event(admin, before, kept.id(), "UserRegistered")
                        .path("data")
                        .path("email")
                        .asText())
                .isEqualTo(kept.email());

        long rewritten = migration.migrate(true);
        long afterFirst = Sql.head(url);

        assertThat(rewritten).isGreaterThanOrEqualTo(3);
        assertThat(EventStore.payloadsContaining(url, kept.email(), kept.username(), bio))
                .isEmpty();
        assertThat(EventStore.payloadsContaining(url, erased.email(), erased.username(), bio))
                .isEmpty();
        JsonNode registered = event(admin, before, kept.id(), "UserRegistered");
        assertThat(registered.path("data").path("email").asText()).isEqualTo(kept.email());
        assertThat(registered.path("data").path("username").asText()).isEqualTo(kept.username());
        assertThat(event(admin, before, kept.id(), "UserProfileUpdated")
                        .path("data")
                        .path("bio")
                        .asText())
                .isEqualTo(bio);
        JsonNode shredded = event(admin, before, erased.id(), "UserRegistered");
        assertThat(shredded.path("data").path("email").isNull()).isTrue();
        assertThat(shredded.path("data").path("personalData").asText()).isEqualTo("erased");
        JsonNode recorded = event(admin, before, null, "PersonalDataEncrypted");
        assertThat(recorded.path("data").path("eventsRewritten").asLong()).isEqualTo(rewritten);

        // The kept account got its key from the migration.
        assertThat(Sql.number(
                        url,
                        "SELECT count(*) FROM personal_data_key WHERE user_id = ?::uuid AND secret IS NOT NULL",
                        kept.id()))
                .isEqualTo(1);

        // Once sealed, never again: a second run rewrites nothing and records nothing.
        assertThat(migration.migrate(true)).isZero();
        assertThat(migration.migrate(false)).isZero();
        assertThat(Sql.head(url)).isEqualTo(afterFirst);
    }

    private record Legacy(String id, String email, String username) {}

    private static void insert(String url, String userId, int sequence, String type, String revision, String json) {
        Sql.update(
                url,
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "VALUES (?, ?, ?, 'User', '2026-01-02T03:04:05.678Z', ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                userId,
                sequence,
                type,
                revision,
                json.getBytes(StandardCharsets.UTF_8),
                "{\"requestId\":\"legacy\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** The first event of this type (of this aggregate, when given) in the audit feed after {@code after}. */
    private JsonNode event(String admin, long after, String aggregateId, String type) {
        long position = after;
        while (true) {
            Response page = api.get("/api/v1/admin/events?limit=100&after=" + position, admin);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            if (page.body().isEmpty()) {
                throw new AssertionError("no " + type + " of " + aggregateId + " in the feed");
            }
            for (JsonNode event : page.body()) {
                position = event.path("position").asLong();
                if ((aggregateId == null || event.path("aggregate_id").asText().equals(aggregateId))
                        && event.path("event_type").asText().equals(type)) {
                    return event;
                }
            }
        }
    }
}
