package dev.platform.infra.idempotency;

import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import dev.platform.app.EndToEndTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code Idempotency-Key} on the creating POSTs (docs/api.md, "Idempotent requests"), over HTTP against the running
 * application and PostgreSQL: replay, reuse, concurrency, scopes, leases and the purge. Rows of
 * {@code idempotency_key} are written directly only to stand for a request whose node died.
 */
class IdempotencyKeyEndToEndTest extends EndToEndTest {

    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IdempotencyKeyPurge purge;

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private Response keyed(String path, String body, String token, String key) {
        return api.request("POST", path)
                .token(token)
                .header(KEY, key)
                .json(body)
                .send();
    }

    private static String postBody(String title) {
        return "{\"title\":\"" + title + "\",\"content\":\"Some content\"}";
    }

    private Response createPost(TestUser creator, String body, String key) {
        return keyed("/api/v1/posts", body, creator.token(), key);
    }

    private long postsOf(TestUser creator) {
        Response list = api.get("/api/v1/creators/" + creator.id() + "/posts", creator.token());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return Long.parseLong(list.header("X-Total-Count").orElseThrow());
    }

    private long commentsOn(String postId, TestUser caller) {
        Response list = api.get("/api/v1/posts/" + postId + "/comments", caller.token());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return Long.parseLong(list.header("X-Total-Count").orElseThrow());
    }

    /** The same answer: status, body byte for byte, Location. */
    private static void assertSameAnswer(Response replay, Response first) {
        assertThat(replay.status()).as(replay.toString()).isEqualTo(first.status());
        assertThat(replay.raw().body()).isEqualTo(first.raw().body());
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.header("X-Read-Model")).isEqualTo(first.header("X-Read-Model"));
    }

    private static byte[] sha256(String body) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A claim of a request that is still running (or whose node died), held until {@code leaseSeconds} from now. */
    private void claimAsAnotherRequest(TestUser caller, String key, String body, int leaseSeconds) throws Exception {
        jdbc.update(
                "INSERT INTO idempotency_key (scope, idempotency_key, route, request_hash, claim_token, claimed_until,"
                        + " created_at, expires_at) VALUES (?, ?, 'post', ?, ?, now() + make_interval(secs => ?),"
                        + " now(), now() + interval '1 hour')",
                "user:" + caller.id(),
                key,
                sha256(body),
                UUID.randomUUID(),
                leaseSeconds);
    }

    @Test
    void aRetriedPostCreateGetsTheSameAnswerAndMakesNoSecondPost() {
        TestUser creator = api.newUser("creator");
        String key = newKey();
        String body = postBody("Once only");

        Response first = createPost(creator, body, key);
        Response again = createPost(creator, body, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Location")).contains("/api/v1/posts/" + first.text("id"));
        assertThat(first.header(REPLAYED)).isEmpty();
        assertSameAnswer(again, first);
        assertThat(again.header(REPLAYED)).contains("true");
        assertThat(postsOf(creator)).isEqualTo(1);
    }

    @Test
    void aRetriedCommentGetsTheSameAnswerAndMakesNoSecondComment() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Talk", "About it");
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        String key = newKey();
        String path = "/api/v1/posts/" + postId + "/comments";

        Response first = keyed(path, "{\"content\":\"First!\"}", reader.token(), key);
        Response again = keyed(path, "{\"content\":\"First!\"}", reader.token(), key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertSameAnswer(again, first);
        assertThat(again.header(REPLAYED)).contains("true");
        assertThat(commentsOn(postId, reader)).isEqualTo(1);
    }

    @Test
    void aRetriedRegistrationGetsTheSameAnswerInsteadOfEmailTaken() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String body = "{\"email\":\"i" + suffix + "@example.com\",\"password\":\"pw-" + suffix + "\",\"username\":\"i_"
                + suffix + "\",\"role\":\"reader\"}";
        String key = newKey();

        Response first = keyed("/api/v1/users/register", body, null, key);
        Response again = keyed("/api/v1/users/register", body, null, key);
        Response withoutKey =
                api.request("POST", "/api/v1/users/register").json(body).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertSameAnswer(again, first);
        assertThat(again.header(REPLAYED)).contains("true");
        assertRefused(withoutKey, 409, "EMAIL_TAKEN");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM user_credentials WHERE email = ?",
                        Long.class,
                        "i" + suffix + "@example.com"))
                .isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndWritesNothing() {
        TestUser creator = api.newUser("creator");
        String key = newKey();
        assertThat(createPost(creator, postBody("First"), key).status()).isEqualTo(201);

        Response reused = createPost(creator, postBody("Second"), key);

        assertRefused(reused, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.header(REPLAYED)).isEmpty();
        assertThat(postsOf(creator)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyMakeOnePostAndOneAnswer() throws Exception {
        TestUser creator = api.newUser("creator");
        String key = newKey();
        String body = postBody("Raced");
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> createPost(creator, body, key));
        }

        List<Response> answers = Api.runTogether(calls);

        List<Response> created = answers.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).isNotEmpty();
        for (Response answer : answers) {
            if (answer.status() == 409) {
                // A wait that timed out is the documented refusal, never another resource.
                assertRefused(answer, 409, "IDEMPOTENCY_KEY_IN_PROGRESS");
                assertThat(answer.header("Retry-After")).contains("1");
            } else {
                assertSameAnswer(answer, created.get(0));
            }
        }
        assertThat(created.stream().filter(r -> r.header(REPLAYED).isEmpty())).hasSize(1);
        assertThat(postsOf(creator)).isEqualTo(1);
    }

    @Test
    void differentCallersWithTheSameKeyDoNotMeet() {
        TestUser one = api.newUser("creator");
        TestUser other = api.newUser("creator");
        String key = newKey();
        String body = postBody("Same key, two people");

        Response first = createPost(one, body, key);
        Response second = createPost(other, body, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.header(REPLAYED)).isEmpty();
        assertThat(second.text("id")).isNotEqualTo(first.text("id"));
        assertThat(second.text("creator_id")).isEqualTo(other.id());
    }

    @Test
    void withoutAKeyEveryCreateMakesANewPost() {
        TestUser creator = api.newUser("creator");
        String body = postBody("Twice");

        Response first = api.request("POST", "/api/v1/posts")
                .token(creator.token())
                .json(body)
                .send();
        Response second = api.request("POST", "/api/v1/posts")
                .token(creator.token())
                .json(body)
                .send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.text("id")).isNotEqualTo(first.text("id"));
        assertThat(second.header(REPLAYED)).isEmpty();
        assertThat(postsOf(creator)).isEqualTo(2);
    }

    @Test
    void aKeyOnAnotherRouteIsIgnored() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Draft", "Text");
        String key = newKey();

        Response published = api.request("POST", "/api/v1/posts/" + postId + "/publish")
                .token(creator.token())
                .header(KEY, key)
                .send();
        Response again = api.request("POST", "/api/v1/posts/" + postId + "/publish")
                .token(creator.token())
                .header(KEY, key)
                .send();

        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertRefused(again, 409, "POST_ALREADY_PUBLISHED");
        assertThat(again.header(REPLAYED)).isEmpty();
    }

    @Test
    void aKeyThatIsNotOneToTwoHundredFiftyFiveVisibleAsciiCharactersIs400() {
        TestUser creator = api.newUser("creator");

        for (String key : List.of("x".repeat(256), "two words", "tab\tinside")) {
            Response refused = createPost(creator, postBody("Bad key"), key);

            assertRefused(refused, 400, "VALIDATION_FAILED");
            assertThat(refused.body().path("field_errors").path(KEY).asText())
                    .isEqualTo("must be 1 to 255 visible ASCII characters");
        }
        assertThat(createPost(creator, postBody("Longest key"), "k".repeat(255)).status())
                .isEqualTo(201);
        assertThat(postsOf(creator)).isEqualTo(1);
    }

    @Test
    void aRefusedRequestGivesItsKeyUpForTheCorrectedOne() {
        TestUser creator = api.newUser("creator");
        String key = newKey();

        Response refused = createPost(creator, "{\"title\":\"\",\"content\":\"Some content\"}", key);
        Response corrected = createPost(creator, postBody("Now with a title"), key);

        assertRefused(refused, 400, "VALIDATION_FAILED");
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(corrected.header(REPLAYED)).isEmpty();
    }

    @Test
    void aClaimWhoseLeaseRanOutIsTakenOverByTheNextRequest() throws Exception {
        TestUser creator = api.newUser("creator");
        String key = newKey();
        String body = postBody("After a crash");
        claimAsAnotherRequest(creator, key, body, -1);

        Response taken = createPost(creator, body, key);
        Response replay = createPost(creator, body, key);

        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        assertThat(taken.header(REPLAYED)).isEmpty();
        assertSameAnswer(replay, taken);
        assertThat(postsOf(creator)).isEqualTo(1);
    }

    @Test
    void aRequestWaitingForALiveClaimGivesUpWith409AfterTheWaitTimeout() throws Exception {
        TestUser creator = api.newUser("creator");
        String key = newKey();
        String body = postBody("Someone else is on it");
        claimAsAnotherRequest(creator, key, body, 600);

        Response waited = createPost(creator, body, key);

        assertRefused(waited, 409, "IDEMPOTENCY_KEY_IN_PROGRESS");
        assertThat(waited.header("Retry-After")).contains("1");
        assertThat(postsOf(creator)).isZero();
    }

    @Test
    void aTakeoverAfterTheFirstAttemptWroteMakesNoSecondPostAndPointsAtTheFirst() {
        TestUser creator = api.newUser("creator");
        String key = newKey();
        String body = postBody("Written, answer lost");
        Response first = createPost(creator, body, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        // As if the node had died after the write and before keeping the answer.
        jdbc.update(
                "UPDATE idempotency_key SET status = NULL, headers = NULL, body = NULL, claim_token = ?,"
                        + " claimed_until = now() - interval '1 second' WHERE scope = ? AND idempotency_key = ?",
                UUID.randomUUID(),
                "user:" + creator.id(),
                key);

        Response retried = createPost(creator, body, key);

        assertRefused(retried, 409, "IDEMPOTENT_RESOURCE_EXISTS");
        assertThat(retried.header("Location")).isEqualTo(first.header("Location"));
        assertThat(postsOf(creator)).isEqualTo(1);
    }

    @Test
    void expiredKeysArePurgedAndLiveOnesStay() throws Exception {
        TestUser creator = api.newUser("creator");
        String live = newKey();
        String expired = newKey();
        assertThat(createPost(creator, postBody("Kept"), live).status()).isEqualTo(201);
        claimAsAnotherRequest(creator, expired, postBody("Old"), -1);
        jdbc.update(
                "UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE idempotency_key = ?",
                expired);

        int deleted = purge.purge();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(rows(expired)).isZero();
        assertThat(rows(live)).isEqualTo(1);
        assertThat(purge.isRunning()).isTrue();
    }

    private long rows(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", Long.class, key);
    }

    @Test
    void theKeptAnswerNamesTheFirstRequestsRouteAndScope() {
        TestUser creator = api.newUser("creator");
        String key = newKey();
        assertThat(createPost(creator, postBody("Stored"), key).status()).isEqualTo(201);

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT scope, route, status, claim_token FROM idempotency_key WHERE idempotency_key = ?", key);

        assertThat(row.get("scope")).isEqualTo("user:" + creator.id());
        assertThat(row.get("route")).isEqualTo("post");
        assertThat(row.get("status")).isEqualTo(201);
        assertThat(row.get("claim_token")).isNull();
    }
}
