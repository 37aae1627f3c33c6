package dev.platform.app;

import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every 201 carries a {@code Location} that resolves: a {@code GET} of it by the writer answers the new resource
 * in the shape its list shows. The single comment and the single subscription follow their list's access rules.
 */
class LocationsEndToEndTest extends EndToEndTest {

    @Test
    void everyCreatedResourcesLocationResolves() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        Response post = api.post("/api/v1/posts", Map.of("title", "Located", "content", "Body"), creator.token());
        api.publish(post.text("id"), creator);
        Response comment =
                api.post("/api/v1/posts/" + post.text("id") + "/comments", Map.of("content", "Here"), reader.token());
        Response subscribed = api.post("/api/v1/creators/" + creator.id() + "/subscribe", null, reader.token());

        assertThat(post.header("Location")).contains("/api/v1/posts/" + post.text("id"));
        assertThat(comment.status()).isEqualTo(201);
        assertThat(comment.header("Location"))
                .contains("/api/v1/posts/" + post.text("id") + "/comments/" + comment.text("id"));
        assertThat(subscribed.status()).isEqualTo(201);
        assertThat(subscribed.header("Location"))
                .contains("/api/v1/users/" + reader.id() + "/subscriptions/" + creator.id());
        for (Response created : List.of(post, comment, subscribed)) {
            Response resolved = api.get(created.header("Location").orElseThrow(), reader.token());
            assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
            assertThat(resolved.text("id")).isEqualTo(created.text("id"));
        }
    }

    @Test
    void aSingleCommentHasTheListsShapeAndVisibility() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Visible", "Body");
        api.publish(postId, creator);
        String parent = api.post("/api/v1/posts/" + postId + "/comments", Map.of("content", "Top"), reader.token())
                .text("id");
        String location = api.post(
                        "/api/v1/posts/" + postId + "/comments",
                        Map.of("content", "Reply", "parent_comment_id", parent),
                        reader.token())
                .header("Location")
                .orElseThrow();

        JsonNode single = api.get(location, creator.token()).body();
        JsonNode listed = api.get("/api/v1/posts/" + postId + "/comments", creator.token())
                .body()
                .get(1);
        assertThat(single).isEqualTo(listed);
        assertThat(single.path("parent_comment_id").asText()).isEqualTo(parent);

        assertThat(api.put("/api/v1/posts/" + postId, Map.of("status", "draft"), creator.token())
                        .status())
                .isEqualTo(200);
        assertRefused(api.get(location, reader.token()), 404, "POST_NOT_FOUND");
        assertThat(api.get(location, creator.token()).status()).isEqualTo(200);
    }

    @Test
    void aCommentIsFoundOnlyUnderItsOwnPost() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "One", "Body");
        String otherPostId = api.newPost(creator, "Two", "Body");
        api.publish(postId, creator);
        api.publish(otherPostId, creator);
        String commentId = api.post("/api/v1/posts/" + postId + "/comments", Map.of("content", "Mine"), creator.token())
                .text("id");

        assertRefused(
                api.get("/api/v1/posts/" + otherPostId + "/comments/" + commentId, creator.token()),
                404,
                "COMMENT_NOT_FOUND");
        assertRefused(
                api.get("/api/v1/posts/" + postId + "/comments/" + UUID.randomUUID(), creator.token()),
                404,
                "COMMENT_NOT_FOUND");
        assertRefused(
                api.get("/api/v1/posts/" + UUID.randomUUID() + "/comments/" + commentId, creator.token()),
                404,
                "POST_NOT_FOUND");
        assertRefused(api.get("/api/v1/posts/" + postId + "/comments/nope", creator.token()), 400, "INVALID_ID");
        assertRefused(api.get("/api/v1/posts/" + postId + "/comments/" + commentId, null), 401, "UNAUTHENTICATED");
    }

    @Test
    void aSingleSubscriptionIsItsSubscribersOnlyInEveryStatus() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser stranger = api.newUser("reader");
        String location = api.post("/api/v1/creators/" + creator.id() + "/subscribe", null, reader.token())
                .header("Location")
                .orElseThrow();

        JsonNode listed = api.get("/api/v1/users/" + reader.id() + "/subscriptions", reader.token())
                .body()
                .get(0);
        assertThat(api.get(location, reader.token()).body()).isEqualTo(listed);
        assertRefused(api.get(location, stranger.token()), 403, "FORBIDDEN");
        assertRefused(api.get(location, creator.token()), 403, "FORBIDDEN");
        assertRefused(
                api.get("/api/v1/users/" + reader.id() + "/subscriptions/" + stranger.id(), reader.token()),
                404,
                "SUBSCRIPTION_NOT_FOUND");

        api.post("/api/v1/creators/" + creator.id() + "/unsubscribe", null, reader.token());
        assertThat(api.get(location, reader.token()).text("status")).isEqualTo("cancelled");
        Response again = api.post("/api/v1/creators/" + creator.id() + "/subscribe", null, reader.token());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Location"))
                .as("only a 201 names a new resource")
                .isEmpty();
        assertThat(api.get(location, reader.token()).text("status")).isEqualTo("active");
    }
}
