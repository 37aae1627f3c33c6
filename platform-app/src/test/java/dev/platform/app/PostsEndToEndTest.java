package dev.platform.app;

import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The contract's "Posts" section, over HTTP against the running application and PostgreSQL. The event store is
 * read directly where a rule is about the events themselves (one event per accepted write, snapshots).
 */
class PostsEndToEndTest extends EndToEndTest {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final String POST_UPDATED = "dev.platform.api.post.PostUpdated";

    @Autowired
    JdbcTemplate jdbc;

    // ---------------------------------------------------------------- helpers

    private Response create(TestUser creator, Object body) {
        return api.post("/api/v1/posts", body, creator.token());
    }

    private Response get(String postId, TestUser caller) {
        return api.get("/api/v1/posts/" + postId, caller.token());
    }

    private Response put(String postId, Object body, TestUser caller) {
        return api.put("/api/v1/posts/" + postId, body, caller.token());
    }

    private Response list(String creatorId, String query, TestUser caller) {
        return api.get("/api/v1/creators/" + creatorId + "/posts" + query, caller.token());
    }

    private static List<String> ids(Response list) {
        List<String> ids = new ArrayList<>();
        list.body().forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static Map<String, Object> body(String... keysAndValues) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    /** All Post events in the store: rejections must not add any. */
    private long postEvents() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE type = 'Post'", Long.class);
        return count == null ? 0 : count;
    }

    private List<String> eventTypes(String postId) {
        return jdbc.queryForList(
                "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class,
                postId);
    }

    private JsonNode lastEvent(String postId, String type) throws Exception {
        byte[] payload = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?"
                        + " ORDER BY sequence_number DESC LIMIT 1",
                byte[].class,
                postId,
                type);
        return Api.JSON.readTree(payload);
    }

    // ---------------------------------------------------------------- creating

    @Test
    void creatingAnswers201WithADraftThatItsCreatorReadsAtOnce() {
        TestUser creator = api.newUser("creator");

        Response created = create(creator, Map.of("title", "First post", "content", "# Hello\n\n<p>world</p>"));
        Response read = get(created.text("id"), creator);

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

        Response created = create(creator, Map.of("title", "  \t Spaced title \n ", "content", content));
        Response read = get(created.text("id"), creator);

        assertThat(created.text("title")).isEqualTo("Spaced title");
        assertThat(read.text("title")).isEqualTo("Spaced title");
        assertThat(read.text("content")).isEqualTo(content);
    }

    @Test
    void aTitleOf200AndAContentOf100000CharactersAreAccepted() {
        TestUser creator = api.newUser("creator");
        String title = "t".repeat(199) + "😀";
        String content = "c".repeat(99_999) + "😀";

        Response created = create(creator, Map.of("title", "  " + title + "  ", "content", content));
        Response read = get(created.text("id"), creator);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(read.text("title")).isEqualTo(title);
        assertThat(read.text("content")).isEqualTo(content);
    }

    @Test
    void readersAndTheAdminMayNotCreatePosts() {
        TestUser reader = api.newUser("reader");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        long before = postEvents();

        Response byReader = create(reader, Map.of("title", "Mine", "content", "Body"));
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

        Response r = create(creator, body);

        assertRefused(r, 400, "VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has(field)).as(r.toString()).isTrue();
        assertThat(postEvents()).isEqualTo(before);
        assertThat(list(creator.id(), "", creator).header("X-Total-Count")).contains("0");
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

    // ---------------------------------------------------------------- reading one post

    @Test
    void aDraftIsHiddenFromEveryoneButItsCreator() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = api.newPost(creator, "Secret draft", "Not yet");

        Response byReader = get(postId, reader);
        Response byOtherCreator = get(postId, otherCreator);
        Response byAdmin = api.get("/api/v1/posts/" + postId, admin);
        Response unknown = get(UUID.randomUUID().toString(), reader);

        for (Response r : List.of(byReader, byOtherCreator, byAdmin, unknown)) {
            assertRefused(r, 404, "POST_NOT_FOUND");
        }
        // A hidden draft and a post that does not exist cannot be told apart.
        assertThat(byReader.text("detail")).isEqualTo(unknown.text("detail"));
        assertThat(get(postId, creator).status()).isEqualTo(200);
    }

    @Test
    void aPublishedPostIsReadableByEveryUser() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Public", "For all");
        Response published = api.publish(postId, creator);

        Response read = get(postId, reader);

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

        assertRefused(get(unknown, creator), 404, "POST_NOT_FOUND");
        assertRefused(put(unknown, Map.of("title", "x"), creator), 404, "POST_NOT_FOUND");
        assertRefused(api.publish(unknown, creator), 404, "POST_NOT_FOUND");
        assertRefused(get("not-a-uuid", creator), 400, "INVALID_ID");
        assertRefused(put("12345", Map.of("title", "x"), creator), 400, "INVALID_ID");
        assertRefused(api.publish("1-1-1-1-1", creator), 400, "INVALID_ID");
        assertRefused(list("nope", "", creator), 400, "INVALID_ID");
    }

    // ---------------------------------------------------------------- updating

    @Test
    void anUpdateChangesOnlyTheGivenFieldsAndIsReadableAtOnce() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Before", "Kept content");
        String createdAt = get(postId, creator).text("created_at");

        Response updated = put(postId, Map.of("title", "  After  "), creator);
        Response read = get(postId, creator);

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "id", "creator_id", "title", "content", "status", "updated_at", "published_at");
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

        Response updated = put(postId, Map.of("content", "New text"), creator);
        Response read = get(postId, reader);

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
        Response before = get(postId, creator);
        long events = postEvents();

        Response r = api.request("PUT", "/api/v1/posts/" + postId)
                .token(creator.token())
                .raw("application/json", json)
                .send();

        assertRefused(r, 400, "VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has(field)).as(r.toString()).isTrue();
        assertThat(postEvents()).isEqualTo(events);
        assertThat(get(postId, creator).body()).isEqualTo(before.body());
    }

    @Test
    void tooLongTitlesAndContentsAreRefusedOnUpdate() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Unchanged", "Unchanged content");

        Response title = put(postId, Map.of("title", "x".repeat(201)), creator);
        Response content = put(postId, Map.of("content", "x".repeat(100_001)), creator);

        assertRefused(title, 400, "VALIDATION_FAILED");
        assertThat(title.body().path("field_errors").has("title")).isTrue();
        assertRefused(content, 400, "VALIDATION_FAILED");
        assertThat(content.body().path("field_errors").has("content")).isTrue();
        assertThat(get(postId, creator).text("title")).isEqualTo("Unchanged");
    }

    // ---------------------------------------------------------------- publishing

    @Test
    void publishingAnswersThePublishedPostAndItShowsInOthersListsAtOnce() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "News", "Fresh");
        assertThat(ids(list(creator.id(), "", reader))).isEmpty();

        Response published = api.publish(postId, creator);
        Response othersList = list(creator.id(), "", reader);

        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "creator_id", "title", "content", "status", "published_at");
        assertThat(published.text("id")).isEqualTo(postId);
        assertThat(published.text("creator_id")).isEqualTo(creator.id());
        assertThat(published.text("title")).isEqualTo("News");
        assertThat(published.text("content")).isEqualTo("Fresh");
        assertThat(published.text("status")).isEqualTo("published");
        assertThat(published.text("published_at")).matches(TIMESTAMP);
        assertThat(ids(othersList)).containsExactly(postId);
        assertThat(othersList.body().get(0).path("published_at").asText()).isEqualTo(published.text("published_at"));
        assertThat(get(postId, reader).text("status")).isEqualTo("published");
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
        assertThat(get(postId, creator).text("published_at")).isEqualTo(publishedAt);
    }

    @Test
    void statusPublishedInAPutPublishesLikePublishDoes() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Via PUT", "Body");

        Response updated = put(postId, Map.of("status", "published"), creator);

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.text("status")).isEqualTo("published");
        assertThat(updated.text("published_at")).matches(TIMESTAMP);
        Response read = get(postId, reader);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("published_at")).isEqualTo(updated.text("published_at"));
        assertThat(ids(list(creator.id(), "", reader))).containsExactly(postId);
        assertThat(eventTypes(postId))
                .containsExactly("dev.platform.api.post.PostCreated", "dev.platform.api.post.PostPublished");
    }

    @Test
    void anEditAndStatusPublishedInOnePutPublishTheEditedText() throws Exception {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Draft title", "Draft body");

        Response updated = put(postId, Map.of("title", "Final title", "status", "published"), creator);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(get(postId, reader).text("title")).isEqualTo("Final title");
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

        Response bare = put(postId, Map.of("status", "published"), creator);
        assertRefused(bare, 409, "POST_ALREADY_PUBLISHED");
        assertThat(postEvents()).isEqualTo(events);

        Response withEdit = put(postId, Map.of("title", "Edited", "status", "published"), creator);
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
        assertThat(get(postId, reader).status()).isEqualTo(200);

        Response unpublished = put(postId, Map.of("status", "draft"), creator);
        Response byReader = get(postId, reader);

        assertThat(unpublished.status()).as(unpublished.toString()).isEqualTo(200);
        assertThat(unpublished.text("status")).isEqualTo("draft");
        assertThat(unpublished.body().get("published_at").isNull()).isTrue();
        assertRefused(byReader, 404, "POST_NOT_FOUND");
        assertThat(ids(list(creator.id(), "", reader))).isEmpty();
        Response byCreator = get(postId, creator);
        assertThat(byCreator.text("status")).isEqualTo("draft");
        assertThat(byCreator.body().get("published_at").isNull()).isTrue();
        assertThat(byCreator.text("updated_at")).isEqualTo(unpublished.text("updated_at"));
    }

    @Test
    void statusDraftAloneOnADraftIs409AndChangesNothing() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Still a draft", "Body");
        long events = postEvents();

        Response r = put(postId, Map.of("status", "draft"), creator);

        assertRefused(r, 409, "POST_NOT_PUBLISHED");
        assertThat(postEvents()).isEqualTo(events);
    }

    @Test
    void republishingSetsANewPublishedAt() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Again", "Body");
        Instant first = Instant.parse(api.publish(postId, creator).text("published_at"));
        put(postId, Map.of("status", "draft"), creator);

        Response again = api.publish(postId, creator);

        assertThat(again.status()).isEqualTo(200);
        Instant second = Instant.parse(again.text("published_at"));
        assertThat(second).isAfter(first);
        assertThat(get(postId, reader).text("published_at")).isEqualTo(again.text("published_at"));
    }

    // ---------------------------------------------------------------- authorization

    @Test
    void othersChangingADraftAre404AndNothingChanges() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String postId = api.newPost(creator, "Mine", "Body");
        long events = postEvents();

        assertRefused(put(postId, Map.of("title", "Hijacked"), reader), 404, "POST_NOT_FOUND");
        assertRefused(put(postId, Map.of("status", "published"), otherCreator), 404, "POST_NOT_FOUND");
        assertRefused(api.publish(postId, reader), 404, "POST_NOT_FOUND");
        assertRefused(api.publish(postId, otherCreator), 404, "POST_NOT_FOUND");

        assertThat(postEvents()).isEqualTo(events);
        Response read = get(postId, creator);
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

        assertRefused(put(postId, Map.of("title", "Hijacked"), reader), 403, "FORBIDDEN");
        assertRefused(put(postId, Map.of("status", "draft"), otherCreator), 403, "FORBIDDEN");
        assertRefused(api.put("/api/v1/posts/" + postId, Map.of("title", "Admin"), admin), 403, "FORBIDDEN");
        assertRefused(api.publish(postId, reader), 403, "FORBIDDEN");
        assertRefused(api.publish(postId, otherCreator), 403, "FORBIDDEN");

        assertThat(postEvents()).isEqualTo(events);
        Response read = get(postId, reader);
        assertThat(read.text("title")).isEqualTo("Mine");
        assertThat(read.text("status")).isEqualTo("published");
        assertThat(read.text("published_at")).isEqualTo(publishedAt);
    }

    // ---------------------------------------------------------------- the creator's list

    @Test
    void theCreatorSeesAllTheirPostsNewestFirstAndOthersOnlyThePublishedOnes() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String a = api.newPost(creator, "A", "a");
        String b = api.newPost(creator, "B", "b");
        String c = api.newPost(creator, "C", "c");
        String d = api.newPost(creator, "D", "d");
        api.publish(b, creator);
        put(a, Map.of("title", "A edited"), creator);
        api.publish(d, creator);
        put(c, Map.of("content", "c edited"), creator);
        // An old draft published now goes to the top; an unpublished post is ordered by its unpublishing.
        String e = api.newPost(creator, "E", "e");
        api.publish(a, creator);
        put(d, Map.of("status", "draft"), creator);
        api.newPost(api.newUser("creator"), "Someone else's", "x");

        List<String> expectedAll = expectedOrder(creator, List.of(a, b, c, d, e));
        List<String> expectedPublished = expectedAll.stream()
                .filter(id -> "published".equals(get(id, creator).text("status")))
                .toList();

        Response mine = list(creator.id(), "", creator);
        Response theirs = list(creator.id(), "", reader);

        assertThat(mine.status()).isEqualTo(200);
        assertThat(ids(mine)).containsExactlyElementsOf(expectedAll);
        assertThat(mine.header("X-Total-Count")).contains("5");
        assertThat(expectedPublished).containsExactlyInAnyOrder(a, b);
        assertThat(ids(theirs)).containsExactlyElementsOf(expectedPublished);
        assertThat(theirs.header("X-Total-Count")).contains("2");
        mine.body().forEach(item -> {
            assertThat(item.fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("id", "title", "status", "published_at");
            if ("draft".equals(item.path("status").asText())) {
                assertThat(item.get("published_at").isNull()).isTrue();
            } else {
                assertThat(item.path("published_at").asText()).matches(TIMESTAMP);
            }
        });
        assertThat(mine.body().get(ids(mine).indexOf(a)).path("title").asText()).isEqualTo("A edited");
    }

    /** The contract's order, from the posts' own timestamps: published_at or updated_at, newest first, then id. */
    private List<String> expectedOrder(TestUser creator, List<String> postIds) {
        Map<String, Instant> listedAt = new HashMap<>();
        for (String id : postIds) {
            Response post = get(id, creator);
            String instant =
                    "published".equals(post.text("status")) ? post.text("published_at") : post.text("updated_at");
            listedAt.put(id, Instant.parse(instant));
        }
        return postIds.stream()
                .sorted(Comparator.comparing((String id) -> listedAt.get(id))
                        .thenComparing(id -> id)
                        .reversed())
                .toList();
    }

    @Test
    void theStatusFilterWorksForTheCreatorAndGivesOthersNoDrafts() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String draft = api.newPost(creator, "Draft", "d");
        String published = api.newPost(creator, "Published", "p");
        api.publish(published, creator);

        Response creatorDrafts = list(creator.id(), "?status=draft", creator);
        Response creatorPublished = list(creator.id(), "?status=published", creator);
        Response readerDrafts = list(creator.id(), "?status=draft", reader);
        Response readerPublished = list(creator.id(), "?status=published", reader);

        assertThat(ids(creatorDrafts)).containsExactly(draft);
        assertThat(creatorDrafts.header("X-Total-Count")).contains("1");
        assertThat(ids(creatorPublished)).containsExactly(published);
        assertThat(readerDrafts.status()).isEqualTo(200);
        assertThat(readerDrafts.body().isArray()).isTrue();
        assertThat(ids(readerDrafts)).isEmpty();
        assertThat(readerDrafts.header("X-Total-Count")).contains("0");
        assertThat(ids(readerPublished)).containsExactly(published);
    }

    @ParameterizedTest(name = "?{0} is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "status=archived|status",
                "status=|status",
                "status=DRAFT|status",
                "limit=0|limit",
                "limit=101|limit",
                "limit=abc|limit",
                "limit=-1|limit",
                "offset=-1|offset",
                "offset=x|offset"
            })
    void invalidListParametersAre400(String query, String field) {
        TestUser creator = api.newUser("creator");

        Response r = list(creator.id(), "?" + query, creator);

        assertRefused(r, 400, "VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has(field)).as(r.toString()).isTrue();
    }

    @Test
    void limitAndOffsetPageThroughTheListWithTheTotalCount() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = api.newPost(creator, "P" + i, "x");
            api.publish(id, creator);
            posts.add(id);
        }
        List<String> all = ids(list(creator.id(), "?limit=100", reader));

        Response page = list(creator.id(), "?limit=2&offset=1", reader);
        Response last = list(creator.id(), "?limit=2&offset=4", reader);
        Response beyond = list(creator.id(), "?offset=10", reader);
        Response defaults = list(creator.id(), "", reader);

        assertThat(all).containsExactlyInAnyOrderElementsOf(posts);
        assertThat(ids(page)).containsExactlyElementsOf(all.subList(1, 3));
        assertThat(page.header("X-Total-Count")).contains("5");
        assertThat(ids(last)).containsExactly(all.get(4));
        assertThat(ids(beyond)).isEmpty();
        assertThat(beyond.header("X-Total-Count")).contains("5");
        assertThat(ids(defaults)).containsExactlyElementsOf(all);
    }

    @Test
    void theListOfAnUnknownUserOrOfANonCreatorIs404() {
        TestUser reader = api.newUser("reader");
        TestUser otherReader = api.newUser("reader");

        assertRefused(list(UUID.randomUUID().toString(), "", reader), 404, "USER_NOT_FOUND");
        assertRefused(list(otherReader.id(), "", reader), 404, "USER_NOT_FOUND");
        assertRefused(list(reader.id(), "", reader), 404, "USER_NOT_FOUND");
    }

    @Test
    void aNewCreatorsListIsEmptyWithACountOfZero() {
        TestUser creator = api.newUser("creator");

        Response r = list(creator.id(), "", creator);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().isArray()).isTrue();
        assertThat(r.body().size()).isZero();
        assertThat(r.header("X-Total-Count")).contains("0");
    }

    // ---------------------------------------------------------------- concurrency and snapshots

    @Test
    void thirtyConcurrentUpdatesAreEach200Or409AndTheEventsTellTheWholeStory() throws Exception {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Contended", "Body");
        List<Callable<Response>> updates = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String title = "Title from writer " + i;
            updates.add(() -> put(postId, Map.of("title", title), creator));
        }

        List<Response> answers = runTogether(updates, updates.size());

        Set<String> accepted = new HashSet<>();
        for (Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isIn(200, 409);
            if (answer.status() == 409) {
                assertThat(answer.code()).isEqualTo("CONCURRENT_MODIFICATION");
            } else {
                accepted.add(answer.text("title"));
            }
        }
        long oks = answers.stream().filter(a -> a.status() == 200).count();
        assertThat(oks).isPositive();
        List<String> types = eventTypes(postId);
        assertThat(types.stream().filter(POST_UPDATED::equals).count()).isEqualTo(oks);
        String finalTitle = get(postId, creator).text("title");
        assertThat(accepted).contains(finalTitle);
        assertThat(lastEvent(postId, POST_UPDATED).path("title").asText()).isEqualTo(finalTitle);
    }

    @Test
    void aPostEditedPastTheSnapshotThresholdStillLoadsWithAllItsState() throws Exception {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Many edits", "rev 0");
        String publishedAt = api.publish(postId, creator).text("published_at");
        assertThat(put(postId, Map.of("title", "Title kept in the snapshot"), creator)
                        .status())
                .isEqualTo(200);
        // More edits than the snapshot threshold (100), ten at a time to keep the test short.
        List<Callable<Response>> edits = new ArrayList<>();
        for (int i = 1; i <= 110; i++) {
            String content = "rev " + i;
            edits.add(() -> put(postId, Map.of("content", content), creator));
        }
        for (Response edit : runTogether(edits, 10)) {
            assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        }
        Integer snapshots = jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Integer.class, postId);
        assertThat(snapshots).isPositive();

        Response after = put(postId, Map.of("content", "after the snapshot"), creator);

        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(after.text("title")).isEqualTo("Title kept in the snapshot");
        assertThat(after.text("creator_id")).isEqualTo(creator.id());
        assertThat(after.text("status")).isEqualTo("published");
        assertThat(after.text("published_at")).isEqualTo(publishedAt);
        assertThat(get(postId, reader).text("content")).isEqualTo("after the snapshot");
        assertRefused(api.publish(postId, creator), 409, "POST_ALREADY_PUBLISHED");
        assertRefused(put(postId, Map.of("title", "Hijacked"), reader), 403, "FORBIDDEN");
    }

    /** Sends all calls at once from {@code threads} threads, released together; answers in the calls' order. */
    private static List<Response> runTogether(List<Callable<Response>> calls, int threads) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
