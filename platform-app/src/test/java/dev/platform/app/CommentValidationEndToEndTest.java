package dev.platform.app;

import static dev.platform.app.Api.added;
import static dev.platform.app.Api.assertFieldError;
import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.EventStore.commentEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract's "Comments" section, refused comments: a parent from elsewhere, an invalid body, a body that is not
 * JSON, no token. Each names its field where it has one and stores no event.
 */
class CommentValidationEndToEndTest extends EndToEndTest {

    @Test
    void aParentFromAnotherPostIsRefusedOnTheParentFieldAndStoresNothing() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        String otherPostId = api.newPublishedPost(creator);
        String elsewhere = added(api.comment(otherPostId, reader, "On the other post"));
        long before = commentEvents();

        Response r = api.reply(postId, reader, elsewhere, "Wrong thread");

        assertFieldError(r, "parent_comment_id");
        assertThat(commentEvents()).isEqualTo(before);
        assertThat(api.comments(postId, reader).header("X-Total-Count")).contains("0");
        assertThat(api.comments(otherPostId, reader).header("X-Total-Count")).contains("1");
    }

    @ParameterizedTest(name = "parent_comment_id = [{0}] is refused")
    @CsvSource({"<unknown>", "not-a-uuid", "''", "1-1-1-1-1", "<number>", "<object>", "<post-id>"})
    void anUnknownOrMalformedParentIsRefusedOnTheParentFieldAndStoresNothing(String parent) {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        Map<String, Object> body = new HashMap<>(Map.of("content", "A reply"));
        switch (parent) {
            case "<unknown>" -> body.put("parent_comment_id", UUID.randomUUID().toString());
            case "<number>" -> body.put("parent_comment_id", 42);
            case "<object>" ->
                body.put("parent_comment_id", Map.of("id", UUID.randomUUID().toString()));
            case "<post-id>" -> body.put("parent_comment_id", postId);
            default -> body.put("parent_comment_id", parent);
        }
        long before = commentEvents();

        Response r = api.comment(postId, body, reader.token());

        assertFieldError(r, "parent_comment_id");
        assertThat(commentEvents()).isEqualTo(before);
        assertThat(api.comments(postId, reader).header("X-Total-Count")).contains("0");
    }

    @ParameterizedTest(name = "{0} = [{1}] is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "content|<missing>",
                "content|<null>",
                "content|''",
                "content|'   '",
                "content|<10001>",
                "content|<number>",
                "id|00000000-0000-0000-0000-000000000001",
                "post_id|<other-post>",
                "user_id|<other-user>",
                "created_at|2026-01-01T00:00:00.000Z"
            })
    void invalidCommentsAreRefusedWithTheFieldAndStoreNothing(String field, String value) {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        Map<String, Object> body = new HashMap<>(Map.of("content", "A comment"));
        switch (value) {
            case "<missing>" -> body.remove(field);
            case "<null>" -> body.put(field, null);
            case "<10001>" -> body.put(field, "x".repeat(10_001));
            case "<number>" -> body.put(field, 42);
            case "<other-post>", "<other-user>" ->
                body.put(field, UUID.randomUUID().toString());
            default -> body.put(field, value);
        }
        long before = commentEvents();

        Response r = api.comment(postId, body, reader.token());

        assertFieldError(r, field);
        assertThat(commentEvents()).isEqualTo(before);
        assertThat(api.comments(postId, reader).header("X-Total-Count")).contains("0");
    }

    @Test
    void aBodyErrorIsReportedBeforeThePostIsLookedAt() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String draftId = api.newPost(creator);

        assertFieldError(api.comment(draftId, Map.of("content", ""), reader.token()), "content");
        assertFieldError(api.comment(UUID.randomUUID().toString(), Map.of("content", ""), reader.token()), "content");
    }

    @Test
    void malformedOrNonJsonBodiesAreRefused() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        String path = "/api/v1/posts/" + postId + "/comments";
        long before = commentEvents();

        Response malformed = api.request("POST", path)
                .token(reader.token())
                .raw("application/json", "{\"content\": \"x\", ")
                .send();
        Response notAnObject = api.request("POST", path)
                .token(reader.token())
                .raw("application/json", "[\"content\"]")
                .send();
        Response plainText = api.request("POST", path)
                .token(reader.token())
                .raw("text/plain", "content=x")
                .send();
        Response noBody = api.request("POST", path).token(reader.token()).send();

        assertRefused(malformed, 400, "MALFORMED_JSON");
        assertRefused(notAnObject, 400, "VALIDATION_FAILED");
        assertRefused(plainText, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(noBody.status()).as(noBody.toString()).isIn(400, 415);
        assertThat(commentEvents()).isEqualTo(before);
    }

    @Test
    void commentingAndListingNeedAToken() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPublishedPost(creator);

        Response add = api.comment(postId, Map.of("content", "Anonymous"), null);
        Response listed = api.comments(postId, "", null);

        assertThat(add.status()).isEqualTo(401);
        assertThat(add.header("WWW-Authenticate")).isPresent();
        assertThat(listed.status()).isEqualTo(401);
        assertThat(listed.header("WWW-Authenticate")).isPresent();
    }
}
