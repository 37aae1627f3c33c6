package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.EventStore.postEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract's "Posts" section, editing with {@code PUT}: only the given fields change, a published post stays
 * published, and an invalid edit is refused without a stored event.
 */
class PostEditingEndToEndTest extends EndToEndTest {

    @Test
    void anUpdateChangesOnlyTheGivenFieldsAndIsReadableAtOnce() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Before", "Kept content");
        String createdAt = api.readPost(postId, creator).text("created_at");

        Response updated = api.editPost(postId, Map.of("title", "  After  "), creator);
        Response read = api.readPost(postId, creator);

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "id", "creator_id", "title", "content", "status", "updated_at", "published_at", "publish_at");
        assertThat(updated.text("id")).isEqualTo(postId);
        assertThat(updated.text("creator_id")).isEqualTo(creator.id());
        assertThat(updated.text("title")).isEqualTo("After");
        assertThat(updated.text("content")).isEqualTo("Kept content");
        assertThat(updated.text("status")).isEqualTo("draft");
        assertThat(updated.text("updated_at")).matches(TIMESTAMP);
        assertThat(updated.body().get("published_at").isNull()).isTrue();
        assertThat(read.text("title")).isEqualTo("After");
        assertThat(read.text("content")).isEqualTo("Kept content");
        assertThat(read.text("updated_at")).isEqualTo(updated.text("updated_at"));
        assertThat(read.text("created_at")).isEqualTo(createdAt);
    }

    @Test
    void editingAPublishedPostKeepsItPublishedAndShowsTheEditToEveryone() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Live", "Old text");
        String publishedAt = api.publish(postId, creator).text("published_at");

        Response updated = api.editPost(postId, Map.of("content", "New text"), creator);
        Response read = api.readPost(postId, reader);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("status")).isEqualTo("published");
        assertThat(updated.text("published_at")).isEqualTo(publishedAt);
        assertThat(read.text("content")).isEqualTo("New text");
        assertThat(read.text("published_at")).isEqualTo(publishedAt);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{}|body",
                "{\"status\": \"archived\"}|status",
                "{\"status\": \"Published\"}|status",
                "{\"status\": null}|status",
                "{\"status\": 1}|status",
                "{\"title\": \"   \"}|title",
                "{\"title\": null}|title",
                "{\"title\": 7}|title",
                "{\"content\": \"\"}|content",
                "{\"content\": null}|content",
                "{\"title\": \"ok\", \"creator_id\": \"00000000-0000-0000-0000-000000000001\"}|creator_id",
                "{\"title\": \"ok\", \"published_at\": null}|published_at",
                "{\"title\": \"ok\", \"view_count\": 1000}|view_count"
            })
    void invalidUpdatesAreRefusedWithTheFieldAndChangeNothing(String json, String field) {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Unchanged", "Unchanged content");
        Response before = api.readPost(postId, creator);
        long events = postEvents();

        Response r = api.request("PUT", "/api/v1/posts/" + postId)
                .token(creator.token())
                .raw("application/json", json)
                .send();

        assertRefused(r, 400, "VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has(field)).as(r.toString()).isTrue();
        assertThat(postEvents()).isEqualTo(events);
        assertThat(api.readPost(postId, creator).body()).isEqualTo(before.body());
    }

    @Test
    void tooLongTitlesAndContentsAreRefusedOnUpdate() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Unchanged", "Unchanged content");

        Response title = api.editPost(postId, Map.of("title", "x".repeat(201)), creator);
        Response content = api.editPost(postId, Map.of("content", "x".repeat(100_001)), creator);

        assertRefused(title, 400, "VALIDATION_FAILED");
        assertThat(title.body().path("field_errors").has("title")).isTrue();
        assertRefused(content, 400, "VALIDATION_FAILED");
        assertThat(content.body().path("field_errors").has("content")).isTrue();
        assertThat(api.readPost(postId, creator).text("title")).isEqualTo("Unchanged");
    }
}
