package dev.platform.app;

import static dev.platform.app.Api.added;
import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.Api.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code DELETE /posts/{id}} (issue 16, item 1): who may delete, and that a deleted post is gone from every read
 * (the post, the creator's list and its counts, its comments) and from every write, while its history stays
 * readable by an admin. The e-mails of a deleted post: {@link PostDeletionEmailsEndToEndTest}.
 */
class PostDeletionEndToEndTest extends EndToEndTest {

    @Autowired
    Snapshotter snapshotter;

    private Response delete(String postId, String token) {
        return api.request("DELETE", "/api/v1/posts/" + postId).token(token).send();
    }

    private String admin() {
        return api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    private Response history(String postId, String token) {
        return api.get("/api/v1/posts/" + postId + "/history?limit=100", token);
    }

    @Test
    void theCreatorDeletesTheirPostAndItDisappearsFromEveryRead() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        assertThat(api.subscribe(reader, creator.id()).status()).isEqualTo(201);
        String kept = api.newPublishedPost(creator, "Kept", "Stays");
        String postId = api.newPublishedPost(creator, "Doomed", "Goes away");
        String commentId = added(api.comment(postId, reader, "A comment on it"));
        Instant beforeDeletion = Instant.parse(api.readPost(postId, creator).text("updated_at"));
        assertThat(api.creatorPosts(creator.id(), "", reader).header("X-Total-Count"))
                .contains("2");

        Response deleted = delete(postId, creator.token());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(deleted.raw().body()).isEmpty();
        // Reads: the post, the lists and their counts, for its creator and for others.
        assertRefused(api.readPost(postId, creator), 404, "POST_NOT_FOUND");
        assertRefused(api.readPost(postId, reader), 404, "POST_NOT_FOUND");
        for (TestUser caller : new TestUser[] {creator, reader}) {
            Response list = api.creatorPosts(creator.id(), "", caller);
            assertThat(ids(list)).containsExactly(kept);
            assertThat(list.header("X-Total-Count")).contains("1");
            Response published = api.creatorPosts(creator.id(), "?status=published", caller);
            assertThat(ids(published)).containsExactly(kept);
            assertThat(published.header("X-Total-Count")).contains("1");
        }
        // Its comments, and a new one.
        assertRefused(api.comments(postId, reader), 404, "POST_NOT_FOUND");
        assertRefused(
                api.get("/api/v1/posts/" + postId + "/comments/" + commentId, reader.token()), 404, "POST_NOT_FOUND");
        assertRefused(api.comment(postId, reader, "Too late"), 404, "POST_NOT_FOUND");
        assertRefused(api.comment(postId, creator, "Too late"), 404, "POST_NOT_FOUND");
        // Its creator-only resources.
        assertRefused(api.get("/api/v1/posts/" + postId + "/stats", creator.token()), 404, "POST_NOT_FOUND");
        assertRefused(history(postId, creator.token()), 404, "POST_NOT_FOUND");
        assertRefused(
                api.get("/api/v1/posts/" + postId + "?as_of=" + beforeDeletion, creator.token()),
                404,
                "POST_NOT_FOUND");
        assertRefused(api.get("/api/v1/posts/" + postId + "/notifications", creator.token()), 404, "POST_NOT_FOUND");
        // The subscription is the creator's, not the post's: untouched.
        Response subscription =
                api.get("/api/v1/users/" + reader.id() + "/subscriptions/" + creator.id(), reader.token());
        assertThat(subscription.text("status")).isEqualTo("active");
        assertThat(api.readPost(kept, reader).status()).isEqualTo(200);
    }

    @Test
    void aDeletedPostTakesNoCommandAnyMoreAndASecondDeletionIs404() {
        TestUser creator = api.newUser("creator");
        String draft = api.newPost(creator, "Draft", "Never out");
        String published = api.newPublishedPost(creator, "Out", "Was out");
        assertThat(delete(draft, creator.token()).status()).isEqualTo(204);
        assertThat(delete(published, creator.token()).status()).isEqualTo(204);
        String admin = admin();

        for (String postId : new String[] {draft, published}) {
            assertRefused(api.editPost(postId, Map.of("title", "Back"), creator), 404, "POST_NOT_FOUND");
            assertRefused(api.editPost(postId, Map.of("status", "published"), creator), 404, "POST_NOT_FOUND");
            assertRefused(api.publish(postId, creator), 404, "POST_NOT_FOUND");
            assertRefused(delete(postId, creator.token()), 404, "POST_NOT_FOUND");
            assertRefused(delete(postId, admin), 404, "POST_NOT_FOUND");
        }
        assertRefused(delete(UUID.randomUUID().toString(), creator.token()), 404, "POST_NOT_FOUND");
        assertRefused(delete("not-a-uuid", creator.token()), 400, "INVALID_ID");
        assertThat(api.request("DELETE", "/api/v1/posts/" + draft).send().status())
                .isEqualTo(401);
    }

    @Test
    void anAdminDeletesAnyonesPostAndTheHistoryRecordsWhoAndAsWhat() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String published = api.newPublishedPost(creator, "Taken down", "By the admin");
        String draft = api.newPost(creator, "A draft", "Also removable by the admin");
        String admin = admin();
        String adminId = Api.subject(admin);

        assertThat(delete(published, admin).status()).isEqualTo(204);
        assertThat(delete(draft, admin).status()).isEqualTo(204);

        assertRefused(api.readPost(published, reader), 404, "POST_NOT_FOUND");
        assertRefused(api.readPost(draft, creator), 404, "POST_NOT_FOUND");
        JsonNode last = lastHistoryEntry(published, admin);
        assertThat(last.path("event_type").asText()).isEqualTo("PostDeleted");
        assertThat(last.path("actor_id").asText()).isEqualTo(adminId);
        assertThat(last.path("data").path("deletedBy").asText()).isEqualTo(adminId);
        assertThat(last.path("data").path("deletedAs").asText()).isEqualTo("admin");
        assertThat(last.path("data").path("creatorId").asText()).isEqualTo(creator.id());
    }

    @Test
    void anotherReaderIsRefused403OnAPublishedPostAnd404OnSomeoneElsesDraftAndNothingChanges() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String published = api.newPublishedPost(creator, "Mine", "Not yours");
        String draft = api.newPost(creator, "My draft", "Not yours either");

        assertRefused(delete(published, reader.token()), 403, "FORBIDDEN");
        assertRefused(delete(published, otherCreator.token()), 403, "FORBIDDEN");
        assertRefused(delete(draft, reader.token()), 404, "POST_NOT_FOUND");
        assertRefused(delete(draft, otherCreator.token()), 404, "POST_NOT_FOUND");

        assertThat(api.readPost(published, reader).status()).isEqualTo(200);
        assertThat(api.readPost(draft, creator).status()).isEqualTo(200);
        assertThat(history(published, creator.token()).header("X-Total-Count")).contains("2");
    }

    @Test
    void ifMatchMakesTheDeletionConditional() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPublishedPost(creator, "Versioned", "v1");
        String stale = api.readPost(postId, creator).header("ETag").orElseThrow();
        Response edited = api.editPost(postId, Map.of("content", "v2"), creator);
        String current = edited.header("ETag").orElseThrow();

        assertRefused(
                api.request("DELETE", "/api/v1/posts/" + postId)
                        .token(creator.token())
                        .header("If-Match", stale)
                        .send(),
                412,
                "PRECONDITION_FAILED");
        assertThat(api.readPost(postId, creator).status()).isEqualTo(200);

        Response deleted = api.request("DELETE", "/api/v1/posts/" + postId)
                .token(creator.token())
                .header("If-Match", current)
                .send();
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    }

    @Test
    void theHistoryAndPastVersionsOfADeletedPostStayReadableByTheAdminOnly() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPublishedPost(creator, "Remembered", "For the audit");
        Instant beforeDeletion = Instant.parse(api.readPost(postId, creator).text("updated_at"));
        assertThat(delete(postId, creator.token()).status()).isEqualTo(204);
        String admin = admin();

        Response history = history(postId, admin);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.header("X-Total-Count")).contains("3");
        JsonNode last = lastHistoryEntry(postId, admin);
        assertThat(last.path("event_type").asText()).isEqualTo("PostDeleted");
        assertThat(last.path("actor_id").asText()).isEqualTo(creator.id());
        assertThat(last.path("data").path("deletedAs").asText()).isEqualTo("creator");

        Response past = api.get("/api/v1/posts/" + postId + "?as_of=" + beforeDeletion, admin);
        assertThat(past.status()).as(past.toString()).isEqualTo(200);
        assertThat(past.text("title")).isEqualTo("Remembered");
        assertThat(past.text("status")).isEqualTo("published");
        Instant deletedAt = Instant.parse(last.path("occurred_at").asText());
        assertRefused(
                api.get("/api/v1/posts/" + postId + "?as_of=" + deletedAt.plusSeconds(1), admin),
                404,
                "POST_NOT_FOUND");
        // The notification stats of the deleted post: the admin's, for the audit of what went out.
        Response stats = api.get("/api/v1/posts/" + postId + "/notifications", admin);
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        assertThat(stats.body().path("withdrawn").isNumber()).isTrue();
    }

    @Test
    void aDeletedPostIsNeverSnapshottedSoItsDeletionHoldsForEveryLaterCommand() throws Exception {
        TestUser creator = api.newUser("creator");
        String live = api.newPublishedPost(creator, "Live", "Snapshotted as any post");
        String postId = api.newPublishedPost(creator, "Deleted", "Never snapshotted");
        assertThat(delete(postId, creator.token()).status()).isEqualTo(204);
        Class<?> post = Class.forName("dev.platform.command.post.Post");

        // The snapshotter runs in the caller's thread: a live post's snapshot is there when the call returns; a
        // deleted post gets none (Axon's snapshotter skips deleted aggregates), so no snapshot can drop the mark.
        snapshotter.scheduleSnapshot(post, live);
        snapshotter.scheduleSnapshot(post, postId);
        assertThat(snapshots(live)).isEqualTo(1);
        assertThat(snapshots(postId)).isZero();

        assertRefused(api.editPost(postId, Map.of("content", "resurrected?"), creator), 404, "POST_NOT_FOUND");
        assertRefused(api.publish(postId, creator), 404, "POST_NOT_FOUND");
        assertRefused(delete(postId, creator.token()), 404, "POST_NOT_FOUND");
        assertThat(Sql.number(
                        TestDatabase.sharedUrl(),
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        postId))
                .isEqualTo(3);
    }

    private static long snapshots(String postId) {
        return Sql.number(
                TestDatabase.sharedUrl(),
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                postId);
    }

    @Test
    void aRebuildOfThePostsReadModelBringsNoDeletedPostBack() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String kept = api.newPublishedPost(creator, "Kept", "Through the rebuild");
        String postId = api.newPublishedPost(creator, "Deleted", "Stays deleted");
        assertThat(delete(postId, creator.token()).status()).isEqualTo(204);
        ProjectionAdmin projections = new ProjectionAdmin(api, admin());

        long head = Sql.head(TestDatabase.sharedUrl());
        assertThat(projections.rebuild("posts").status()).isEqualTo(202);
        projections.awaitRebuilt("posts", head);

        assertRefused(api.readPost(postId, reader), 404, "POST_NOT_FOUND");
        assertRefused(api.readPost(postId, creator), 404, "POST_NOT_FOUND");
        Response list = api.creatorPosts(creator.id(), "", creator);
        assertThat(ids(list)).containsExactly(kept);
        assertThat(list.header("X-Total-Count")).contains("1");
        assertRefused(api.comments(postId, reader), 404, "POST_NOT_FOUND");
    }

    private JsonNode lastHistoryEntry(String postId, String token) {
        Response history = history(postId, token);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        return history.body().get(history.body().size() - 1);
    }
}
