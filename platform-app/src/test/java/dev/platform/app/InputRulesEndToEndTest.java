package dev.platform.app;

import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one input rule (issue 12), over HTTP against the running application: text with NUL, other control
 * characters, bidirectional overrides or unpaired surrogates is a 400 naming the field before anything is stored;
 * tab and line breaks pass in multi-line fields; login e-mail and password are bounded; an {@code as_of} outside
 * the years 0001 to 9999 is a 400. "Nothing stored" is read from the event store: the events a fresh user caused.
 */
class InputRulesEndToEndTest extends EndToEndTest {

    private static final String MULTI_LINE_CONTROL =
            "must not contain control characters other than tab, line feed and carriage return";

    @Autowired
    JdbcTemplate jdbc;

    /** Events in the store whose actor is this user (a fresh user has one: their registration). */
    private long eventsBy(TestUser user) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE convert_from(meta_data, 'UTF8') LIKE ?",
                Long.class,
                "%\"actorId\":\"" + user.id() + "\"%");
        return count == null ? 0 : count;
    }

    private static void assertFieldError(Response r, String field, String message) {
        assertRefused(r, 400, "VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").path(field).asText())
                .as(r.toString())
                .isEqualTo(message);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private Response login(String email, String password) {
        return api.post("/api/v1/users/login", Map.of("email", email, "password", password), null);
    }

    // ---------------------------------------------------------------- posts

    @Test
    void aNulInPostContentIs400NamingContentAndNoPostAppears() {
        TestUser creator = api.newUser("creator");

        Response refused = api.post("/api/v1/posts", Map.of("title", "Poison", "content", "a\u0000"), creator.token());
        Response list = api.get("/api/v1/creators/" + creator.id() + "/posts", creator.token());

        assertFieldError(refused, "content", MULTI_LINE_CONTROL);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).isEmpty();
        assertThat(list.header("X-Total-Count")).contains("0");
        assertThat(eventsBy(creator)).isEqualTo(1);
    }

    @Test
    void aBidiOverrideInATitleOrAControlInAnEditIs400AndThePostStaysAsItWas() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Fine", "Fine content");

        Response title = api.put("/api/v1/posts/" + postId, Map.of("title", "evil\u202Etxt.exe"), creator.token());
        Response content = api.put("/api/v1/posts/" + postId, Map.of("content", "bell\u0007"), creator.token());
        Response newline = api.put("/api/v1/posts/" + postId, Map.of("title", "two\nlines"), creator.token());
        Response read = api.get("/api/v1/posts/" + postId, creator.token());

        assertFieldError(
                title,
                "title",
                "must not contain bidirectional override or isolate characters"
                        + " (U+202A to U+202E, U+2066 to U+2069)");
        assertFieldError(content, "content", MULTI_LINE_CONTROL);
        assertFieldError(newline, "title", "must not contain control characters");
        assertThat(read.text("title")).isEqualTo("Fine");
        assertThat(read.text("content")).isEqualTo("Fine content");
        assertThat(eventsBy(creator)).isEqualTo(2);
    }

    @Test
    void anUnpairedSurrogateInContentIs400() {
        TestUser creator = api.newUser("creator");

        Response refused = api.request("POST", "/api/v1/posts")
                .token(creator.token())
                .json("{\"title\":\"Broken\",\"content\":\"half an emoji \\ud83d\"}")
                .send();

        assertFieldError(refused, "content", "must be valid Unicode text (it has an unpaired surrogate)");
        assertThat(eventsBy(creator)).isEqualTo(1);
    }

    @Test
    void tabsAndLineBreaksInContentBioAndCommentsAreAcceptedVerbatim() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String text = "line one\r\n\tline two\nline three \uD83D\uDE00 \u2067\u05E9\u05DC\u05D5\u05DD\u2069";

        String postId = api.newPost(creator, "Multi-line", text);
        Response read = api.get("/api/v1/posts/" + postId, creator.token());
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        Response comment = api.post("/api/v1/posts/" + postId + "/comments", Map.of("content", text), reader.token());
        Response comments = api.get("/api/v1/posts/" + postId + "/comments", reader.token());
        Response bio = api.put("/api/v1/users/" + reader.id(), Map.of("bio", text), reader.token());
        Response profile = api.get("/api/v1/users/" + reader.id(), reader.token());

        assertThat(read.text("content")).isEqualTo(text);
        assertThat(comment.status()).as(comment.toString()).isEqualTo(201);
        assertThat(comments.body().get(0).path("content").asText()).isEqualTo(text);
        assertThat(bio.status()).as(bio.toString()).isEqualTo(200);
        assertThat(profile.text("bio")).isEqualTo(text);
    }

    // ---------------------------------------------------------------- comments and profiles

    @Test
    void aControlCharacterInACommentIs400NamingContentAndNoCommentAppears() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Open", "for comments");
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);

        Response escape =
                api.post("/api/v1/posts/" + postId + "/comments", Map.of("content", "\u001b[2Jgone"), reader.token());
        Response nul = api.post("/api/v1/posts/" + postId + "/comments", Map.of("content", "\u0000"), reader.token());
        Response c1 =
                api.post("/api/v1/posts/" + postId + "/comments", Map.of("content", "next\u0085"), reader.token());
        Response comments = api.get("/api/v1/posts/" + postId + "/comments", reader.token());

        assertFieldError(escape, "content", MULTI_LINE_CONTROL);
        assertFieldError(nul, "content", MULTI_LINE_CONTROL);
        assertFieldError(c1, "content", MULTI_LINE_CONTROL);
        assertThat(comments.body()).isEmpty();
        assertThat(eventsBy(reader)).isEqualTo(1);
    }

    @Test
    void aBioWithANulOrAUsernameWithABidiOverrideIs400AndTheProfileStaysAsItWas() {
        TestUser user = api.newUser("reader");

        Response bio = api.put("/api/v1/users/" + user.id(), Map.of("bio", "hi\u0000"), user.token());
        Response username = api.put("/api/v1/users/" + user.id(), Map.of("username", "ab\u202Ecd"), user.token());
        Response profile = api.get("/api/v1/users/" + user.id(), user.token());

        assertFieldError(bio, "bio", MULTI_LINE_CONTROL);
        assertRefused(username, 400, "VALIDATION_FAILED");
        assertThat(username.body().path("field_errors").path("username").asText())
                .startsWith("must not contain bidirectional");
        assertThat(profile.text("username")).isEqualTo(user.username());
        assertThat(profile.body().path("bio").isNull() || profile.text("bio").isEmpty())
                .as(profile.toString())
                .isTrue();
        assertThat(eventsBy(user)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- register and login

    @Test
    void aRegistrationWithABidiOverrideInTheUsernameIs400AndCreatesNoAccount() {
        String s = suffix();
        String email = "b" + s + "@example.com";

        Response refused = api.post(
                "/api/v1/users/register",
                Map.of("email", email, "password", "long-enough", "username", "adm\u202Ein" + s, "role", "reader"),
                null);

        assertRefused(refused, 400, "VALIDATION_FAILED");
        assertThat(refused.body().path("field_errors").path("username").asText())
                .startsWith("must not contain bidirectional");
        Long accounts = jdbc.queryForObject("SELECT count(*) FROM user_credentials WHERE email = ?", Long.class, email);
        assertThat(accounts).isZero();
    }

    @Test
    void aLoginEmailOver254CharactersIs400AndLeavesNoTrace() {
        String tooLong = "a".repeat(255 - "@example.com".length()) + "@example.com";
        String huge = "a".repeat(2_700) + "@example.com";

        Response refused = login(tooLong, "whatever1");
        Response hugeRefused = login(huge, "whatever1");

        assertFieldError(refused, "email", "must be at most 254 characters");
        assertFieldError(hugeRefused, "email", "must be at most 254 characters");
        Long failures = jdbc.queryForObject(
                "SELECT count(*) FROM login_failure WHERE email IN (?, ?)", Long.class, tooLong, huge);
        assertThat(failures).isZero();
    }

    @Test
    void aLoginEmailWithANulIs400AndLeavesNoTrace() {
        String email = "nul" + suffix() + "\u0000@example.com";

        Response refused = login(email, "whatever1");

        assertFieldError(refused, "email", "must not contain control characters");
        Long failures = jdbc.queryForObject(
                "SELECT count(*) FROM login_failure WHERE email LIKE ?", Long.class, email.substring(0, 15) + "%");
        assertThat(failures).isZero();
    }

    @Test
    void aLoginPasswordOver1024CharactersIs400WhileOneOf1024IsAnOrdinaryWrongPassword() {
        TestUser user = api.newUser("reader");

        Response tooLong = login(user.email(), "p".repeat(1_025));
        Response longest = login(user.email(), "p".repeat(1_024));

        assertFieldError(tooLong, "password", "must be at most 1024 characters");
        assertRefused(longest, 401, "INVALID_CREDENTIALS");
        assertThat(api.login(user.email(), user.password())).isNotBlank();
    }

    // ---------------------------------------------------------------- instants

    @Test
    void anAsOfOutsideTheYears0001To9999Is400NamingAsOf() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Old", "content");

        for (String outside :
                new String[] {"%2B10000-01-01T00:00:00Z", "%2B999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z"
                }) {
            Response r = api.get("/api/v1/posts/" + postId + "?as_of=" + outside, creator.token());
            assertFieldError(r, "as_of", "must be an instant in the years 0001 to 9999");
        }
        Response last = api.get("/api/v1/posts/" + postId + "?as_of=9999-12-31T23:59:59.999Z", creator.token());
        assertThat(last.status()).as(last.toString()).isEqualTo(200);
        assertThat(last.text("title")).isEqualTo("Old");
    }
}
