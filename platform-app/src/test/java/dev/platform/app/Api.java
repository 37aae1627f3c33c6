package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A small HTTP client for the end-to-end tests: real requests to the running application, JSON in and out. */
public final class Api {

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

    /** Registers a fresh user with this role (creator or reader) and logs them in. */
    public TestUser newUser(String role) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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

    /**
     * Asserts the contract's error answer: this status and code, and the body's correlation id is the request's
     * {@code X-Request-Id}.
     */
    public static void assertRefused(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.text("correlation_id")).isEqualTo(r.header("X-Request-Id").orElseThrow());
    }

    public String login(String email, String password) {
        Response login = post("/api/v1/users/login", Map.of("email", email, "password", password), null);
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
