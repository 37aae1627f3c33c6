package dev.platform.app;

import static dev.platform.app.Api.subject;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Subscriptions" section, what is refused: oneself, a non-creator, an id that is no UUID, an
 * unsubscribe without a subscription, no token, and another user's list. Each leaves nothing behind.
 */
class SubscriptionRefusalsEndToEndTest extends EndToEndTest {

    @Test
    void subscribingToOneselfIs400AndChangesNothing() {
        TestUser creator = api.newUser("creator");

        Response r = api.subscribe(creator, creator.id());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has("creator_id"))
                .as(r.toString())
                .isTrue();
        assertThat(api.subscriptions(creator, "").body().size()).isZero();
        assertThat(api.unsubscribe(creator, creator.id()).status()).isEqualTo(404);
    }

    @Test
    void subscribingToAReaderAnAdminOrNobodyIs404AndChangesNothing() {
        TestUser reader = api.newUser("reader");
        TestUser notACreator = api.newUser("reader");
        String adminId = subject(api.login(ADMIN_EMAIL, ADMIN_PASSWORD));

        Response toReader = api.subscribe(reader, notACreator.id());
        Response toAdmin = api.subscribe(reader, adminId);
        Response toNobody = api.subscribe(reader, UUID.randomUUID().toString());

        assertThat(List.of(toReader, toAdmin, toNobody)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("USER_NOT_FOUND");
            assertThat(r.text("correlation_id")).isNotBlank();
        });
        Response listed = api.subscriptions(reader, "");
        assertThat(listed.body().size()).isZero();
        assertThat(listed.header("X-Total-Count")).contains("0");
    }

    @Test
    void aCreatorIdThatIsNoUuidIs400() {
        TestUser reader = api.newUser("reader");

        Response sub = api.subscribe(reader, "not-a-uuid");
        Response unsub = api.unsubscribe(reader, "12345");
        Response listed = api.get("/api/v1/users/not-a-uuid/subscriptions", reader.token());

        assertThat(List.of(sub, unsub, listed)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_ID");
        });
    }

    @Test
    void unsubscribingWithoutEverSubscribingIs404AndChangesNothing() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");

        Response r = api.unsubscribe(reader, creator.id());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
        assertThat(api.subscriptions(reader, "").body().size()).isZero();
        // Nothing was stored for the pair: the first subscribe is still a 201.
        assertThat(api.subscribe(reader, creator.id()).status()).isEqualTo(201);
    }

    @Test
    void subscriptionEndpointsNeedAToken() {
        TestUser creator = api.newUser("creator");

        Response sub = api.request("POST", "/api/v1/creators/" + creator.id() + "/subscribe")
                .send();
        Response listed = api.get("/api/v1/users/" + creator.id() + "/subscriptions", null);

        assertThat(List.of(sub, listed)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isPresent();
        });
    }

    @Test
    void onlyTheSubscriberListsTheirSubscriptionsNotOthersNorTheAdmin() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        api.subscribe(reader, creator.id());
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);

        Response byCreator = api.get("/api/v1/users/" + reader.id() + "/subscriptions", creator.token());
        Response byAdmin = api.get("/api/v1/users/" + reader.id() + "/subscriptions", admin);

        assertThat(List.of(byCreator, byAdmin)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("FORBIDDEN");
        });
    }
}
