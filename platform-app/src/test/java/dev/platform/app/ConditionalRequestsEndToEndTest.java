package dev.platform.app;

import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.Api.runTogether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ETags and conditional requests on posts and users (docs/api.md, "Conditional requests"): a strong {@code ETag}
 * on each read, 304 for a matching {@code If-None-Match}, and writes with {@code If-Match} that change nothing once
 * the resource has moved on (412), also when two clients race with the same tag.
 */
class ConditionalRequestsEndToEndTest extends EndToEndTest {

    private static final String STRONG_TAG = "\"[0-9]+(\\.[A-Za-z0-9]+)?\"";

    @Autowired
    JdbcTemplate jdbc;

    private Response getPost(String postId, TestUser caller, String ifNoneMatch) {
        Api.Request request = api.request("GET", "/api/v1/posts/" + postId).token(caller.token());
        return (ifNoneMatch == null ? request : request.header("If-None-Match", ifNoneMatch)).send();
    }

    private Response putPost(String postId, Map<String, ?> body, TestUser caller, String ifMatch) {
        return conditional(api.request("PUT", "/api/v1/posts/" + postId).json(body), caller, ifMatch);
    }

    private Response publish(String postId, TestUser caller, String ifMatch) {
        return conditional(api.request("POST", "/api/v1/posts/" + postId + "/publish"), caller, ifMatch);
    }

    private Response getUser(String userId, TestUser caller, String ifNoneMatch) {
        Api.Request request = api.request("GET", "/api/v1/users/" + userId).token(caller.token());
        return (ifNoneMatch == null ? request : request.header("If-None-Match", ifNoneMatch)).send();
    }

    private Response putUser(TestUser user, Map<String, ?> body, String ifMatch) {
        return conditional(api.request("PUT", "/api/v1/users/" + user.id()).json(body), user, ifMatch);
    }

    private static Response conditional(Api.Request request, TestUser caller, String ifMatch) {
        request.token(caller.token());
        return (ifMatch == null ? request : request.header("If-Match", ifMatch)).send();
    }

    private static String etag(Response r) {
        assertThat(r.status()).as(r.toString()).isIn(200, 304);
        String tag = r.header("ETag").orElseThrow(() -> new AssertionError("no ETag: " + r));
        assertThat(tag).matches(STRONG_TAG);
        return tag;
    }

    private long events(String aggregateId) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId);
        return count == null ? 0 : count;
    }

    // ---------------------------------------------------------------- reads: ETag and If-None-Match

    @Test
    void aPostAnswersAStrongETagAnd304WithoutABodyForAMatchingIfNoneMatch() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Tagged", "Body");
        String tag = etag(getPost(postId, creator, null));

        for (String ifNoneMatch : new String[] {tag, "\"99.99\", " + tag, "W/" + tag, "*"}) {
            Response notModified = getPost(postId, creator, ifNoneMatch);

            assertThat(notModified.status()).as(ifNoneMatch).isEqualTo(304);
            assertThat(notModified.header("ETag")).contains(tag);
            assertThat(notModified.raw().body()).isEmpty();
        }
        assertThat(getPost(postId, creator, "\"99.99\"").status()).isEqualTo(200);
    }

    @Test
    void aChangedPostAnswers200WithItsNewETagToTheOldOne() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Before", "Body");
        String before = etag(getPost(postId, creator, null));
        assertThat(api.put("/api/v1/posts/" + postId, Map.of("title", "After"), creator.token())
                        .status())
                .isEqualTo(200);

        Response changed = getPost(postId, creator, before);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.text("title")).isEqualTo("After");
        assertThat(etag(changed)).isNotEqualTo(before);
        assertThat(getPost(postId, creator, etag(changed)).status()).isEqualTo(304);
    }

    @Test
    void aPostsETagFollowsItsViewCountAndA304CountsNoView() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Viewed", "Body");
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        String unviewed = etag(getPost(postId, creator, null));

        assertThat(getPost(postId, reader, null).status()).isEqualTo(200);
        // The view is counted asynchronously (the contract allows the lag).
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        getPost(postId, creator, null).body().path("view_count").asLong() == 1);
        String viewed = etag(getPost(postId, creator, null));
        assertThat(viewed).isNotEqualTo(unviewed);

        assertThat(getPost(postId, reader, viewed).status()).isEqualTo(304);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() ->
                        getPost(postId, creator, null).body().path("view_count").asLong() == 1);
    }

    @Test
    void aProfileHasOneETagForItsOwnerAndAnotherForEveryoneElse() {
        TestUser owner = api.newUser("reader");
        TestUser other = api.newUser("reader");
        String own = etag(getUser(owner.id(), owner, null));
        String public_ = etag(getUser(owner.id(), other, null));

        assertThat(own).isNotEqualTo(public_);
        assertThat(getUser(owner.id(), owner, own).status()).isEqualTo(304);
        assertThat(getUser(owner.id(), other, public_).status()).isEqualTo(304);
        // The owner's tag names the representation with the e-mail: another caller gets the full answer.
        Response withoutEmail = getUser(owner.id(), other, own);
        assertThat(withoutEmail.status()).isEqualTo(200);
        assertThat(withoutEmail.body().has("email")).isFalse();

        assertThat(putUser(owner, Map.of("bio", "changed"), null).status()).isEqualTo(200);
        Response changed = getUser(owner.id(), owner, own);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text("bio")).isEqualTo("changed");
    }

    @Test
    void aPastVersionOfAPostHasNoETag() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Old", "Body");
        String createdAt = getPost(postId, creator, null).text("created_at");

        Response past = api.get("/api/v1/posts/" + postId + "?as_of=" + createdAt, creator.token());

        assertThat(past.status()).as(past.toString()).isEqualTo(200);
        assertThat(past.header("ETag")).isEmpty();
    }

    // ---------------------------------------------------------------- writes: If-Match

    @Test
    void anEditWithTheCurrentETagIsAppliedAndAnswersTheNextOne() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "First", "Body");
        String tag = etag(getPost(postId, creator, null));

        Response edited = putPost(postId, Map.of("title", "Second"), creator, tag);

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        String next = etag(edited);
        Response again = putPost(postId, Map.of("title", "Third"), creator, next);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(getPost(postId, creator, null).text("title")).isEqualTo("Third");
    }

    @Test
    void anEditWithAStaleETagIs412WithTheErrorBodyAndChangesNothing() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Original", "Body");
        String stale = etag(getPost(postId, creator, null));
        assertThat(putPost(postId, Map.of("title", "Someone else's"), creator, stale)
                        .status())
                .isEqualTo(200);
        long eventsBefore = events(postId);

        Response refused = putPost(postId, Map.of("title", "Mine"), creator, stale);

        assertRefused(refused, 412, "PRECONDITION_FAILED");
        assertThat(refused.text("detail")).isNotBlank();
        assertThat(events(postId)).isEqualTo(eventsBefore);
        assertThat(getPost(postId, creator, null).text("title")).isEqualTo("Someone else's");
    }

    @Test
    void aPublicationWithAStaleETagIs412AndTheDraftStaysADraft() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Draft", "Body");
        String stale = etag(getPost(postId, creator, null));
        assertThat(putPost(postId, Map.of("content", "Edited"), creator, null).status())
                .isEqualTo(200);

        assertRefused(publish(postId, creator, stale), 412, "PRECONDITION_FAILED");
        assertThat(getPost(postId, creator, null).text("status")).isEqualTo("draft");

        Response published = publish(postId, creator, etag(getPost(postId, creator, null)));
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.text("status")).isEqualTo("published");
        etag(published);
    }

    @Test
    void ifMatchStarAcceptsAnyVersionAndAMalformedOneIs400() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Star", "Body");

        assertThat(putPost(postId, Map.of("title", "Any"), creator, "*").status())
                .isEqualTo(200);
        Response malformed = putPost(postId, Map.of("title", "Bad"), creator, "not-a-tag");
        assertRefused(malformed, 400, "VALIDATION_FAILED");
        assertThat(malformed.body().path("field_errors").has("If-Match")).isTrue();
        // If-Match compares strongly: a weak tag never matches.
        String tag = etag(getPost(postId, creator, null));
        assertRefused(putPost(postId, Map.of("title", "Weak"), creator, "W/" + tag), 412, "PRECONDITION_FAILED");
        assertThat(getPost(postId, creator, null).text("title")).isEqualTo("Any");
    }

    @Test
    void aStrangerWithAStaleETagIsStillToldTheDraftDoesNotExist() {
        TestUser creator = api.newUser("creator");
        TestUser stranger = api.newUser("creator");
        String postId = api.newPost(creator, "Secret", "Body");

        assertRefused(putPost(postId, Map.of("title", "Hijacked"), stranger, "\"99\""), 404, "POST_NOT_FOUND");
    }

    @Test
    void aProfileUpdateWithAStaleETagIs412AndChangesNothing() {
        TestUser user = api.newUser("reader");
        String stale = etag(getUser(user.id(), user, null));
        Response first = putUser(user, Map.of("bio", "first"), stale);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        Response refused = putUser(user, Map.of("bio", "second"), stale);

        assertRefused(refused, 412, "PRECONDITION_FAILED");
        assertThat(getUser(user.id(), user, null).text("bio")).isEqualTo("first");
        Response next = putUser(user, Map.of("bio", "third"), etag(first));
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(getUser(user.id(), user, null).text("bio")).isEqualTo("third");
    }

    // ---------------------------------------------------------------- races

    @Test
    void ofTwoEditorsRacingWithOneETagExactlyOneWinsAndTheOtherIs412() throws Exception {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Contended", "Body");
        for (int round = 0; round < 5; round++) {
            String tag = etag(getPost(postId, creator, null));
            List<Callable<Response>> editors = new ArrayList<>();
            for (String editor : new String[] {"A", "B"}) {
                String title = "Round " + round + " by " + editor;
                editors.add(() -> putPost(postId, Map.of("title", title), creator, tag));
            }

            List<Response> answers = runTogether(editors);

            List<Response> winners =
                    answers.stream().filter(a -> a.status() == 200).toList();
            assertThat(winners).as(answers.toString()).hasSize(1);
            Response loser = answers.get(answers.get(0) == winners.get(0) ? 1 : 0);
            assertRefused(loser, 412, "PRECONDITION_FAILED");
            assertThat(getPost(postId, creator, null).text("title"))
                    .isEqualTo(winners.get(0).text("title"));
        }
    }

    @Test
    void ofTwoProfileUpdatesRacingWithOneETagExactlyOneWins() throws Exception {
        TestUser user = api.newUser("reader");
        for (int round = 0; round < 3; round++) {
            String tag = etag(getUser(user.id(), user, null));
            List<Callable<Response>> writers = new ArrayList<>();
            for (String writer : new String[] {"A", "B"}) {
                String bio = "Round " + round + " by " + writer;
                writers.add(() -> putUser(user, Map.of("bio", bio), tag));
            }

            List<Response> answers = runTogether(writers);

            List<Response> winners =
                    answers.stream().filter(a -> a.status() == 200).toList();
            assertThat(winners).as(answers.toString()).hasSize(1);
            Response loser = answers.get(answers.get(0) == winners.get(0) ? 1 : 0);
            assertRefused(loser, 412, "PRECONDITION_FAILED");
            assertThat(getUser(user.id(), user, null).text("bio"))
                    .isEqualTo(winners.get(0).text("bio"));
        }
    }
}
