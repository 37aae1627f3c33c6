package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP client for the end-to-end tests: real requests to the running application, JSON in and out, and the
 * steps the journeys share (register and log in, write and read posts, comments and subscriptions), so that a test
 * reads as its journey. The steps return the answer; a step whose success the test takes for granted asserts it.
 */
public final class Api {

    /** The contract's timestamps: UTC with milliseconds. */
    public static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    /** One answer: status, headers and the body parsed as JSON (a missing node when there is none). */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {
        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String text(String field) {
            return body.path(field).asText(null);
        }

        public String code() {
            return body.path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Request request(String method, String path) {
        return new Request(method, path);
    }

    public Response get(String path, String token) {
        return request("GET", path).token(token).send();
    }

    public Response post(String path, Object body, String token) {
        return request("POST", path).token(token).json(body).send();
    }

    public Response put(String path, Object body, String token) {
        return request("PUT", path).token(token).json(body).send();
    }

    /** A builder for requests that need something unusual: raw bodies, odd headers, other methods. */
    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request token(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request json(Object value) {
            try {
                String text = value instanceof String s ? s : JSON.writeValueAsString(value);
                return raw("application/json", text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Request raw(String contentType, String text) {
            headers.put("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text);
            return this;
        }

        public Request publisher(String contentType, HttpRequest.BodyPublisher publisher) {
            headers.put("Content-Type", contentType);
            body = publisher;
            return this;
        }

        public Response send() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body);
            headers.forEach(builder::header);
            try {
                HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode json = response.body().isEmpty() ? MissingNode.getInstance() : parse(response.body());
                return new Response(response.statusCode(), response, json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** A registered and logged-in user. */
    public record TestUser(String id, String email, String username, String password, String role, String token) {}

    /** Twelve fresh hex characters: a suffix that makes e-mails and usernames unique to one test. */
    public static String fresh() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Registers a fresh user with this role (creator or reader) and logs them in. */
    public TestUser newUser(String role) {
        String suffix = fresh();
        String email = "u" + suffix + "@example.com";
        String username = "u_" + suffix;
        String password = "pw-" + suffix;
        Response registered = post(
                "/api/v1/users/register",
                Map.of("email", email, "password", password, "username", username, "role", role),
                null);
        if (registered.status() != 201) {
            throw new IllegalStateException("register failed: " + registered);
        }
        return new TestUser(registered.text("id"), email, username, password, role, login(email, password));
    }

    /** A new draft of {@code creator} with this title and content; its id (the create must answer 201). */
    public String newPost(TestUser creator, String title, String content) {
        Response created = post("/api/v1/posts", Map.of("title", title, "content", content), creator.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    /** {@code count} fresh readers subscribed to {@code creator} (each subscription must answer 201). */
    public List<TestUser> newSubscribers(TestUser creator, int count) {
        List<TestUser> subscribers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestUser reader = newUser("reader");
            Response subscribed = post("/api/v1/creators/" + creator.id() + "/subscribe", null, reader.token());
            assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
            subscribers.add(reader);
        }
        return subscribers;
    }

    /** {@code GET /api/v1/posts/{id}/notifications} as the creator (it must answer 200): the delivery stats. */
    public JsonNode notificationStats(TestUser creator, String postId) {
        Response stats = get("/api/v1/posts/" + postId + "/notifications", creator.token());
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        return stats.body();
    }

    /** {@code POST /api/v1/posts/{id}/publish} as {@code caller}. */
    public Response publish(String postId, TestUser caller) {
        return request("POST", "/api/v1/posts/" + postId + "/publish")
                .token(caller.token())
                .send();
    }

    // ---------------------------------------------------------------- users

    /** A registration body; a map that allows {@code null} values and removals. */
    public static Map<String, Object> registration(String email, String password, String username, String role) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("username", username);
        body.put("role", role);
        return body;
    }

    /** {@code POST /api/v1/users/register} without a token. */
    public Response register(Map<String, Object> body) {
        return post("/api/v1/users/register", body, null);
    }

    /** The user id ({@code sub} claim) a bearer token was issued for. */
    public static String subject(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                    .path("sub")
                    .asText();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable token payload", e);
        }
    }

    // ---------------------------------------------------------------- posts

    /** A new draft of {@code creator} whose title and content do not matter to the test; its id. */
    public String newPost(TestUser creator) {
        return newPost(creator, "A post", "Something to talk about");
    }

    /** A new published post of {@code creator} whose title and content do not matter to the test; its id. */
    public String newPublishedPost(TestUser creator) {
        return newPublishedPost(creator, "A post", "Something to talk about");
    }

    /** {@code POST /api/v1/posts} as {@code creator}. */
    public Response createPost(TestUser creator, Object body) {
        return post("/api/v1/posts", body, creator.token());
    }

    /** {@code GET /api/v1/posts/{id}} as {@code caller}. */
    public Response readPost(String postId, TestUser caller) {
        return get("/api/v1/posts/" + postId, caller.token());
    }

    /** {@code PUT /api/v1/posts/{id}} as {@code caller}. */
    public Response editPost(String postId, Object body, TestUser caller) {
        return put("/api/v1/posts/" + postId, body, caller.token());
    }

    /** {@code GET /api/v1/creators/{id}/posts} with this query ("" or "?..."), as {@code caller}. */
    public Response creatorPosts(String creatorId, String query, TestUser caller) {
        return get("/api/v1/creators/" + creatorId + "/posts" + query, caller.token());
    }

    /** A new post of {@code creator}, published (the publish must answer 200); its id. */
    public String newPublishedPost(TestUser creator, String title, String content) {
        String postId = newPost(creator, title, content);
        assertThat(publish(postId, creator).status()).isEqualTo(200);
        return postId;
    }

    /** Takes a published post back to draft: {@code PUT} with {@code status: draft}. */
    public Response unpublish(String postId, TestUser creator) {
        return editPost(postId, Map.of("status", "draft"), creator);
    }

    // ---------------------------------------------------------------- comments

    /** {@code POST /api/v1/posts/{id}/comments} with this body and token (none when {@code null}). */
    public Response comment(String postId, Object body, String token) {
        return post("/api/v1/posts/" + postId + "/comments", body, token);
    }

    /** A top-level comment of {@code author}. */
    public Response comment(String postId, TestUser author, String content) {
        return comment(postId, Map.of("content", content), author.token());
    }

    /** A reply of {@code author} to the comment {@code parentId}. */
    public Response reply(String postId, TestUser author, String parentId, String content) {
        return comment(postId, Map.of("content", content, "parent_comment_id", parentId), author.token());
    }

    /** {@code GET /api/v1/posts/{id}/comments} with this query ("" or "?...") and token. */
    public Response comments(String postId, String query, String token) {
        return get("/api/v1/posts/" + postId + "/comments" + query, token);
    }

    /** The first page of a post's comments as {@code caller}. */
    public Response comments(String postId, TestUser caller) {
        return comments(postId, "", caller.token());
    }

    // ---------------------------------------------------------------- subscriptions

    /** {@code POST /api/v1/creators/{id}/subscribe} as {@code subscriber}, without a body. */
    public Response subscribe(TestUser subscriber, String creatorId) {
        return request("POST", "/api/v1/creators/" + creatorId + "/subscribe")
                .token(subscriber.token())
                .send();
    }

    /** {@code POST /api/v1/creators/{id}/unsubscribe} as {@code subscriber}, without a body. */
    public Response unsubscribe(TestUser subscriber, String creatorId) {
        return request("POST", "/api/v1/creators/" + creatorId + "/unsubscribe")
                .token(subscriber.token())
                .send();
    }

    /** {@code GET /api/v1/users/{id}/subscriptions} with this query ("" or "?..."), as their owner. */
    public Response subscriptions(TestUser owner, String query) {
        return get("/api/v1/users/" + owner.id() + "/subscriptions" + query, owner.token());
    }

    // ---------------------------------------------------------------- answers

    /** The id of an accepted creation (the answer must be 201). */
    public static String added(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("id");
    }

    /** The {@code id} of each item of a list answer, in list order. */
    public static List<String> ids(Response list) {
        List<String> ids = new ArrayList<>();
        list.body().forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    /** Asserts a 400 {@code VALIDATION_FAILED} naming this field in {@code field_errors}. */
    public static void assertFieldError(Response r, String field) {
        assertRefused(r, 400, "VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has(field)).as(r.toString()).isTrue();
    }

    /**
     * Asserts the contract's error answer: this status and code, and the body's correlation id is the request's
     * {@code X-Request-Id}.
     */
    public static void assertRefused(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.text("correlation_id")).isEqualTo(r.header("X-Request-Id").orElseThrow());
    }

    /**
     * Logs in and returns the access token. An e-mail locked by earlier failed logins (429 with Retry-After: the
     * fuzz suite's wrong passwords lock the admin's e-mail for up to a minute, whatever class runs next) is waited
     * out, as the contract tells a client to; any other refusal fails the step at once.
     */
    public String login(String email, String password) {
        Response login = await().atMost(Duration.ofSeconds(90))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> post("/api/v1/users/login", Map.of("email", email, "password", password), null),
                        answer -> answer.status() != 429);
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        return login.text("access_token");
    }

    /** Runs the calls at the same moment, each on its own thread, and returns the answers in call order. */
    public static List<Response> runTogether(List<Callable<Response>> calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.size());
        List<Callable<Response>> synchronised = new ArrayList<>();
        for (Callable<Response> call : calls) {
            synchronised.add(() -> {
                start.await(30, TimeUnit.SECONDS);
                return call.call();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : pool.invokeAll(synchronised)) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
