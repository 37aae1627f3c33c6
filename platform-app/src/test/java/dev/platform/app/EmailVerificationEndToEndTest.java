package dev.platform.app;

import static dev.platform.app.Api.assertFieldError;
import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.api.user.UserId;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import dev.platform.infra.security.AccountTokenPurpose;
import dev.platform.infra.security.AccountTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code POST /users/verify-email}: the token of a verification link (signed here as the notification side signs
 * it into the e-mail) verifies the address without a login; the owner's profile then says so, others do not see
 * it; a second use answers the same 200; a forged, altered or other-purpose token is a 400 naming {@code token}.
 * {@code POST /users/{id}/verification-email}: the owner asks for another link, at most once a minute.
 */
class EmailVerificationEndToEndTest extends EndToEndTest {

    @Autowired
    AccountTokens tokens;

    private String token(TestUser user, AccountTokenPurpose purpose) {
        return tokens.sign(new UserId(UUID.fromString(user.id())), purpose, 1);
    }

    private Response verify(String token) {
        return api.post("/api/v1/users/verify-email", Map.of("token", token), null);
    }

    @Test
    void aNewAccountIsUnverifiedAndItsLinkVerifiesItForTheOwnersProfile() {
        TestUser user = api.newUser("reader");
        Response before = api.get("/api/v1/users/" + user.id(), user.token());
        assertThat(before.body().get("email_verified").asBoolean())
                .as(before.toString())
                .isFalse();

        Response verified = verify(token(user, AccountTokenPurpose.VERIFY_EMAIL));

        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.text("id")).isEqualTo(user.id());
        assertThat(verified.body().get("email_verified").asBoolean()).isTrue();
        Response after = api.get("/api/v1/users/" + user.id(), user.token());
        assertThat(after.body().get("email_verified").asBoolean())
                .as(after.toString())
                .isTrue();
        assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
    }

    @Test
    void othersDoNotSeeWhetherAnAddressIsVerified() {
        TestUser user = api.newUser("reader");
        TestUser other = api.newUser("reader");

        Response seen = api.get("/api/v1/users/" + user.id(), other.token());

        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().has("email_verified")).as(seen.toString()).isFalse();
    }

    @Test
    void usingTheLinkAgainAnswersTheSame200() {
        TestUser user = api.newUser("creator");
        String token = token(user, AccountTokenPurpose.VERIFY_EMAIL);
        assertThat(verify(token).status()).isEqualTo(200);

        Response again = verify(token);

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().get("email_verified").asBoolean()).isTrue();
    }

    @Test
    void alteredForeignAndOtherPurposeTokensAre400NamingTheTokenAndVerifyNothing() {
        TestUser user = api.newUser("reader");
        String token = token(user, AccountTokenPurpose.VERIFY_EMAIL);
        String altered = token.substring(0, 30) + (token.charAt(30) == 'A' ? 'B' : 'A') + token.substring(31);

        assertFieldError(verify(altered), "token");
        assertFieldError(verify(token(user, AccountTokenPurpose.PASSWORD_RESET)), "token");
        assertFieldError(
                verify(tokens.sign(new UserId(UUID.randomUUID()), AccountTokenPurpose.VERIFY_EMAIL, 1)), "token");
        assertFieldError(api.post("/api/v1/users/verify-email", Map.of(), null), "token");
        Response profile = api.get("/api/v1/users/" + user.id(), user.token());
        assertThat(profile.body().get("email_verified").asBoolean()).isFalse();
    }

    private Response resend(TestUser user, String token) {
        return api.request("POST", "/api/v1/users/" + user.id() + "/verification-email")
                .token(token)
                .send();
    }

    @Test
    void theOwnerGetsAnotherLinkOnceAMinuteAndA429WithRetryAfterSooner() {
        TestUser user = api.newUser("reader");

        Response first = resend(user, user.token());
        Response second = resend(user, user.token());

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.body().get("email_verified").asBoolean()).isFalse();
        assertRefused(second, 429, "RATE_LIMITED");
        long retryAfter = Long.parseLong(second.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 61L);
    }

    @Test
    void onlyTheOwnerMayAskForAnotherLink() {
        TestUser user = api.newUser("reader");
        TestUser other = api.newUser("creator");

        assertRefused(resend(user, other.token()), 403, "FORBIDDEN");
        assertRefused(resend(user, null), 401, "UNAUTHENTICATED");
    }

    @Test
    void aVerifiedAddressGetsNoOtherLink() {
        TestUser user = api.newUser("reader");
        assertThat(verify(token(user, AccountTokenPurpose.VERIFY_EMAIL)).status())
                .isEqualTo(200);

        Response resent = resend(user, user.token());

        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        assertThat(resent.body().get("email_verified").asBoolean()).isTrue();
    }
}
