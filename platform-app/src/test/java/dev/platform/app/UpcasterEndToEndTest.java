package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An event stored in an older shape still loads: a {@code UserProfileUpdated} without revision (as stored before
 * revision 2), written straight into the event store, is upcast for the aggregate, for the projection (live and in
 * a rebuild) and for the audit feed.
 */
class UpcasterEndToEndTest extends EndToEndTest {

    private static final String OLD_BIO = "written before revision 2";

    @Test
    void anEventOfTheRevisionlessShapeLoadsEverywhere() {
        String url = TestDatabase.sharedUrl();
        TestUser user = api.newUser("creator");
        long before = Sql.head(url);
        String payload = "{\"userId\":\"" + user.id() + "\",\"username\":\"" + user.username() + "\",\"bio\":\""
                + OLD_BIO + "\",\"updatedAt\":\"2026-01-02T03:04:05.678Z\"}";
        Sql.update(
                url,
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "VALUES (?, ?, 1, 'User', '2026-01-02T03:04:05.678Z', "
                        + "'dev.platform.api.user.UserProfileUpdated', NULL, ?, ?)",
                UUID.randomUUID().toString(),
                user.id(),
                payload.getBytes(StandardCharsets.UTF_8),
                "{\"requestId\":\"legacy\"}".getBytes(StandardCharsets.UTF_8));
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        ProjectionAdmin projections = new ProjectionAdmin(api, admin);
        projections.awaitCaughtUp("users");

        // The aggregate loads the old event (its bio counts) and takes a command on top of it.
        String renamed = "r" + user.username().substring(2);
        Response updated = api.put("/api/v1/users/" + user.id(), Map.of("username", renamed), user.token());
        Response read = api.get("/api/v1/users/" + user.id(), user.token());
        Response feed = api.get("/api/v1/admin/events?after=" + before, admin);

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.text("username")).isEqualTo(renamed);
        assertThat(updated.text("bio")).isEqualTo(OLD_BIO);
        assertThat(read.text("username")).isEqualTo(renamed);
        assertThat(read.text("bio")).isEqualTo(OLD_BIO);
        JsonNode old = feed.body().get(0);
        assertThat(old.path("position").asLong()).isEqualTo(before + 1);
        assertThat(old.path("event_type").asText()).isEqualTo("UserProfileUpdated");
        assertThat(old.path("correlation_id").asText()).isEqualTo("legacy");
        assertThat(old.path("occurred_at").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(old.path("data").path("changed").toString()).isEqualTo("[\"username\",\"bio\"]");
        assertThat(old.path("data").path("bio").asText()).isEqualTo(OLD_BIO);
        assertThat(feed.body().get(1).path("data").path("changed").toString()).isEqualTo("[\"username\"]");

        // A rebuild replays the old event into the read model the same way.
        long head = Sql.head(url);
        assertThat(projections.rebuild("users").status()).isEqualTo(202);
        projections.awaitRebuilt("users", head);

        Response rebuilt = api.get("/api/v1/users/" + user.id(), user.token());
        assertThat(rebuilt.text("username")).isEqualTo(renamed);
        assertThat(rebuilt.text("bio")).isEqualTo(OLD_BIO);
        assertThat(Sql.number(url, "SELECT version FROM user_view WHERE id = ?::uuid", user.id()))
                .isEqualTo(2);
    }
}
