package dev.platform.app;

import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A creator's audience: {@code GET /creators/{id}/subscribers/count} and {@code GET /creators/{id}/subscribers}, for
 * the creator and the admin only, counting and listing active subscriptions (user id, username, since when; never an
 * e-mail), newest first and paged.
 */
class SubscriberCountEndToEndTest extends EndToEndTest {

    private Response count(String creatorId, String token) {
        return api.get("/api/v1/creators/" + creatorId + "/subscribers/count", token);
    }

    private Response subscribers(String creatorId, String query, String token) {
        return api.get("/api/v1/creators/" + creatorId + "/subscribers" + query, token);
    }

    @Test
    void theCountFollowsSubscribeAndUnsubscribe() {
        TestUser creator = api.newUser("creator");
        List<TestUser> readers = api.newSubscribers(creator, 3);

        Response three = count(creator.id(), creator.token());
        assertThat(three.status()).as(three.toString()).isEqualTo(200);
        assertThat(three.text("creator_id")).isEqualTo(creator.id());
        assertThat(three.body().path("active").asLong()).isEqualTo(3);

        assertThat(api.unsubscribe(readers.get(0), creator.id()).status()).isEqualTo(200);
        assertThat(count(creator.id(), creator.token()).body().path("active").asLong())
                .isEqualTo(2);

        assertThat(api.subscribe(readers.get(0), creator.id()).status()).isEqualTo(200);
        api.subscribe(api.newUser("reader"), creator.id());
        assertThat(count(creator.id(), creator.token()).body().path("active").asLong())
                .isEqualTo(4);
    }

    @Test
    void theListShowsActiveSubscribersNewestFirstPagedAndNoAddresses() {
        TestUser creator = api.newUser("creator");
        List<TestUser> readers = api.newSubscribers(creator, 4);
        api.unsubscribe(readers.get(1), creator.id());

        Response first = subscribers(creator.id(), "?limit=2", creator.token());
        Response second = subscribers(creator.id(), "?limit=2&offset=2", creator.token());

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("X-Total-Count")).contains("3");
        assertThat(first.header("Link").orElseThrow())
                .contains("</api/v1/creators/" + creator.id() + "/subscribers?limit=2&offset=2>; rel=\"next\"");
        List<String> shown = new ArrayList<>();
        for (Response page : List.of(first, second)) {
            for (JsonNode item : page.body()) {
                List<String> fields = new ArrayList<>();
                item.fieldNames().forEachRemaining(fields::add);
                assertThat(fields).containsExactlyInAnyOrder("user_id", "username", "subscribed_at");
                assertThat(item.toString()).doesNotContain("@");
                shown.add(item.path("user_id").asText());
            }
        }
        // Subscribed one after the other: newest first.
        assertThat(shown)
                .containsExactly(
                        readers.get(3).id(), readers.get(2).id(), readers.get(0).id());
        assertThat(first.body().get(0).path("username").asText())
                .isEqualTo(readers.get(3).username());
    }

    @Test
    void onlyTheCreatorAndTheAdminMaySeeThem() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newSubscribers(creator, 1).get(0);
        TestUser otherCreator = api.newUser("creator");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);

        for (String token : List.of(reader.token(), otherCreator.token())) {
            assertRefused(count(creator.id(), token), 403, "FORBIDDEN");
            assertRefused(subscribers(creator.id(), "", token), 403, "FORBIDDEN");
        }
        assertThat(count(creator.id(), null).status()).isEqualTo(401);

        assertThat(count(creator.id(), admin).body().path("active").asLong()).isEqualTo(1);
        Response asAdmin = subscribers(creator.id(), "", admin);
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.body().get(0).path("user_id").asText()).isEqualTo(reader.id());
    }

    @Test
    void aUserWhoIsNoCreatorIsNotFound() {
        TestUser reader = api.newUser("reader");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);

        assertRefused(count(reader.id(), reader.token()), 404, "USER_NOT_FOUND");
        assertRefused(subscribers(reader.id(), "", reader.token()), 404, "USER_NOT_FOUND");
        assertRefused(count(UUID.randomUUID().toString(), admin), 404, "USER_NOT_FOUND");
        assertRefused(subscribers(UUID.randomUUID().toString(), "", admin), 404, "USER_NOT_FOUND");
    }

    @Test
    void invalidPagingIs400WithTheParameter() {
        TestUser creator = api.newUser("creator");

        Api.assertFieldError(subscribers(creator.id(), "?limit=0", creator.token()), "limit");
        Api.assertFieldError(subscribers(creator.id(), "?offset=-1", creator.token()), "offset");
    }
}
