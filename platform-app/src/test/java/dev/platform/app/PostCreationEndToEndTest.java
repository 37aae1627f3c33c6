package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.EventStore.postEvents;
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
 * The contract's "Posts" section, creating: a creator's draft answered at once, titles trimmed and contents kept
 * verbatim, and every invalid or unauthorised create refused without a stored event.
 */
class PostCreationEndToEndTest extends EndToEndTest {

    @Test
    void creatingAnswers201WithADraftThatItsCreatorReadsAtOnce() {
        TestUser creator = api.newUser("creator");

        Response created = api.createPost(creator, Map.of("title", "First post", "content", "# Hello\n\n<p>world</p>"));
        Response read = api.readPost(created.text("id"), creator);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).contains("/api/v1/posts/" + created.text("id"));
        assertThat(created.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "creator_id", "title", "status", "created_at");
        assertThat(created.text("id")).matches("[0-9a-f-]{36}");
        assertThat(created.text("creator_id")).isEqualTo(creator.id());
        assertThat(created.text("title")).isEqualTo("First post");
        assertThat(created.text("status")).isEqualTo("draft");
        assertThat(created.text("created_at")).matches(TIMESTAMP);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().fieldNames())
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
        assertThat(read.text("id")).isEqualTo(created.text("id"));
        assertThat(read.text("creator_id")).isEqualTo(creator.id());
        assertThat(read.text("content")).isEqualTo("# Hello\n\n<p>world</p>");
        assertThat(read.text("status")).isEqualTo("draft");
        assertThat(read.body().get("published_at").isNull()).isTrue();
        assertThat(read.text("created_at")).isEqualTo(created.text("created_at"));
        assertThat(read.text("updated_at")).isEqualTo(created.text("created_at"));
        assertThat(read.body().get("view_count").isIntegralNumber()).isTrue();
        assertThat(read.body().get("view_count").asLong()).isZero();
    }

    @Test
    void theTitleIsTrimmedAndTheContentStoredVerbatim() {
        TestUser creator = api.newUser("creator");
        String content = "  <script>alert(1)</script>\n**bold** é 😀  \n";

        Response created = api.createPost(creator, Map.of("title", "  \t Spaced title \n ", "content", content));
        Response read = api.readPost(created.text("id"), creator);

        assertThat(created.text("title")).isEqualTo("Spaced title");
        assertThat(read.text("title")).isEqualTo("Spaced title");
        assertThat(read.text("content")).isEqualTo(content);
    }

    @Test
    void aTitleOf200AndAContentOf100000CharactersAreAccepted() {
        TestUser creator = api.newUser("creator");
        String title = "t".repeat(199) + "😀";
        String content = "c".repeat(99_999) + "😀";

        Response created = api.createPost(creator, Map.of("title", "  " + title + "  ", "content", content));
        Response read = api.readPost(created.text("id"), creator);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(read.text("title")).isEqualTo(title);
        assertThat(read.text("content")).isEqualTo(content);
    }

    @Test
    void readersAndTheAdminMayNotCreatePosts() {
        TestUser reader = api.newUser("reader");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        long before = postEvents();

        Response byReader = api.createPost(reader, Map.of("title", "Mine", "content", "Body"));
        Response byAdmin = api.post("/api/v1/posts", Map.of("title", "Mine", "content", "Body"), admin);

        assertRefused(byReader, 403, "FORBIDDEN");
        assertRefused(byAdmin, 403, "FORBIDDEN");
        assertThat(postEvents()).isEqualTo(before);
    }

    @Test
    void creatingNeedsAToken() {
        Response r = api.post("/api/v1/posts", Map.of("title", "Mine", "content", "Body"), null);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isPresent();
    }

    @ParameterizedTest(name = "{0} = [{1}] is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "title|<missing>",
                "title|<null>",
                "title|''",
                "title|'   '",
                "title|<201>",
                "title|<number>",
                "content|<missing>",
                "content|<null>",
                "content|''",
                "content|<100001>",
                "content|<number>",
                "status|draft",
                "status|published",
                "creator_id|<other-user>",
                "id|00000000-0000-0000-0000-000000000001",
                "published_at|2026-01-01T00:00:00.000Z",
                "view_count|<number>"
            })
    void invalidCreatesAreRefusedWithTheFieldAndChangeNothing(String field, String value) {
        TestUser creator = api.newUser("creator");
        Map<String, Object> body = new HashMap<>(Map.of("title", "A title", "content", "A content"));
        switch (value) {
            case "<missing>" -> body.remove(field);
            case "<null>" -> body.put(field, null);
            case "<201>" -> body.put(field, "x".repeat(201));
            case "<100001>" -> body.put(field, "x".repeat(100_001));
            case "<number>" -> body.put(field, 42);
            case "<other-user>" -> body.put(field, UUID.randomUUID().toString());
            default -> body.put(field, value);
        }
        long before = postEvents();

        Response r = api.createPost(creator, body);

        assertRefused(r, 400, "VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has(field)).as(r.toString()).isTrue();
        assertThat(postEvents()).isEqualTo(before);
        assertThat(api.creatorPosts(creator.id(), "", creator).header("X-Total-Count"))
                .contains("0");
    }

    @Test
    void malformedOrNonJsonCreatesAreRefused() {
        TestUser creator = api.newUser("creator");
        long before = postEvents();

        Response malformed = api.request("POST", "/api/v1/posts")
                .token(creator.token())
                .raw("application/json", "{\"title\": \"x\", ")
                .send();
        Response notAnObject = api.request("POST", "/api/v1/posts")
                .token(creator.token())
                .raw("application/json", "[\"title\"]")
                .send();
        Response plainText = api.request("POST", "/api/v1/posts")
                .token(creator.token())
                .raw("text/plain", "title=x")
                .send();

        assertRefused(malformed, 400, "MALFORMED_JSON");
        assertRefused(notAnObject, 400, "VALIDATION_FAILED");
        assertRefused(plainText, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(postEvents()).isEqualTo(before);
    }
}
