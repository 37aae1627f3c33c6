package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import dev.platform.infra.security.JwtProperties;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The contract's conventions that hold for every endpoint: errors, request ids, tokens, bodies, the event store. */
class ConventionsEndToEndTest extends EndToEndTest {

    private static final SecretKey DEV_KEY =
            Keys.hmacShaKeyFor(JwtProperties.DEV_SECRET.getBytes(StandardCharsets.UTF_8));

    @Autowired
    JdbcTemplate jdbc;

    private static void assertErrorBody(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.text("detail")).isNotBlank();
        assertThat(r.text("correlation_id")).isEqualTo(r.header("X-Request-Id").orElseThrow());
        assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A JSON answer is sent whole with its length (SizedJson), not chunked: one socket write per answer. */
    @Test
    void jsonAnswersCarryTheirLength() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Sized", "Sent with its length.");

        List<Response> answers = List.of(
                api.post("/api/v1/posts", Map.of("title", "Another", "content", "Also sized."), creator.token()),
                api.get("/api/v1/posts/" + postId, creator.token()),
                api.get("/api/v1/creators/" + creator.id() + "/posts?limit=20", creator.token()),
                api.post("/api/v1/posts", Map.of("title", ""), creator.token()));

        assertThat(answers).extracting(Response::status).containsExactly(201, 200, 200, 400);
        for (Response answer : answers) {
            assertThat(answer.header("Transfer-Encoding")).as(answer.toString()).isEmpty();
            assertThat(answer.header("Content-Length"))
                    .as(answer.toString())
                    .contains(String.valueOf(answer.raw().body().getBytes(StandardCharsets.UTF_8).length));
        }
    }

    /** A body longer than SizedJson keeps (32 KiB) is streamed as it is written, chunked, and arrives whole. */
    @Test
    void aLongAnswerIsStreamedWhole() {
        TestUser creator = api.newUser("creator");
        String content = "Long enough to stream. ".repeat(2_000);
        String postId = api.newPost(creator, "Long", content);

        Response read = api.get("/api/v1/posts/" + postId, creator.token());

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Content-Length")).isEmpty();
        assertThat(read.header("Transfer-Encoding")).contains("chunked");
        assertThat(read.text("content")).isEqualTo(content);
    }

    @Test
    void aSaneRequestIdIsEchoedAndAnInsaneOneReplaced() {
        TestUser user = api.newUser("reader");
        String sane = "req-" + UUID.randomUUID().toString().substring(0, 8) + ".A_b";

        Response echoed = api.request("GET", "/api/v1/users/" + user.id())
                .token(user.token())
                .header("X-Request-Id", sane)
                .send();
        Response tooLong = api.request("GET", "/api/v1/users/" + user.id())
                .token(user.token())
                .header("X-Request-Id", "a".repeat(65))
                .send();
        Response badChars = api.request("GET", "/api/v1/users/" + user.id())
                .token(user.token())
                .header("X-Request-Id", "no spaces/or slashes")
                .send();
        Response none = api.get("/api/v1/users/" + user.id(), user.token());

        assertThat(echoed.header("X-Request-Id")).contains(sane);
        assertThat(tooLong.header("X-Request-Id").orElseThrow())
                .isNotEqualTo("a".repeat(65))
                .matches("[A-Za-z0-9._-]{1,64}");
        assertThat(badChars.header("X-Request-Id").orElseThrow()).isNotEqualTo("no spaces/or slashes");
        assertThat(none.header("X-Request-Id")).isPresent();
    }

    @Test
    void theRequestIdIsInTheErrorBodyAndInTheMetadataOfTheEventsTheRequestCaused() {
        String requestId = "trace-" + UUID.randomUUID();
        String s = UUID.randomUUID().toString().substring(0, 8);

        Response registered = api.request("POST", "/api/v1/users/register")
                .header("X-Request-Id", requestId)
                .json(Map.of(
                        "email", s + "@example.com", "password", "long-enough", "username", "t" + s, "role", "reader"))
                .send();
        Response refused = api.request("POST", "/api/v1/users/register")
                .header("X-Request-Id", requestId + "-2")
                .json(Map.of(
                        "email", s + "@example.com", "password", "long-enough", "username", "u" + s, "role", "reader"))
                .send();

        assertThat(registered.status()).isEqualTo(201);
        String metadata = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class,
                registered.text("id"));
        assertThat(metadata).contains("\"requestId\":\"" + requestId + "\"");
        assertThat(metadata).contains("\"actorId\":\"" + registered.text("id") + "\"");
        assertErrorBody(refused, 409, "EMAIL_TAKEN");
        assertThat(refused.text("correlation_id")).isEqualTo(requestId + "-2");
    }

    @Test
    void theEventStoreHoldsReadableJsonWithoutSecrets() {
        TestUser user = api.newUser("creator");
        api.put("/api/v1/users/" + user.id(), Map.of("bio", "readable"), user.token());

        List<Map<String, Object>> events = jdbc.queryForList(
                "SELECT payload_type, convert_from(payload, 'UTF8') AS payload FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number",
                user.id());
        String udt = jdbc.queryForObject(
                "SELECT data_type FROM information_schema.columns WHERE table_name = 'domain_event_entry' AND column_name = 'payload'",
                String.class);

        assertThat(udt).isEqualTo("bytea");
        assertThat(events)
                .extracting(e -> e.get("payload_type"))
                .containsExactly("dev.platform.api.user.UserRegistered", "dev.platform.api.user.UserProfileUpdated");
        // Readable JSON, the personal fields sealed with the user's key (crypto-shredding, docs/audit.md).
        assertThat(events.get(0).get("payload").toString())
                .startsWith("{")
                .contains("\"role\":\"creator\"")
                .contains("\"email\":{\"sealed\":")
                .doesNotContain(user.email())
                .doesNotContain(user.password())
                .doesNotContain("argon2");
        assertThat(events.get(1).get("payload").toString())
                .contains("\"changed\":[\"bio\"]")
                .contains("\"bio\":{\"sealed\":")
                .doesNotContain("readable");
    }

    @Test
    void anUnknownRouteIs404WithTheErrorBody() {
        TestUser user = api.newUser("reader");
        assertErrorBody(api.get("/api/v1/no-such-thing", user.token()), 404, "NOT_FOUND");
    }

    @Test
    void aWrongMethodIs405WithTheErrorBody() {
        TestUser user = api.newUser("reader");
        Response r = api.request("DELETE", "/api/v1/users/" + user.id() + "/password")
                .token(user.token())
                .send();
        assertErrorBody(r, 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void aNonJsonBodyOnAWriteIs415() {
        TestUser user = api.newUser("reader");
        Response r = api.request("PUT", "/api/v1/users/" + user.id())
                .token(user.token())
                .raw("text/plain", "bio=x")
                .send();
        assertErrorBody(r, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertErrorBody(
                api.request("POST", "/api/v1/users/register")
                        .raw("application/xml", "<a/>")
                        .send(),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void malformedJsonIs400() {
        Response r = api.request("POST", "/api/v1/users/register")
                .raw("application/json", "{\"email\": ")
                .send();
        assertErrorBody(r, 400, "MALFORMED_JSON");
        assertErrorBody(
                api.request("POST", "/api/v1/users/login")
                        .raw("application/json", "")
                        .send(),
                400,
                "MALFORMED_JSON");
    }

    @Test
    void aBodyOverOneMebibyteIs413WhetherItsLengthIsDeclaredOrNot() {
        String huge = "{\"email\":\"" + "a".repeat(1024 * 1024) + "\"}";
        Response declared = api.request("POST", "/api/v1/users/register")
                .raw("application/json", huge)
                .send();
        Response chunked = api.request("POST", "/api/v1/users/register")
                .publisher("application/json", chunked(huge.getBytes(StandardCharsets.UTF_8)))
                .send();

        assertErrorBody(declared, 413, "PAYLOAD_TOO_LARGE");
        assertErrorBody(chunked, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aMissingTokenIs401WithAWwwAuthenticateHeader() {
        TestUser user = api.newUser("reader");
        Response r = api.get("/api/v1/users/" + user.id(), null);
        assertErrorBody(r, 401, "UNAUTHENTICATED");
        assertThat(r.header("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
    }

    @Test
    void tamperedForgedExpiredAndIncompleteTokensAre401() {
        TestUser user = api.newUser("creator");
        String[] parts = user.token().split("\\.");
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String adminPayload = b64("{\"sub\":\"" + user.id()
                + "\",\"role\":\"admin\",\"iss\":\"creator-platform\",\"iat\":"
                + Instant.now().getEpochSecond() + ",\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}");
        SecretKey otherKey =
                Keys.hmacShaKeyFor("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now();

        Map<String, String> tokens = Map.of(
                "alg none",
                header + "." + adminPayload + ".",
                "tampered payload",
                parts[0] + "." + adminPayload + "." + parts[2],
                "wrong key",
                signed(user.id(), otherKey, now, now.plusSeconds(3600), "creator-platform"),
                "expired",
                signed(user.id(), DEV_KEY, now.minusSeconds(7200), now.minusSeconds(3600), "creator-platform"),
                "no exp",
                Jwts.builder()
                        .subject(user.id())
                        .claim("role", "creator")
                        .issuer("creator-platform")
                        .issuedAt(Date.from(now))
                        .signWith(DEV_KEY, Jwts.SIG.HS256)
                        .compact(),
                "wrong issuer",
                signed(user.id(), DEV_KEY, now, now.plusSeconds(3600), "someone-else"),
                "garbage",
                "not.a.jwt",
                "truncated signature",
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10));

        tokens.forEach((name, token) -> {
            Response r = api.get("/api/v1/users/" + user.id(), token);
            assertThat(r.status()).as(name).isEqualTo(401);
            assertThat(r.code()).as(name).isEqualTo("UNAUTHENTICATED");
            assertThat(r.header("WWW-Authenticate").orElse("")).as(name).startsWith("Bearer");
        });
        // The control: the same claims, signed properly, pass.
        assertThat(api.get(
                                "/api/v1/users/" + user.id(),
                                signed(user.id(), DEV_KEY, now, now.plusSeconds(60), "creator-platform"))
                        .status())
                .isEqualTo(200);
        Response basic = api.request("GET", "/api/v1/users/" + user.id())
                .header("Authorization", "Basic YTpi")
                .send();
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void registerAndLoginIgnoreAStaleToken() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        Response r = api.request("POST", "/api/v1/users/register")
                .token("stale.token.value")
                .json(Map.of(
                        "email", s + "@example.com", "password", "long-enough", "username", "s" + s, "role", "reader"))
                .send();
        assertThat(r.status()).isEqualTo(201);
    }

    private static String signed(String subject, SecretKey key, Instant issued, Instant expires, String issuer) {
        return Jwts.builder()
                .subject(subject)
                .claim("role", "creator")
                .issuer(issuer)
                .issuedAt(Date.from(issued))
                .expiration(Date.from(expires))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A body publisher without a declared length: the request goes out chunked. */
    private static HttpRequest.BodyPublisher chunked(byte[] bytes) {
        HttpRequest.BodyPublisher inner = HttpRequest.BodyPublishers.ofByteArray(bytes);
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                inner.subscribe(subscriber);
            }
        };
    }
}
