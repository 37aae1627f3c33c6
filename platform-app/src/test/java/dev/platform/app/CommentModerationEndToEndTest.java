package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static dev.platform.app.Api.added;
import static dev.platform.app.Api.assertFieldError;
import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.Api.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Editing and removing comments (issue 16, item 2): the author edits (every version stays in the events) and
 * removes; the post's creator and an admin remove any comment (moderation, recorded with who and in which role);
 * another reader is refused (403, or 404 where the post is not visible to them).
 */
class CommentModerationEndToEndTest extends EndToEndTest {

    private static final String EDITED = "dev.platform.api.comment.CommentEdited";
    private static final String REMOVED = "dev.platform.api.comment.CommentRemoved";

    private Response edit(String postId, String commentId, Object body, TestUser caller) {
        return api.put("/api/v1/posts/" + postId + "/comments/" + commentId, body, caller.token());
    }

    private Response remove(String postId, String commentId, String token) {
        return api.request("DELETE", "/api/v1/posts/" + postId + "/comments/" + commentId)
                .token(token)
                .send();
    }

    private Response read(String postId, String commentId, TestUser caller) {
        return api.get("/api/v1/posts/" + postId + "/comments/" + commentId, caller.token());
    }

    /** The payloads of the comment's events, in sequence. */
    private static List<JsonNode> events(String commentId) {
        List<JsonNode> events = new ArrayList<>();
        for (String payload : Sql.rows(
                TestDatabase.sharedUrl(),
                "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number",
                commentId)) {
            try {
                events.add(Api.JSON.readTree(payload));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    @Test
    void theAuthorEditsTheirCommentAndEveryVersionStaysInTheEvents() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        Response first = api.comment(postId, reader, "Frist!");
        String id = added(first);

        Response edited = edit(postId, id, Map.of("content", "First!"), reader);
        Response again = edit(postId, id, Map.of("content", "First! (typo fixed)"), reader);
        Response same = edit(postId, id, Map.of("content", "First! (typo fixed)"), reader);

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "id",
                        "post_id",
                        "user_id",
                        "parent_comment_id",
                        "content",
                        "created_at",
                        "edited_at",
                        "deleted");
        assertThat(edited.text("id")).isEqualTo(id);
        assertThat(edited.text("post_id")).isEqualTo(postId);
        assertThat(edited.text("user_id")).isEqualTo(reader.id());
        assertThat(edited.text("content")).isEqualTo("First!");
        assertThat(edited.text("created_at")).isEqualTo(first.text("created_at"));
        assertThat(edited.text("edited_at")).matches(TIMESTAMP);
        assertThat(edited.text("edited_at")).isGreaterThanOrEqualTo(first.text("created_at"));
        assertThat(edited.body().get("deleted").asBoolean(true)).isFalse();
        assertThat(again.text("edited_at")).isGreaterThanOrEqualTo(edited.text("edited_at"));
        // The same content again is no new version: 200 with the comment as it is.
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.text("edited_at")).isEqualTo(again.text("edited_at"));

        Response listed = api.comments(postId, creator);
        assertThat(listed.body().get(0).path("content").asText()).isEqualTo("First! (typo fixed)");
        assertThat(listed.body().get(0).path("edited_at").asText()).isEqualTo(again.text("edited_at"));
        assertThat(read(postId, id, creator).text("content")).isEqualTo("First! (typo fixed)");

        List<JsonNode> events = events(id);
        assertThat(EventStore.eventTypes(id)).containsExactly("dev.platform.api.comment.CommentAdded", EDITED, EDITED);
        assertThat(events)
                .extracting(e -> e.path("content").asText())
                .containsExactly("Frist!", "First!", "First! (typo fixed)");
    }

    @Test
    void nobodyButTheAuthorEditsAndAnEditFollowsTheRulesOfANewComment() {
        TestUser creator = api.newUser("creator");
        TestUser author = api.newUser("reader");
        TestUser other = api.newUser("reader");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = api.newPublishedPost(creator);
        String otherPostId = api.newPublishedPost(creator);
        String id = added(api.comment(postId, author, "Mine"));

        assertRefused(edit(postId, id, Map.of("content", "Theirs"), other), 403, "FORBIDDEN");
        assertRefused(edit(postId, id, Map.of("content", "Moderated"), creator), 403, "FORBIDDEN");
        Response byAdmin =
                api.put("/api/v1/posts/" + postId + "/comments/" + id, Map.of("content", "Moderated"), admin);
        assertRefused(byAdmin, 403, "FORBIDDEN");
        assertFieldError(edit(postId, id, Map.of("content", " \n "), author), "content");
        assertFieldError(edit(postId, id, Map.of(), author), "content");
        assertFieldError(edit(postId, id, Map.of("content", "x".repeat(10_001)), author), "content");
        assertFieldError(
                edit(postId, id, Map.of("content", "Moved", "parent_comment_id", id), author), "parent_comment_id");
        assertRefused(edit(otherPostId, id, Map.of("content", "Elsewhere"), author), 404, "COMMENT_NOT_FOUND");

        assertThat(EventStore.eventsOf(id)).isEqualTo(1);
        assertThat(read(postId, id, other).text("content")).isEqualTo("Mine");
    }

    @Test
    void onAnUnpublishedPostOthersAreToldItDoesNotExistAndItsCreatorThatItIsNotPublished() {
        TestUser creator = api.newUser("creator");
        TestUser author = api.newUser("reader");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = api.newPublishedPost(creator);
        String byAuthor = added(api.comment(postId, author, "Hello"));
        String byCreator = added(api.comment(postId, creator, "Thanks"));
        assertThat(api.unpublish(postId, creator).status()).isEqualTo(200);

        assertRefused(edit(postId, byAuthor, Map.of("content", "Hello?"), author), 404, "POST_NOT_FOUND");
        assertRefused(remove(postId, byAuthor, author.token()), 404, "POST_NOT_FOUND");
        assertRefused(remove(postId, byAuthor, admin), 404, "POST_NOT_FOUND");
        assertRefused(edit(postId, byCreator, Map.of("content", "Thanks!"), creator), 409, "POST_NOT_PUBLISHED");
        assertThat(EventStore.eventsOf(byAuthor)).isEqualTo(1);

        // The creator tidies up the discussion of their unpublished post.
        assertThat(remove(postId, byAuthor, creator.token()).status()).isEqualTo(204);
        assertThat(ids(api.comments(postId, creator))).containsExactly(byCreator);
    }

    @Test
    void theAuthorRemovesTheirCommentOnceAndItIsGoneForEveryRead() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        String kept = added(api.comment(postId, creator, "Welcome"));
        String id = added(api.comment(postId, reader, "Regrettable"));

        Response removed = remove(postId, id, reader.token());

        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(removed.raw().body()).isEmpty();
        Response listed = api.comments(postId, creator);
        assertThat(ids(listed)).containsExactly(kept);
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertRefused(read(postId, id, creator), 404, "COMMENT_NOT_FOUND");
        assertRefused(remove(postId, id, reader.token()), 404, "COMMENT_NOT_FOUND");
        assertRefused(remove(postId, id, creator.token()), 404, "COMMENT_NOT_FOUND");
        assertRefused(edit(postId, id, Map.of("content", "Back"), reader), 404, "COMMENT_NOT_FOUND");
        assertThat(EventStore.eventTypes(id)).containsExactly("dev.platform.api.comment.CommentAdded", REMOVED);
        JsonNode event = EventStore.lastEvent(id, REMOVED);
        assertThat(event.path("removedBy").asText()).isEqualTo(reader.id());
        assertThat(event.path("role").asText()).isEqualTo("author");
        // The removed content stays in the comment's first event (the history); only the reads forget it.
        assertThat(events(id).get(0).path("content").asText()).isEqualTo("Regrettable");
    }

    @Test
    void thePostsCreatorAndAnAdminRemoveAnyCommentAnotherReaderMayNot() {
        TestUser creator = api.newUser("creator");
        TestUser author = api.newUser("reader");
        TestUser other = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = api.newPublishedPost(creator);
        String first = added(api.comment(postId, author, "Spam"));
        String second = added(api.comment(postId, author, "More spam"));

        assertRefused(remove(postId, first, other.token()), 403, "FORBIDDEN");
        assertRefused(remove(postId, first, otherCreator.token()), 403, "FORBIDDEN");
        assertThat(ids(api.comments(postId, other))).containsExactly(first, second);
        assertThat(EventStore.eventsOf(first)).isEqualTo(1);

        assertThat(remove(postId, first, creator.token()).status()).isEqualTo(204);
        assertThat(remove(postId, second, admin).status()).isEqualTo(204);

        assertThat(ids(api.comments(postId, other))).isEmpty();
        JsonNode byCreator = EventStore.lastEvent(first, REMOVED);
        assertThat(byCreator.path("removedBy").asText()).isEqualTo(creator.id());
        assertThat(byCreator.path("role").asText()).isEqualTo("post_creator");
        JsonNode byAdmin = EventStore.lastEvent(second, REMOVED);
        assertThat(byAdmin.path("removedBy").asText()).isEqualTo(Api.subject(admin));
        assertThat(byAdmin.path("role").asText()).isEqualTo("admin");
    }

    @Test
    void twoRemovalsAtOnceRemoveTheCommentOnceAndTheOtherIsToldItIsGone() throws Exception {
        TestUser creator = api.newUser("creator");
        TestUser author = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        String id = added(api.comment(postId, author, "Contested"));

        List<Response> answers = Api.runTogether(
                List.of(() -> remove(postId, id, author.token()), () -> remove(postId, id, creator.token())));

        assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(204, 404);
        assertThat(EventStore.eventTypes(id)).containsExactly("dev.platform.api.comment.CommentAdded", REMOVED);
    }
}
