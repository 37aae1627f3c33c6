package dev.platform.app;

import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser pages of another origin: the tests' configuration allows {@link CrossOriginPage#allowedOrigin()} and no
 * other ({@code platform.cors.allowed-origins}). First over plain HTTP, header by header; then in a real headless
 * Chromium, which enforces CORS itself.
 */
class CrossOriginEndToEndTest extends EndToEndTest {

    private static final Pattern OUTCOME = Pattern.compile("<pre id=\"outcome\">(.*?)</pre>", Pattern.DOTALL);

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
        TestUser user = api.newUser("creator");

        Response preflight = preflight(
                "/api/v1/users/" + user.id(),
                CrossOriginPage.allowedOrigin(),
                "PUT",
                "authorization,content-type,if-match,if-none-match,idempotency-key,x-request-id");

        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).contains(CrossOriginPage.allowedOrigin());
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("GET,POST,PUT,DELETE");
        assertThat(preflight.header("Access-Control-Allow-Headers").orElseThrow())
                .contains("authorization", "content-type", "if-match", "if-none-match", "idempotency-key")
                .contains("x-request-id");
        assertThat(preflight.header("Access-Control-Max-Age")).contains("3600");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(preflight.header("WWW-Authenticate")).isEmpty();
        assertThat(preflight.raw().body()).isEmpty();
    }

    @Test
    void aPreflightFromAnotherOriginIsRefusedWithTheErrorBody() {
        Response preflight = preflight("/api/v1/posts", CrossOriginPage.foreignOrigin(), "POST", "content-type");

        assertRefused(preflight, 403, "FORBIDDEN");
        assertThat(preflight.text("detail")).contains("cross-origin");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aPreflightForAMethodOrAHeaderTheApiDoesNotTakeIsRefused() {
        Response patch = preflight("/api/v1/posts", CrossOriginPage.allowedOrigin(), "PATCH", "content-type");
        Response header = preflight("/api/v1/posts", CrossOriginPage.allowedOrigin(), "POST", "x-something-else");

        assertRefused(patch, 403, "FORBIDDEN");
        assertRefused(header, 403, "FORBIDDEN");
        assertThat(patch.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void anAllowedPageReadsTheListHeadersAndItsErrors() {
        TestUser creator = api.newUser("creator");
        api.newPost(creator, "One", "Body");
        api.newPost(creator, "Two", "Body");

        Response list = api.request("GET", "/api/v1/creators/" + creator.id() + "/posts?limit=1")
                .token(creator.token())
                .header("Origin", CrossOriginPage.allowedOrigin())
                .send();
        Response unauthenticated = api.request("GET", "/api/v1/creators/" + creator.id() + "/posts")
                .header("Origin", CrossOriginPage.allowedOrigin())
                .send();

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Access-Control-Allow-Origin")).contains(CrossOriginPage.allowedOrigin());
        assertThat(list.header("Access-Control-Expose-Headers").orElseThrow().split(",\\s*"))
                .containsExactlyInAnyOrder(
                        "X-Total-Count", "X-Request-Id", "ETag", "Location", "Link", "Retry-After", "X-Read-Model");
        assertThat(list.raw().headers().allValues("Vary")).contains("Origin");
        assertThat(list.header("X-Total-Count")).contains("2");
        assertRefused(unauthenticated, 401, "UNAUTHENTICATED");
        assertThat(unauthenticated.header("Access-Control-Allow-Origin")).contains(CrossOriginPage.allowedOrigin());
    }

    @Test
    void aRequestFromAnotherOriginIsRefusedBeforeItWritesAnything() {
        TestUser creator = api.newUser("creator");

        Response create = api.request("POST", "/api/v1/posts")
                .token(creator.token())
                .header("Origin", CrossOriginPage.foreignOrigin())
                .json(Map.of("title", "Forged", "content", "From a page of another origin"))
                .send();

        assertRefused(create, 403, "FORBIDDEN");
        assertThat(create.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(api.get("/api/v1/creators/" + creator.id() + "/posts", creator.token())
                        .header("X-Total-Count"))
                .contains("0");
    }

    @Test
    void aRequestWithoutAnOriginGetsNoCorsHeaders() {
        TestUser user = api.newUser("reader");

        Response read = api.get("/api/v1/users/" + user.id(), user.token());

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.raw().headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }

    @Test
    void aPageOfAnAllowedOriginCallsTheApiInABrowser(@TempDir Path profile) throws Exception {
        HeadlessChromium.assumeInstalled();
        String s = suffix();

        String outcome = outcome(
                HeadlessChromium.dom(CrossOriginPage.journey(CrossOriginPage.allowedOrigin(), port, s), profile));

        JsonNode seen = Api.JSON.readTree(outcome);
        assertThat(seen.path("registered").asInt()).as(outcome).isEqualTo(201);
        assertThat(seen.path("status").asInt()).isEqualTo(200);
        assertThat(seen.path("items").asInt()).isEqualTo(1);
        assertThat(seen.path("total").asText())
                .as("X-Total-Count read by the page")
                .isEqualTo("2");
        assertThat(seen.path("link").asText()).contains("rel=\"next\"");
        assertThat(seen.path("location").asText()).startsWith("/api/v1/posts/");
        assertThat(seen.path("request_id").asText()).isNotBlank();
        TestUser reader = api.newUser("reader");
        assertThat(api.get("/api/v1/users/" + seen.path("user_id").asText(), reader.token())
                        .text("username"))
                .isEqualTo("b_" + s);
    }

    @Test
    void aPageOfAnotherOriginIsRefusedByTheBrowser(@TempDir Path profile) throws Exception {
        HeadlessChromium.assumeInstalled();
        String s = suffix();

        String outcome = outcome(
                HeadlessChromium.dom(CrossOriginPage.journey(CrossOriginPage.foreignOrigin(), port, s), profile));

        assertThat(outcome).isEqualTo("failed: TypeError");
        Response login = api.post(
                "/api/v1/users/login", Map.of("email", "b" + s + "@example.com", "password", "browser-" + s), null);
        assertThat(login.status())
                .as("the refused preflight kept the registration from being sent")
                .isEqualTo(401);
    }

    private Response preflight(String path, String origin, String method, String headers) {
        return api.request("OPTIONS", path)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .send();
    }

    private static String outcome(String dom) {
        Matcher matcher = OUTCOME.matcher(dom);
        assertThat(matcher.find()).as(dom).isTrue();
        return matcher.group(1)
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
