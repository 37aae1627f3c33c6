package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.Api.ids;
import static dev.platform.app.EventStore.eventTypes;
import static dev.platform.app.EventStore.lastEvent;
import static dev.platform.app.EventStore.postEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Posts" section, the status: publishing (by {@code /publish} or a {@code PUT} with
 * {@code status: published}), publishing twice, unpublishing and republishing. The event store is read where the rule
 * is about the stored events.
 */
class PostPublishingEndToEndTest extends EndToEndTest {

    @Test
    void publishingAnswersThePublishedPostAndItShowsInOthersListsAtOnce() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "News", "Fresh");
        assertThat(ids(api.creatorPosts(creator.id(), "", reader))).isEmpty();

        Response published = api.publish(postId, creator);
        Response othersList = api.creatorPosts(creator.id(), "", reader);

        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "id", "creator_id", "title", "content", "status", "published_at", "publish_at");
        assertThat(published.text("id")).isEqualTo(postId);
        assertThat(published.text("creator_id")).isEqualTo(creator.id());
        assertThat(published.text("title")).isEqualTo("News");
        assertThat(published.text("content")).isEqualTo("Fresh");
        assertThat(published.text("status")).isEqualTo("published");
        assertThat(published.text("published_at")).matches(TIMESTAMP);
        assertThat(ids(othersList)).containsExactly(postId);
        assertThat(othersList.body().get(0).path("published_at").asText()).isEqualTo(published.text("published_at"));
        assertThat(api.readPost(postId, reader).text("status")).isEqualTo("published");
    }

    @Test
    void publishTakesNoBodyAnEmptyObjectOrNothingElse() {
        TestUser creator = api.newUser("creator");
        String first = api.newPost(creator, "One", "x");
        String second = api.newPost(creator, "Two", "x");
        String third = api.newPost(creator, "Three", "x");
        long events = postEvents();

        Response withField = api.request("POST", "/api/v1/posts/" + first + "/publish")
                .token(creator.token())
                .json(Map.of("published_at", "2020-01-01T00:00:00.000Z"))
                .send();
        Response plainText = api.request("POST", "/api/v1/posts/" + first + "/publish")
                .token(creator.token())
                .raw("text/plain", "now")
                .send();
        assertRefused(withField, 400, "VALIDATION_FAILED");
        assertThat(withField.body().path("field_errors").has("published_at")).isTrue();
        assertRefused(plainText, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(postEvents()).isEqualTo(events);

        Response emptyObject = api.request("POST", "/api/v1/posts/" + first + "/publish")
                .token(creator.token())
                .json("{}")
                .send();
        Response emptyJson = api.request("POST", "/api/v1/posts/" + second + "/publish")
                .token(creator.token())
                .raw("application/json", "")
                .send();
        Response noContentType = api.publish(third, creator);
        assertThat(List.of(emptyObject, emptyJson, noContentType))
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
    }

    @Test
    void publishingTwiceIs409AndKeepsTheFirstPublication() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Once", "Only once");
        String publishedAt = api.publish(postId, creator).text("published_at");
        long events = postEvents();

        Response again = api.publish(postId, creator);

        assertRefused(again, 409, "POST_ALREADY_PUBLISHED");
        assertThat(postEvents()).isEqualTo(events);
        assertThat(api.readPost(postId, creator).text("published_at")).isEqualTo(publishedAt);
    }

    @Test
    void statusPublishedInAPutPublishesLikePublishDoes() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Via PUT", "Body");

        Response updated = api.editPost(postId, Map.of("status", "published"), creator);

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.text("status")).isEqualTo("published");
        assertThat(updated.text("published_at")).matches(TIMESTAMP);
        Response read = api.readPost(postId, reader);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("published_at")).isEqualTo(updated.text("published_at"));
        assertThat(ids(api.creatorPosts(creator.id(), "", reader))).containsExactly(postId);
        assertThat(eventTypes(postId))
                .containsExactly("dev.platform.api.post.PostCreated", "dev.platform.api.post.PostPublished");
    }

    @Test
    void anEditAndStatusPublishedInOnePutPublishTheEditedText() throws Exception {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Draft title", "Draft body");

        Response updated = api.editPost(postId, Map.of("title", "Final title", "status", "published"), creator);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(api.readPost(postId, reader).text("title")).isEqualTo("Final title");
        JsonNode publication = lastEvent(postId, "dev.platform.api.post.PostPublished");
        assertThat(publication.path("title").asText()).isEqualTo("Final title");
        assertThat(publication.path("content").asText()).isEqualTo("Draft body");
    }

    @Test
    void statusPublishedAloneOnAPublishedPostIs409LikePublishButWithAnEditItIsAnEdit() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Published", "Body");
        String publishedAt = api.publish(postId, creator).text("published_at");
        long events = postEvents();

        Response bare = api.editPost(postId, Map.of("status", "published"), creator);
        assertRefused(bare, 409, "POST_ALREADY_PUBLISHED");
        assertThat(postEvents()).isEqualTo(events);

        Response withEdit = api.editPost(postId, Map.of("title", "Edited", "status", "published"), creator);
        assertThat(withEdit.status()).isEqualTo(200);
        assertThat(withEdit.text("title")).isEqualTo("Edited");
        assertThat(withEdit.text("published_at")).isEqualTo(publishedAt);
    }

    @Test
    void statusDraftUnpublishesAndHidesThePostFromOthersAtOnce() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Going back", "Body");
        api.publish(postId, creator);
        assertThat(api.readPost(postId, reader).status()).isEqualTo(200);

        Response unpublished = api.editPost(postId, Map.of("status", "draft"), creator);
        Response byReader = api.readPost(postId, reader);

        assertThat(unpublished.status()).as(unpublished.toString()).isEqualTo(200);
        assertThat(unpublished.text("status")).isEqualTo("draft");
        assertThat(unpublished.body().get("published_at").isNull()).isTrue();
        assertRefused(byReader, 404, "POST_NOT_FOUND");
        assertThat(ids(api.creatorPosts(creator.id(), "", reader))).isEmpty();
        Response byCreator = api.readPost(postId, creator);
        assertThat(byCreator.text("status")).isEqualTo("draft");
        assertThat(byCreator.body().get("published_at").isNull()).isTrue();
        assertThat(byCreator.text("updated_at")).isEqualTo(unpublished.text("updated_at"));
    }

    @Test
    void statusDraftAloneOnADraftIs409AndChangesNothing() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Still a draft", "Body");
        long events = postEvents();

        Response r = api.editPost(postId, Map.of("status", "draft"), creator);

        assertRefused(r, 409, "POST_NOT_PUBLISHED");
        assertThat(postEvents()).isEqualTo(events);
    }

    @Test
    void republishingSetsANewPublishedAt() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Again", "Body");
        Instant first = Instant.parse(api.publish(postId, creator).text("published_at"));
        api.editPost(postId, Map.of("status", "draft"), creator);

        Response again = api.publish(postId, creator);

        assertThat(again.status()).isEqualTo(200);
        Instant second = Instant.parse(again.text("published_at"));
        assertThat(second).isAfter(first);
        assertThat(api.readPost(postId, reader).text("published_at")).isEqualTo(again.text("published_at"));
    }
}
