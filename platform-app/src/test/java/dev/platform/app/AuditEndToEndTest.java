package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract's admin audit endpoints: the global event stream and the projections' progress, over HTTP. */
class AuditEndToEndTest extends EndToEndTest {

    private String admin() {
        return api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    private Response events(String query, String token) {
        return api.get("/api/v1/admin/events" + query, token);
    }

    @Test
    void theEventStreamShowsEachWriteInOrderWithWhoCausedItAndWhy() {
        long before = Sql.head(TestDatabase.sharedUrl());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "audit" + suffix + "@example.com";
        Response registered = api.request("POST", "/api/v1/users/register")
                .header("X-Request-Id", "register-" + suffix)
                .json(Map.of(
                        "email", email, "password", "pw-" + suffix, "username", "audit_" + suffix, "role", "creator"))
                .send();
        String userId = registered.text("id");
        String token = api.login(email, "pw-" + suffix);
        Response updated = api.request("PUT", "/api/v1/users/" + userId)
                .header("X-Request-Id", "update-" + suffix)
                .token(token)
                .json(Map.of("bio", "Hello"))
                .send();
        assertThat(updated.status()).isEqualTo(200);

        Response page = events("?after=" + before + "&limit=100", admin());

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        List<JsonNode> mine = new ArrayList<>();
        page.body().forEach(event -> {
            if (event.path("aggregate_id").asText().equals(userId)) {
                mine.add(event);
            }
        });
        assertThat(mine).hasSize(2);
        JsonNode registration = mine.get(0);
        assertThat(registration.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "position",
                        "aggregate_id",
                        "aggregate_type",
                        "sequence",
                        "event_type",
                        "occurred_at",
                        "actor_id",
                        "correlation_id",
                        "data",
                        "metadata");
        assertThat(registration.path("position").asLong()).isGreaterThan(before);
        assertThat(registration.path("aggregate_type").asText()).isEqualTo("User");
        assertThat(registration.path("sequence").asLong()).isZero();
        assertThat(registration.path("event_type").asText()).isEqualTo("UserRegistered");
        assertThat(registration.path("occurred_at").asText()).matches(TIMESTAMP);
        assertThat(registration.path("actor_id").asText())
                .as("a new user registers themselves")
                .isEqualTo(userId);
        assertThat(registration.path("correlation_id").asText()).isEqualTo("register-" + suffix);
        assertThat(registration.path("data").isObject()).isTrue();
        assertThat(registration.path("data").path("email").asText()).isEqualTo(email);
        assertThat(registration.path("data").path("role").asText()).isEqualTo("creator");
        assertThat(registration.path("data").toString()).doesNotContain("pw-" + suffix);
        assertThat(registration.path("metadata").isObject()).isTrue();
        assertThat(registration.path("metadata").path("requestId").asText()).isEqualTo("register-" + suffix);

        JsonNode update = mine.get(1);
        assertThat(update.path("position").asLong())
                .isGreaterThan(registration.path("position").asLong());
        assertThat(update.path("sequence").asLong()).isEqualTo(1);
        assertThat(update.path("event_type").asText()).isEqualTo("UserProfileUpdated");
        assertThat(update.path("actor_id").asText()).isEqualTo(userId);
        assertThat(update.path("correlation_id").asText()).isEqualTo("update-" + suffix);
        assertThat(update.path("data").path("bio").asText()).isEqualTo("Hello");
        assertThat(update.path("data").path("changed").toString()).isEqualTo("[\"bio\"]");
        assertThat(update.path("metadata").path("actorId").asText()).isEqualTo(userId);

        List<Long> positions = new ArrayList<>();
        page.body().forEach(event -> positions.add(event.path("position").asLong()));
        assertThat(positions).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void afterIsExclusiveAndLimitAndOffsetWindowTheStream() {
        long before = Sql.head(TestDatabase.sharedUrl());
        TestUser user = api.newUser("reader");
        api.put("/api/v1/users/" + user.id(), Map.of("bio", "one"), user.token());
        api.put("/api/v1/users/" + user.id(), Map.of("bio", "two"), user.token());
        String admin = admin();

        Response first = events("?after=" + before + "&limit=1", admin);
        long p1 = first.body().get(0).path("position").asLong();
        Response rest = events("?after=" + p1 + "&limit=2", admin);
        Response skipped = events("?after=" + before + "&limit=1&offset=1", admin);
        long last = rest.body().get(1).path("position").asLong();
        Response beyond = events("?after=" + last, admin);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().size()).isEqualTo(1);
        assertThat(first.header("X-Total-Count")).contains("3");
        assertThat(first.body().get(0).path("event_type").asText()).isEqualTo("UserRegistered");
        assertThat(rest.body().size()).isEqualTo(2);
        assertThat(rest.header("X-Total-Count")).contains("2");
        assertThat(rest.body().get(0).path("position").asLong()).isGreaterThan(p1);
        assertThat(rest.body().get(0).path("data").path("bio").asText()).isEqualTo("one");
        assertThat(rest.body().get(1).path("data").path("bio").asText()).isEqualTo("two");
        assertThat(skipped.body().get(0)).isEqualTo(rest.body().get(0));
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.body().isArray()).isTrue();
        assertThat(beyond.body().size()).isZero();
        assertThat(beyond.header("X-Total-Count")).contains("0");
    }

    @Test
    void withoutParametersTheStreamStartsAtTheFirstEventAndAnswers20() {
        api.newUser("reader");
        String url = TestDatabase.sharedUrl();

        Response all = events("", admin());

        long total = Sql.number(url, "SELECT count(*) FROM domain_event_entry");
        long first = Sql.number(url, "SELECT min(global_index) FROM domain_event_entry");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().size()).isEqualTo((int) Math.min(20, total));
        assertThat(all.body().get(0).path("position").asLong()).isEqualTo(first);
        assertThat(all.header("X-Total-Count")).contains(Long.toString(total));
    }

    @Test
    void invalidStreamParametersAre400WithTheField() {
        String admin = admin();

        for (String[] bad : new String[][] {
            {"after", "?after=-1"},
            {"after", "?after=abc"},
            {"after", "?after=1.5"},
            {"after", "?after="},
            {"after", "?after=99999999999999999999"},
            {"limit", "?limit=0"},
            {"limit", "?limit=101"},
            {"limit", "?limit=ten"},
            {"offset", "?offset=-1"}
        }) {
            Response r = events(bad[1], admin);
            assertThat(r.status()).as(bad[1]).isEqualTo(400);
            assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(r.body().path("field_errors").has(bad[0]))
                    .as(r.toString())
                    .isTrue();
        }
    }

    @Test
    void onlyTheAdminMayReadTheStreamAndOperateTheProjections() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        ProjectionAdmin admin = new ProjectionAdmin(api, admin());
        admin.awaitCaughtUp("users");

        List<Response> forbidden = new ArrayList<>();
        List<Response> anonymous = new ArrayList<>();
        for (String token : new String[] {reader.token(), creator.token(), null}) {
            List<Response> answers = token == null ? anonymous : forbidden;
            answers.add(events("", token));
            answers.add(api.get("/api/v1/admin/projections", token));
            answers.add(api.request("POST", "/api/v1/admin/projections/users/rebuild")
                    .token(token)
                    .send());
        }

        assertThat(forbidden).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("FORBIDDEN");
        });
        assertThat(anonymous).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(r.header("WWW-Authenticate")).isPresent();
        });
        JsonNode users = admin.status("users");
        assertThat(users.path("replaying").asBoolean())
                .as("no rebuild was started")
                .isFalse();
        assertThat(users.path("rebuild").isNull()).as("no rebuild was started").isTrue();
        assertThat(users.path("lag").asLong()).isZero();
    }

    @Test
    void theProjectionsListShowsEveryProcessorsProgressAgainstTheHead() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        api.request("POST", "/api/v1/creators/" + creator.id() + "/subscribe")
                .token(reader.token())
                .send();
        ProjectionAdmin admin = new ProjectionAdmin(api, admin());
        admin.awaitCaughtUp("users");
        admin.awaitCaughtUp("subscriptions");

        Response listed = admin.list();
        Response firstOnly = api.get("/api/v1/admin/projections?limit=1", admin());
        Response invalid = api.get("/api/v1/admin/projections?limit=0", admin());

        long head = Sql.head(TestDatabase.sharedUrl());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(admin.names()).contains("subscriptions", "users").isSorted();
        assertThat(listed.header("X-Total-Count"))
                .contains(Integer.toString(listed.body().size()));
        listed.body().forEach(item -> {
            assertThat(item.fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder(
                            "name", "position", "head", "lag", "replaying", "dead_letters", "rebuild");
            assertThat(item.path("rebuild").isNull()).as("no rebuild runs").isTrue();
            assertThat(item.path("head").asLong()).isEqualTo(head);
            assertThat(item.path("lag").asLong())
                    .isEqualTo(
                            item.path("head").asLong() - item.path("position").asLong());
        });
        JsonNode users = admin.status("users");
        assertThat(users.path("position").asLong()).isEqualTo(head);
        assertThat(users.path("replaying").asBoolean()).isFalse();
        assertThat(firstOnly.body().size()).isEqualTo(1);
        assertThat(firstOnly.header("X-Total-Count"))
                .contains(Integer.toString(listed.body().size()));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("field_errors").has("limit")).isTrue();
    }

    @Test
    void rebuildingAnUnknownProjectionIs404() {
        Response r = new ProjectionAdmin(api, admin()).rebuild("no-such-projection");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("NOT_FOUND");
    }
}
