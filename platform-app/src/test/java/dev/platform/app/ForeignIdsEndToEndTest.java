package dev.platform.app;

import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every id lives in one space: a user's, a comment's or a subscription's id sent where a post's is expected (and
 * the other way round) is an unknown resource, answered 404 with the code of the resource asked for. The command
 * side never loads another aggregate's events as its own, so nothing is appended to that stream and no snapshot
 * is stored under its id; the owner of the stream keeps working.
 */
class ForeignIdsEndToEndTest extends EndToEndTest {

    /** More events than the post snapshot threshold (100): loading them as a post would trigger a snapshot. */
    private static final int PROFILE_UPDATES = 105;

    private final String url = TestDatabase.sharedUrl();

    private long events(String aggregateId) {
        return Sql.number(url, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", aggregateId);
    }

    private long snapshots(String aggregateId) {
        return Sql.number(url, "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", aggregateId);
    }

    /** PUT and publish on {@code id} as a post, by {@code caller}: both 404 POST_NOT_FOUND, the stream untouched. */
    private void assertNoPost(String id, TestUser caller) {
        long before = events(id);
        assertThat(before).as("events of %s", id).isPositive();

        assertRefused(
                api.put("/api/v1/posts/" + id, Map.of("title", "Taken over"), caller.token()), 404, "POST_NOT_FOUND");
        assertRefused(
                api.put("/api/v1/posts/" + id, Map.of("status", "published"), caller.token()), 404, "POST_NOT_FOUND");
        assertRefused(api.publish(id, caller), 404, "POST_NOT_FOUND");

        assertThat(events(id)).as("events of %s", id).isEqualTo(before);
        assertThat(snapshots(id)).as("snapshots under %s", id).isZero();
    }

    @Test
    void aUserIdWithManyEventsIsNoPostAndItsOwnerKeepsWorking() {
        TestUser owner = api.newUser("creator");
        TestUser caller = api.newUser("creator");
        for (int i = 1; i <= PROFILE_UPDATES; i++) {
            Response updated = api.put("/api/v1/users/" + owner.id(), Map.of("bio", "bio " + i), owner.token());
            assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        }

        assertNoPost(owner.id(), caller);
        // Also by the owner of the stream itself, whose id is the post's "creator" nowhere.
        assertNoPost(owner.id(), owner);

        Response updated = api.put("/api/v1/users/" + owner.id(), Map.of("bio", "still mine"), owner.token());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.text("username")).isEqualTo(owner.username());
        assertThat(api.get("/api/v1/users/" + owner.id(), owner.token()).text("bio"))
                .isEqualTo("still mine");
    }

    @Test
    void aCommentIdIsNoPost() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Open", "Comment on me.");
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        Response comment =
                api.post("/api/v1/posts/" + postId + "/comments", Map.of("content", "First!"), reader.token());
        assertThat(comment.status()).as(comment.toString()).isEqualTo(201);
        String commentId = comment.text("id");

        assertNoPost(commentId, creator);
        assertNoPost(commentId, reader);
        assertRefused(
                api.post("/api/v1/posts/" + commentId + "/comments", Map.of("content", "Nested?"), reader.token()),
                404,
                "POST_NOT_FOUND");
        assertThat(events(commentId)).isEqualTo(1);
    }

    @Test
    void aSubscriptionIdIsNoPost() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        Response subscribed = api.request("POST", "/api/v1/creators/" + creator.id() + "/subscribe")
                .token(reader.token())
                .send();
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        String subscriptionId = subscribed.text("id");

        assertNoPost(subscriptionId, creator);
        assertNoPost(subscriptionId, reader);
        assertThat(api.get("/api/v1/users/" + reader.id() + "/subscriptions", reader.token())
                        .body()
                        .get(0)
                        .path("status")
                        .asText())
                .isEqualTo("active");
    }

    @Test
    void aPostIdIsNoUserCommentOrCreator() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Mine", "Only a post.");
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        long before = events(postId);

        assertRefused(
                api.request("POST", "/api/v1/creators/" + postId + "/subscribe")
                        .token(reader.token())
                        .send(),
                404,
                "USER_NOT_FOUND");
        assertRefused(
                api.request("POST", "/api/v1/creators/" + postId + "/unsubscribe")
                        .token(reader.token())
                        .send(),
                404,
                "SUBSCRIPTION_NOT_FOUND");
        Response reply = api.post(
                "/api/v1/posts/" + postId + "/comments",
                Map.of("content", "Reply to a post?", "parent_comment_id", postId),
                reader.token());
        assertRefused(reply, 400, "VALIDATION_FAILED");
        assertThat(reply.body().path("field_errors").has("parent_comment_id")).isTrue();
        assertRefused(api.get("/api/v1/users/" + postId, reader.token()), 404, "USER_NOT_FOUND");
        assertRefused(api.get("/api/v1/creators/" + postId + "/posts", reader.token()), 404, "USER_NOT_FOUND");

        assertThat(events(postId)).isEqualTo(before);
        assertThat(api.get("/api/v1/posts/" + postId, reader.token()).status()).isEqualTo(200);
    }

    @Test
    void theReadsOfAPostAnswer404ForTheIdOfAnotherAggregate() {
        TestUser user = api.newUser("creator");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        for (String path : List.of("", "/history", "/stats", "/comments", "?as_of=2030-01-01T00:00:00Z")) {
            assertRefused(api.get("/api/v1/posts/" + user.id() + path, user.token()), 404, "POST_NOT_FOUND");
        }
        assertRefused(api.get("/api/v1/posts/" + user.id() + "/history", admin), 404, "POST_NOT_FOUND");
    }
}
