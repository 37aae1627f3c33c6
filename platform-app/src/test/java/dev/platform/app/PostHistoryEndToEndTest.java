package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Audit, history and replay" for posts: {@code GET /posts/{id}/history} and
 * {@code GET /posts/{id}?as_of=}, for the creator, an admin, other users and anonymous callers.
 */
class PostHistoryEndToEndTest extends EndToEndTest {

    // ---------------------------------------------------------------- helpers

    private Response history(String postId, String token) {
        return api.get("/api/v1/posts/" + postId + "/history", token);
    }

    private Response asOf(String postId, String instant, String token) {
        return api.get("/api/v1/posts/" + postId + "?as_of=" + instant, token);
    }

    private String admin() {
        return api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    private static List<String> types(Response history) {
        List<String> types = new ArrayList<>();
        history.body().forEach(item -> types.add(item.path("event_type").asText()));
        return types;
    }

    // ---------------------------------------------------------------- history

    @Test
    void historyShowsEachAcceptedWriteOldestFirstWithItsActorAndTheValuesItSet() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Draft title", "Draft body");
        assertThat(api.put("/api/v1/posts/" + postId, Map.of("title", "Better title"), creator.token())
                        .status())
                .isEqualTo(200);
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/posts/" + postId, Map.of("status", "draft"), creator.token())
                        .status())
                .isEqualTo(200);

        Response history = history(postId, creator.token());

        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.header("X-Total-Count")).contains("4");
        assertThat(types(history)).containsExactly("PostCreated", "PostUpdated", "PostPublished", "PostUnpublished");
        for (int i = 0; i < 4; i++) {
            JsonNode entry = history.body().get(i);
            assertThat(entry.fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("sequence", "event_type", "occurred_at", "actor_id", "data");
            assertThat(entry.path("sequence").asLong()).isEqualTo(i);
            assertThat(entry.path("occurred_at").asText()).matches(TIMESTAMP);
            assertThat(entry.path("actor_id").asText()).isEqualTo(creator.id());
        }
        JsonNode created = history.body().get(0).path("data");
        assertThat(created.path("title").asText()).isEqualTo("Draft title");
        assertThat(created.path("content").asText()).isEqualTo("Draft body");
        assertThat(created.path("creatorId").asText()).isEqualTo(creator.id());
        assertThat(history.body().get(1).path("data").path("title").asText()).isEqualTo("Better title");
        assertThat(history.body().get(2).path("data").path("publishedAt").asText())
                .isNotEmpty();
        assertThat(Instant.parse(history.body().get(0).path("occurred_at").asText()))
                .isBeforeOrEqualTo(
                        Instant.parse(history.body().get(3).path("occurred_at").asText()));
    }

    @Test
    void aRefusedWriteAddsNothingToTheHistory() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Once", "Only once.");
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);

        assertThat(api.publish(postId, creator).status()).isEqualTo(409);
        assertThat(api.put("/api/v1/posts/" + postId, Map.of("title", "Hijacked"), reader.token())
                        .status())
                .isEqualTo(403);

        Response history = history(postId, creator.token());
        assertThat(types(history)).containsExactly("PostCreated", "PostPublished");
    }

    @Test
    void anAdminSeesTheHistoryOfAnyPostAlsoADraft() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Secret draft", "Not out yet.");

        Response history = history(postId, admin());

        assertThat(history.status()).isEqualTo(200);
        assertThat(types(history)).containsExactly("PostCreated");
        assertThat(history.body().get(0).path("actor_id").asText()).isEqualTo(creator.id());
    }

    @Test
    void anyOtherUserGets404ForTheHistoryOfADraftAnd403OnceItIsPublished() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String postId = api.newPost(creator, "Draft", "Body");

        assertRefused(history(postId, reader.token()), 404, "POST_NOT_FOUND");
        assertRefused(history(postId, otherCreator.token()), 404, "POST_NOT_FOUND");
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        assertRefused(history(postId, reader.token()), 403, "FORBIDDEN");
        assertRefused(history(postId, otherCreator.token()), 403, "FORBIDDEN");
    }

    @Test
    void historyNeedsATokenAKnownPostAndAValidId() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Draft", "Body");

        Response anonymous = history(postId, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isPresent();
        assertRefused(history(UUID.randomUUID().toString(), creator.token()), 404, "POST_NOT_FOUND");
        assertRefused(history(UUID.randomUUID().toString(), admin()), 404, "POST_NOT_FOUND");
        assertRefused(history("not-a-uuid", creator.token()), 400, "INVALID_ID");
    }

    @Test
    void historyIsAListWithLimitOffsetAndTotalCount() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "v0", "Body");
        for (int i = 1; i <= 3; i++) {
            assertThat(api.put("/api/v1/posts/" + postId, Map.of("title", "v" + i), creator.token())
                            .status())
                    .isEqualTo(200);
        }

        Response page = api.get("/api/v1/posts/" + postId + "/history?limit=2&offset=1", creator.token());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("X-Total-Count")).contains("4");
        assertThat(page.body()).hasSize(2);
        assertThat(page.body().get(0).path("data").path("title").asText()).isEqualTo("v1");
        assertThat(page.body().get(1).path("data").path("title").asText()).isEqualTo("v2");
        assertRefused(
                api.get("/api/v1/posts/" + postId + "/history?limit=0", creator.token()), 400, "VALIDATION_FAILED");
    }

    // ---------------------------------------------------------------- as_of

    @Test
    void asOfShowsThePostAsItStoodAtEachInstant() {
        TestUser creator = api.newUser("creator");
        Response created = api.post("/api/v1/posts", Map.of("title", "First", "content", "one"), creator.token());
        String postId = created.text("id");
        String createdAt = created.text("created_at");
        Response updated = api.put("/api/v1/posts/" + postId, Map.of("title", "Second"), creator.token());
        String updatedAt = updated.text("updated_at");
        Response published = api.publish(postId, creator);
        String publishedAt = published.text("published_at");
        Response unpublished = api.put("/api/v1/posts/" + postId, Map.of("status", "draft"), creator.token());
        String unpublishedAt = unpublished.text("updated_at");
        assertThat(api.put("/api/v1/posts/" + postId, Map.of("content", "two"), creator.token())
                        .status())
                .isEqualTo(200);

        Response atCreation = asOf(postId, createdAt, creator.token());
        assertThat(atCreation.status()).as(atCreation.toString()).isEqualTo(200);
        assertThat(atCreation.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "id",
                        "creator_id",
                        "title",
                        "content",
                        "status",
                        "published_at",
                        "publish_at",
                        "created_at",
                        "updated_at",
                        "view_count");
        assertThat(atCreation.text("id")).isEqualTo(postId);
        assertThat(atCreation.text("creator_id")).isEqualTo(creator.id());
        assertThat(atCreation.text("title")).isEqualTo("First");
        assertThat(atCreation.text("content")).isEqualTo("one");
        assertThat(atCreation.text("status")).isEqualTo("draft");
        assertThat(atCreation.body().path("published_at").isNull()).isTrue();
        assertThat(atCreation.text("created_at")).isEqualTo(createdAt);
        assertThat(atCreation.text("updated_at")).isEqualTo(createdAt);

        Response afterUpdate = asOf(postId, updatedAt, creator.token());
        assertThat(afterUpdate.text("title")).isEqualTo("Second");
        assertThat(afterUpdate.text("status")).isEqualTo("draft");
        assertThat(afterUpdate.text("updated_at")).isEqualTo(updatedAt);

        Response afterPublication = asOf(postId, publishedAt, creator.token());
        assertThat(afterPublication.text("status")).isEqualTo("published");
        assertThat(afterPublication.text("published_at")).isEqualTo(publishedAt);
        assertThat(afterPublication.text("content")).isEqualTo("one");

        Response afterUnpublication = asOf(postId, unpublishedAt, creator.token());
        assertThat(afterUnpublication.text("status")).isEqualTo("draft");
        assertThat(afterUnpublication.body().path("published_at").isNull()).isTrue();
        assertThat(afterUnpublication.text("content")).isEqualTo("one");

        Response now = asOf(postId, Instant.now().plusSeconds(60).toString(), creator.token());
        Response current = api.get("/api/v1/posts/" + postId, creator.token());
        assertThat(now.body()).isEqualTo(current.body());
        assertThat(now.text("content")).isEqualTo("two");
    }

    @Test
    void asOfBeforeThePostExistedIs404() {
        TestUser creator = api.newUser("creator");
        Response created = api.post("/api/v1/posts", Map.of("title", "New", "content", "Body"), creator.token());
        Instant createdAt = Instant.parse(created.text("created_at"));

        assertRefused(
                asOf(created.text("id"), createdAt.minusMillis(1).toString(), creator.token()), 404, "POST_NOT_FOUND");
        assertRefused(asOf(created.text("id"), "2000-01-01T00:00:00Z", admin()), 404, "POST_NOT_FOUND");
    }

    @Test
    void asOfAcceptsAnOffsetAndRefusesAMalformedInstant() {
        TestUser creator = api.newUser("creator");
        Response created = api.post("/api/v1/posts", Map.of("title", "New", "content", "Body"), creator.token());
        String postId = created.text("id");
        Instant createdAt = Instant.parse(created.text("created_at"));
        String withOffset =
                createdAt.atOffset(java.time.ZoneOffset.ofHours(2)).toString().replace("+", "%2B");

        assertThat(asOf(postId, withOffset, creator.token()).text("title")).isEqualTo("New");
        for (String malformed : List.of("yesterday", "2026-13-01T00:00:00Z", "1700000000", "2026-11-25", "")) {
            Response r = asOf(postId, malformed, creator.token());
            assertRefused(r, 400, "VALIDATION_FAILED");
            assertThat(r.body().path("field_errors").path("as_of").asText()).isNotEmpty();
        }
    }

    @Test
    void anAdminSeesAPastVersionOfAnyPost() {
        TestUser creator = api.newUser("creator");
        Response created = api.post("/api/v1/posts", Map.of("title", "Old", "content", "Body"), creator.token());
        String postId = created.text("id");
        assertThat(api.put("/api/v1/posts/" + postId, Map.of("title", "New"), creator.token())
                        .status())
                .isEqualTo(200);

        Response past = asOf(postId, created.text("created_at"), admin());

        assertThat(past.status()).isEqualTo(200);
        assertThat(past.text("title")).isEqualTo("Old");
    }

    @Test
    void anyOtherUserGets404ForAPastVersionOfADraftAnd403OnceItIsPublished() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        Response created = api.post("/api/v1/posts", Map.of("title", "Draft", "content", "Body"), creator.token());
        String postId = created.text("id");
        String at = created.text("created_at");

        assertRefused(asOf(postId, at, reader.token()), 404, "POST_NOT_FOUND");
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        assertRefused(asOf(postId, at, reader.token()), 403, "FORBIDDEN");
        assertThat(api.get("/api/v1/posts/" + postId, reader.token()).status()).isEqualTo(200);
    }

    @Test
    void asOfNeedsATokenAndAKnownPost() {
        TestUser creator = api.newUser("creator");
        Response created = api.post("/api/v1/posts", Map.of("title", "Draft", "content", "Body"), creator.token());

        assertThat(asOf(created.text("id"), created.text("created_at"), null).status())
                .isEqualTo(401);
        assertRefused(
                asOf(UUID.randomUUID().toString(), created.text("created_at"), creator.token()), 404, "POST_NOT_FOUND");
        assertRefused(asOf("nope", created.text("created_at"), creator.token()), 400, "INVALID_ID");
    }
}
