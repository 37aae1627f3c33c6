package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.EventStore.postEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Posts" section, who sees and who changes a post: a draft is its creator's alone (404 to everyone
 * else, like a post that does not exist), a published post is everyone's to read and its creator's alone to change.
 */
class PostAccessEndToEndTest extends EndToEndTest {

    @Test
    void aDraftIsHiddenFromEveryoneButItsCreator() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = api.newPost(creator, "Secret draft", "Not yet");

        Response byReader = api.readPost(postId, reader);
        Response byOtherCreator = api.readPost(postId, otherCreator);
        Response byAdmin = api.get("/api/v1/posts/" + postId, admin);
        Response unknown = api.readPost(UUID.randomUUID().toString(), reader);

        for (Response r : List.of(byReader, byOtherCreator, byAdmin, unknown)) {
            assertRefused(r, 404, "POST_NOT_FOUND");
        }
        // A hidden draft and a post that does not exist cannot be told apart.
        assertThat(byReader.text("detail")).isEqualTo(unknown.text("detail"));
        assertThat(api.readPost(postId, creator).status()).isEqualTo(200);
    }

    @Test
    void aPublishedPostIsReadableByEveryUser() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Public", "For all");
        Response published = api.publish(postId, creator);

        Response read = api.readPost(postId, reader);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo("published");
        assertThat(read.text("title")).isEqualTo("Public");
        assertThat(read.text("content")).isEqualTo("For all");
        assertThat(read.text("published_at")).isEqualTo(published.text("published_at"));
        assertThat(read.text("updated_at")).matches(TIMESTAMP);
        assertThat(read.body().get("view_count").isIntegralNumber()).isTrue();
    }

    @Test
    void unknownPostsAre404AndInvalidIds400OnEveryEndpoint() {
        TestUser creator = api.newUser("creator");
        String unknown = UUID.randomUUID().toString();

        assertRefused(api.readPost(unknown, creator), 404, "POST_NOT_FOUND");
        assertRefused(api.editPost(unknown, Map.of("title", "x"), creator), 404, "POST_NOT_FOUND");
        assertRefused(api.publish(unknown, creator), 404, "POST_NOT_FOUND");
        assertRefused(api.readPost("not-a-uuid", creator), 400, "INVALID_ID");
        assertRefused(api.editPost("12345", Map.of("title", "x"), creator), 400, "INVALID_ID");
        assertRefused(api.publish("1-1-1-1-1", creator), 400, "INVALID_ID");
        assertRefused(api.creatorPosts("nope", "", creator), 400, "INVALID_ID");
    }

    @Test
    void othersChangingADraftAre404AndNothingChanges() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String postId = api.newPost(creator, "Mine", "Body");
        long events = postEvents();

        assertRefused(api.editPost(postId, Map.of("title", "Hijacked"), reader), 404, "POST_NOT_FOUND");
        assertRefused(api.editPost(postId, Map.of("status", "published"), otherCreator), 404, "POST_NOT_FOUND");
        assertRefused(api.publish(postId, reader), 404, "POST_NOT_FOUND");
        assertRefused(api.publish(postId, otherCreator), 404, "POST_NOT_FOUND");

        assertThat(postEvents()).isEqualTo(events);
        Response read = api.readPost(postId, creator);
        assertThat(read.text("title")).isEqualTo("Mine");
        assertThat(read.text("status")).isEqualTo("draft");
    }

    @Test
    void othersChangingAPublishedPostAre403AndNothingChanges() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = api.newPost(creator, "Mine", "Body");
        String publishedAt = api.publish(postId, creator).text("published_at");
        long events = postEvents();

        assertRefused(api.editPost(postId, Map.of("title", "Hijacked"), reader), 403, "FORBIDDEN");
        assertRefused(api.editPost(postId, Map.of("status", "draft"), otherCreator), 403, "FORBIDDEN");
        assertRefused(api.put("/api/v1/posts/" + postId, Map.of("title", "Admin"), admin), 403, "FORBIDDEN");
        assertRefused(api.publish(postId, reader), 403, "FORBIDDEN");
        assertRefused(api.publish(postId, otherCreator), 403, "FORBIDDEN");

        assertThat(postEvents()).isEqualTo(events);
        Response read = api.readPost(postId, reader);
        assertThat(read.text("title")).isEqualTo("Mine");
        assertThat(read.text("status")).isEqualTo("published");
        assertThat(read.text("published_at")).isEqualTo(publishedAt);
    }
}
