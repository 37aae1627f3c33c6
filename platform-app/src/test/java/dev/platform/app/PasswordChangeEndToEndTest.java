package dev.platform.app;

import static dev.platform.app.Api.assertFieldError;
import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /users/{id}/password}: the owner changes their password with the current one; the new one logs in,
 * the old one no longer does, and every token issued before the change is refused (the answer carries a new one).
 */
class PasswordChangeEndToEndTest extends EndToEndTest {

    private Response change(TestUser user, String current, String next, String token) {
        return api.post(
                "/api/v1/users/" + user.id() + "/password",
                Map.of("current_password", current, "password", next),
                token);
    }

    private Response profile(TestUser user, String token) {
        return api.get("/api/v1/users/" + user.id(), token);
    }

    private Response login(TestUser user, String password) {
        return api.post("/api/v1/users/login", Map.of("email", user.email(), "password", password), null);
    }

    @Test
    void afterAChangeTheNewPasswordLogsInAndTheOldPasswordAndOldTokensAreRefused() {
        TestUser user = api.newUser("creator");
        String before = user.token();
        assertThat(profile(user, before).status()).isEqualTo(200);

        Response changed = change(user, user.password(), "a-new-password-" + Api.fresh(), before);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.text("token_type")).isEqualTo("bearer");
        String answered = changed.text("access_token");
        assertThat(Api.subject(answered)).isEqualTo(user.id());
        // The token the change was made with, and any other issued before it: refused at once.
        Response stale = profile(user, before);
        assertRefused(stale, 401, "UNAUTHENTICATED");
        assertThat(stale.header("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        // The answer's token works (issued in the change's second at the earliest, it names the cutoff).
        assertThat(profile(user, answered).status()).isEqualTo(200);
    }

    @Test
    void theNewPasswordLogsInTheOldOneNoLonger() {
        TestUser user = api.newUser("reader");
        String next = "another-password-" + Api.fresh();

        assertThat(change(user, user.password(), next, user.token()).status()).isEqualTo(200);

        assertRefused(login(user, user.password()), 401, "INVALID_CREDENTIALS");
        Response fresh = login(user, next);
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(profile(user, fresh.text("access_token")).status()).isEqualTo(200);
        assertRefused(profile(user, user.token()), 401, "UNAUTHENTICATED");
    }

    @Test
    void aWrongCurrentPasswordIs400NamingItAndChangesNothing() {
        TestUser user = api.newUser("reader");

        Response wrong = change(user, "not-the-password", "another-password-1", user.token());

        assertFieldError(wrong, "current_password");
        assertThat(profile(user, user.token()).status()).isEqualTo(200);
        assertThat(login(user, user.password()).status()).isEqualTo(200);
    }

    @Test
    void wrongCurrentPasswordsCountInTheLoginThrottle() {
        TestUser user = api.newUser("reader");

        for (int i = 0; i < 10; i++) {
            assertThat(change(user, "wrong-password-" + i, "another-password-1", user.token())
                            .status())
                    .isEqualTo(400);
        }

        Response locked = change(user, user.password(), "another-password-1", user.token());
        assertRefused(locked, 429, "RATE_LIMITED");
        assertThat(locked.header("Retry-After")).isPresent();
        assertRefused(login(user, user.password()), 429, "RATE_LIMITED");
    }

    @Test
    void theNewPasswordFollowsTheRegistrationRules() {
        TestUser user = api.newUser("reader");

        assertFieldError(change(user, user.password(), "short", user.token()), "password");
        assertFieldError(change(user, user.password(), "x".repeat(129), user.token()), "password");
        Response missing = api.post("/api/v1/users/" + user.id() + "/password", Map.of(), user.token());
        assertFieldError(missing, "current_password");
        assertFieldError(missing, "password");
        assertThat(profile(user, user.token()).status()).isEqualTo(200);
    }

    @Test
    void onlyTheOwnerMayChangeIt() {
        TestUser user = api.newUser("reader");
        TestUser other = api.newUser("creator");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);

        assertRefused(change(user, user.password(), "another-password-1", other.token()), 403, "FORBIDDEN");
        assertRefused(change(user, user.password(), "another-password-1", admin), 403, "FORBIDDEN");
        assertThat(change(user, user.password(), "another-password-1", null).status())
                .isEqualTo(401);
        assertThat(login(user, user.password()).status()).isEqualTo(200);
    }

    @Test
    void theProfilesETagStillWorksForIfMatchAfterAChange() {
        TestUser user = api.newUser("reader");
        String token = change(user, user.password(), "another-password-1", user.token())
                .text("access_token");

        String etag = profile(user, token).header("ETag").orElseThrow();
        Response update = api.request("PUT", "/api/v1/users/" + user.id())
                .token(token)
                .header("If-Match", etag)
                .json(Map.of("bio", "changed after the password"))
                .send();

        assertThat(update.status()).as(update.toString()).isEqualTo(200);
    }
}
