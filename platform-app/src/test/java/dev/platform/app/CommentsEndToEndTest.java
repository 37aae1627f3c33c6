package dev.platform.app;

import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The contract's "Comments" section, over HTTP against the running application and PostgreSQL: threaded comments
 * on published posts, drafts refusing them, the list oldest first with paging, and read-your-writes. The event
 * store is read directly to show that a refused comment stores nothing.
 */
class CommentsEndToEndTest extends EndToEndTest {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Autowired
    JdbcTemplate jdbc;

    // ---------------------------------------------------------------- helpers

    private String newPost(TestUser creator) {
        return api.newPost(creator, "A post", "Something to talk about");
    }

    private String newPublishedPost(TestUser creator) {
        String postId = newPost(creator);
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        return postId;
    }

    private Response unpublish(String postId, TestUser creator) {
        return api.put("/api/v1/posts/" + postId, Map.of("status", "draft"), creator.token());
    }

    private Response comment(String postId, Object body, String token) {
        return api.post("/api/v1/posts/" + postId + "/comments", body, token);
    }

    private Response comment(String postId, TestUser author, String content) {
        return comment(postId, Map.of("content", content), author.token());
    }

    private Response reply(String postId, TestUser author, String parentId, String content) {
        return comment(postId, Map.of("content", content, "parent_comment_id", parentId), author.token());
    }

    /** Adds a comment that must be accepted and returns its id. */
    private String added(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("id");
    }

    private Response list(String postId, String query, String token) {
        return api.get("/api/v1/posts/" + postId + "/comments" + query, token);
    }

    private Response list(String postId, TestUser caller) {
        return list(postId, "", caller.token());
    }

    private static List<String> ids(Response list) {
        List<String> ids = new ArrayList<>();
        list.body().forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    /** All Comment events in the store: a refused comment must not add any. */
    private long commentEvents() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE type = 'Comment'", Long.class);
        return count == null ? 0 : count;
    }

    private static void assertFieldError(Response r, String field) {
        assertRefused(r, 400, "VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has(field)).as(r.toString()).isTrue();
    }

    // ---------------------------------------------------------------- commenting

    @Test
    void commentingAnswers201WithTheCommentAndTheListShowsItAtOnce() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = newPublishedPost(creator);

        Response added = comment(postId, reader, "Great post!");
        Response listed = list(postId, reader);

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "post_id", "user_id", "parent_comment_id", "content", "created_at");
        assertThat(added.text("id")).matches("[0-9a-f-]{36}");
        assertThat(added.text("post_id")).isEqualTo(postId);
        assertThat(added.text("user_id")).isEqualTo(reader.id());
        assertThat(added.body().get("parent_comment_id").isNull()).isTrue();
        assertThat(added.text("content")).isEqualTo("Great post!");
        assertThat(added.text("created_at")).matches(TIMESTAMP);

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertThat(listed.body().isArray()).isTrue();
        assertThat(listed.body()).hasSize(1);
        assertThat(listed.body().get(0).fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "user_id", "parent_comment_id", "content", "created_at");
        assertThat(listed.body().get(0).path("id").asText()).isEqualTo(added.text("id"));
        assertThat(listed.body().get(0).path("user_id").asText()).isEqualTo(reader.id());
        assertThat(listed.body().get(0).get("parent_comment_id").isNull()).isTrue();
        assertThat(listed.body().get(0).path("content").asText()).isEqualTo("Great post!");
        assertThat(listed.body().get(0).path("created_at").asText()).isEqualTo(added.text("created_at"));
    }

    @Test
    void aReplyToAReplyToAReplyIsReadBackInOrderWithItsParents() {
        TestUser creator = api.newUser("creator");
        TestUser ada = api.newUser("reader");
        TestUser bob = api.newUser("reader");
        String postId = newPublishedPost(creator);

        String first = added(comment(postId, ada, "Top-level question"));
        String second = added(comment(postId, bob, "Another top-level comment"));
        String reply = added(reply(postId, creator, first, "An answer"));
        Response replyToReply = reply(postId, ada, reply, "A follow-up");
        String level2 = added(replyToReply);
        String level3 = added(reply(postId, bob, level2, "A reply to the follow-up"));
        String underSecond = added(reply(postId, ada, second, "On the other thread"));

        assertThat(replyToReply.text("parent_comment_id")).isEqualTo(reply);
        assertThat(replyToReply.text("post_id")).isEqualTo(postId);
        for (TestUser reader : List.of(bob, creator)) {
            Response listed = list(postId, reader);
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.header("X-Total-Count")).contains("6");
            assertThat(ids(listed)).containsExactly(first, second, reply, level2, level3, underSecond);
            List<String> parents = new ArrayList<>();
            listed.body()
                    .forEach(item -> parents.add(item.path("parent_comment_id").asText(null)));
            assertThat(parents).containsExactly(null, null, first, reply, level2, second);
            List<String> authors = new ArrayList<>();
            listed.body().forEach(item -> authors.add(item.path("user_id").asText()));
            assertThat(authors).containsExactly(ada.id(), bob.id(), creator.id(), ada.id(), bob.id(), ada.id());
            List<String> times = new ArrayList<>();
            listed.body().forEach(item -> times.add(item.path("created_at").asText()));
            assertThat(times).isSorted();
        }
    }

    @Test
    void everyUserMayCommentOnAPublishedPostTheCreatorAndTheAdminToo() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = newPublishedPost(creator);

        String byCreator = added(comment(postId, creator, "Thanks for reading"));
        String byReader = added(comment(postId, reader, "A reader's view"));
        String byOtherCreator = added(comment(postId, otherCreator, "A colleague's view"));
        String byAdmin = added(comment(postId, Map.of("content", "Moderator here"), admin));

        assertThat(ids(list(postId, reader))).containsExactly(byCreator, byReader, byOtherCreator, byAdmin);
    }

    @Test
    void theContentIsStoredVerbatimFrom1To10000Characters() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = newPublishedPost(creator);
        String markup = "  <script>alert(1)</script>\n**bold** é 😀  \n";
        String longest = "c".repeat(9_999) + "😀";

        Response shortest = comment(postId, reader, "x");
        Response verbatim = comment(postId, reader, markup);
        Response longestAnswer = comment(postId, reader, longest);

        assertThat(shortest.status()).as(shortest.toString()).isEqualTo(201);
        assertThat(verbatim.text("content")).isEqualTo(markup);
        assertThat(longestAnswer.status()).as(longestAnswer.toString()).isEqualTo(201);
        Response listed = list(postId, reader);
        assertThat(listed.body().get(0).path("content").asText()).isEqualTo("x");
        assertThat(listed.body().get(1).path("content").asText()).isEqualTo(markup);
        assertThat(listed.body().get(2).path("content").asText()).isEqualTo(longest);
    }

    @Test
    void aNullParentIsATopLevelComment() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = newPublishedPost(creator);
        Map<String, Object> body = new HashMap<>();
        body.put("content", "Top level");
        body.put("parent_comment_id", null);

        Response r = comment(postId, body, reader.token());

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.body().get("parent_comment_id").isNull()).isTrue();
    }

    // ---------------------------------------------------------------- drafts and unknown posts

    @Test
    void aDraftRefusesCommentsWith404ToOthersAnd409ToItsCreatorAndStoresNothing() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = newPost(creator);
        long before = commentEvents();

        Response byReader = comment(postId, reader, "First!");
        Response byOtherCreator = comment(postId, otherCreator, "First!");
        Response byAdmin = comment(postId, Map.of("content", "First!"), admin);
        Response byCreator = comment(postId, creator, "Note to self");
        Response unknown = comment(UUID.randomUUID().toString(), reader, "First!");

        assertRefused(byReader, 404, "POST_NOT_FOUND");
        assertRefused(byOtherCreator, 404, "POST_NOT_FOUND");
        assertRefused(byAdmin, 404, "POST_NOT_FOUND");
        assertRefused(byCreator, 409, "POST_NOT_PUBLISHED");
        // A hidden draft and a post that does not exist cannot be told apart.
        assertThat(byReader.text("detail")).isEqualTo(unknown.text("detail"));
        assertThat(commentEvents()).isEqualTo(before);
        assertThat(list(postId, creator).header("X-Total-Count")).contains("0");
    }

    @Test
    void aDraftsCommentsAre404ToOthersAndAnEmptyListToItsCreator() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = newPost(creator);

        Response byCreator = list(postId, creator);

        assertRefused(list(postId, reader), 404, "POST_NOT_FOUND");
        assertRefused(list(postId, "", admin), 404, "POST_NOT_FOUND");
        assertThat(byCreator.status()).isEqualTo(200);
        assertThat(byCreator.body()).isEmpty();
        assertThat(byCreator.header("X-Total-Count")).contains("0");
    }

    @Test
    void anUnpublishedPostRefusesCommentsAndHidesItsCommentsFromOthersUntilItIsRepublished() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = newPublishedPost(creator);
        String before = added(comment(postId, reader, "Said while it was out"));
        assertThat(unpublish(postId, creator).status()).isEqualTo(200);
        long events = commentEvents();

        Response readerComment = comment(postId, reader, "Still there?");
        Response creatorComment = comment(postId, creator, "Not now");
        Response readerReply = reply(postId, reader, before, "Replying anyway");
        Response readerList = list(postId, reader);
        Response creatorList = list(postId, creator);

        assertRefused(readerComment, 404, "POST_NOT_FOUND");
        assertRefused(creatorComment, 409, "POST_NOT_PUBLISHED");
        assertRefused(readerReply, 404, "POST_NOT_FOUND");
        assertThat(commentEvents()).isEqualTo(events);
        assertRefused(readerList, 404, "POST_NOT_FOUND");
        assertThat(creatorList.status()).isEqualTo(200);
        assertThat(ids(creatorList)).containsExactly(before);

        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        String after = added(reply(postId, reader, before, "Welcome back"));
        assertThat(ids(list(postId, reader))).containsExactly(before, after);
    }

    @Test
    void unknownPostsAre404AndInvalidPostIds400() {
        TestUser reader = api.newUser("reader");
        String unknown = UUID.randomUUID().toString();

        assertRefused(comment(unknown, reader, "Hello?"), 404, "POST_NOT_FOUND");
        assertRefused(list(unknown, reader), 404, "POST_NOT_FOUND");
        assertRefused(comment("not-a-uuid", reader, "Hello?"), 400, "INVALID_ID");
        assertRefused(list("1-1-1-1-1", reader), 400, "INVALID_ID");
    }

    // ---------------------------------------------------------------- parents

    @Test
    void aParentFromAnotherPostIsRefusedOnTheParentFieldAndStoresNothing() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = newPublishedPost(creator);
        String otherPostId = newPublishedPost(creator);
        String elsewhere = added(comment(otherPostId, reader, "On the other post"));
        long before = commentEvents();

        Response r = reply(postId, reader, elsewhere, "Wrong thread");

        assertFieldError(r, "parent_comment_id");
        assertThat(commentEvents()).isEqualTo(before);
        assertThat(list(postId, reader).header("X-Total-Count")).contains("0");
        assertThat(list(otherPostId, reader).header("X-Total-Count")).contains("1");
    }

    @ParameterizedTest(name = "parent_comment_id = [{0}] is refused")
    @CsvSource({"<unknown>", "not-a-uuid", "''", "1-1-1-1-1", "<number>", "<object>", "<post-id>"})
    void anUnknownOrMalformedParentIsRefusedOnTheParentFieldAndStoresNothing(String parent) {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = newPublishedPost(creator);
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

        Response r = comment(postId, body, reader.token());

        assertFieldError(r, "parent_comment_id");
        assertThat(commentEvents()).isEqualTo(before);
        assertThat(list(postId, reader).header("X-Total-Count")).contains("0");
    }

    // ---------------------------------------------------------------- invalid bodies

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
        String postId = newPublishedPost(creator);
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

        Response r = comment(postId, body, reader.token());

        assertFieldError(r, field);
        assertThat(commentEvents()).isEqualTo(before);
        assertThat(list(postId, reader).header("X-Total-Count")).contains("0");
    }

    @Test
    void aBodyErrorIsReportedBeforeThePostIsLookedAt() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String draftId = newPost(creator);

        assertFieldError(comment(draftId, Map.of("content", ""), reader.token()), "content");
        assertFieldError(comment(UUID.randomUUID().toString(), Map.of("content", ""), reader.token()), "content");
    }

    @Test
    void malformedOrNonJsonBodiesAreRefused() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = newPublishedPost(creator);
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
        String postId = newPublishedPost(creator);

        Response add = comment(postId, Map.of("content", "Anonymous"), null);
        Response listed = list(postId, "", null);

        assertThat(add.status()).isEqualTo(401);
        assertThat(add.header("WWW-Authenticate")).isPresent();
        assertThat(listed.status()).isEqualTo(401);
        assertThat(listed.header("WWW-Authenticate")).isPresent();
    }

    // ---------------------------------------------------------------- the list

    @Test
    void limitAndOffsetPageThroughTheCommentsOldestFirstWithTheTotalCount() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = newPublishedPost(creator);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(added(comment(postId, i % 2 == 0 ? reader : creator, "Comment " + i)));
        }

        Response first = list(postId, "?limit=2", reader.token());
        Response second = list(postId, "?limit=2&offset=2", reader.token());
        Response last = list(postId, "?limit=2&offset=4", reader.token());
        Response beyond = list(postId, "?offset=5", reader.token());
        Response everything = list(postId, reader);

        assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids(second)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(ids(last)).containsExactlyElementsOf(all.subList(4, 5));
        assertThat(beyond.body()).isEmpty();
        assertThat(ids(everything)).containsExactlyElementsOf(all);
        for (Response page : List.of(first, second, last, beyond, everything)) {
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("X-Total-Count")).contains("5");
        }
    }

    @Test
    void theDefaultPageHolds20Comments() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = newPublishedPost(creator);
        for (int i = 0; i < 21; i++) {
            added(comment(postId, reader, "Comment " + i));
        }

        Response listed = list(postId, reader);

        assertThat(listed.body()).hasSize(20);
        assertThat(listed.header("X-Total-Count")).contains("21");
        assertThat(list(postId, "?limit=100", reader.token()).body()).hasSize(21);
    }

    @ParameterizedTest(name = "{0} is refused on {1}")
    @CsvSource({
        "?limit=0,limit",
        "?limit=101,limit",
        "?limit=-1,limit",
        "?limit=abc,limit",
        "?offset=-1,offset",
        "?offset=x,offset"
    })
    void invalidListParametersAre400WithTheField(String query, String field) {
        TestUser creator = api.newUser("creator");
        String postId = newPublishedPost(creator);

        assertFieldError(list(postId, query, creator.token()), field);
    }

    @Test
    void aPostWithoutCommentsListsEmptyAndCommentsStayWithTheirPost() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String quiet = newPublishedPost(creator);
        String busy = newPublishedPost(creator);
        String onBusy = added(comment(busy, reader, "Only here"));

        Response empty = list(quiet, reader);

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body().isArray()).isTrue();
        assertThat(empty.body()).isEmpty();
        assertThat(empty.header("X-Total-Count")).contains("0");
        assertThat(ids(list(busy, reader))).containsExactly(onBusy);
    }

    // ---------------------------------------------------------------- concurrency

    /**
     * Comments racing an unpublication: each is either accepted (and then listed) or refused as on a draft, never
     * an error; once the unpublication has answered, the post takes no more comments.
     */
    @Test
    void commentsRacingAnUnpublicationAreEachAcceptedAndListedOrRefused() throws Exception {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = newPublishedPost(creator);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            TestUser author = i % 2 == 0 ? reader : creator;
            String content = "Racing " + i;
            calls.add(() -> comment(postId, author, content));
        }
        calls.add(() -> unpublish(postId, creator));

        List<Response> answers = Api.runTogether(calls);

        assertThat(answers.get(answers.size() - 1).status()).isEqualTo(200);
        List<Response> comments = answers.subList(0, answers.size() - 1);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < comments.size(); i++) {
            Response r = comments.get(i);
            if (r.status() == 201) {
                accepted.add(r.text("id"));
            } else if (i % 2 == 0) {
                assertRefused(r, 404, "POST_NOT_FOUND");
            } else {
                assertRefused(r, 409, "POST_NOT_PUBLISHED");
            }
        }
        Response listed = list(postId, creator);
        assertThat(ids(listed)).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(listed.header("X-Total-Count")).contains(Integer.toString(accepted.size()));
        assertRefused(comment(postId, reader, "Too late"), 404, "POST_NOT_FOUND");
    }
}
