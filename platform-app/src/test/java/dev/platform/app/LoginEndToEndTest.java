package dev.platform.app;

import static dev.platform.app.Api.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Users" section, logging in: a bearer token with the contract's claims, one answer for a wrong
 * password and an unknown e-mail, the throttle after ten failures, and the operator account.
 */
class LoginEndToEndTest extends EndToEndTest {

    @Test
    void loginAnswersABearerTokenWithTheContractsClaims() throws Exception {
        TestUser user = api.newUser("creator");

        Response r = api.post(
                "/api/v1/users/login", Map.of("email", user.email().toUpperCase(), "password", user.password()), null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("token_type")).isEqualTo("bearer");
        assertThat(r.body().path("expires_in").asLong()).isEqualTo(3600);
        String[] parts = r.text("access_token").split("\\.");
        JsonNode header = Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("HS256");
        assertThat(claims.path("sub").asText()).isEqualTo(user.id());
        assertThat(claims.path("role").asText()).isEqualTo("creator");
        assertThat(claims.path("iss").asText()).isNotBlank();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        TestUser user = api.newUser("reader");

        Response wrongPassword =
                api.post("/api/v1/users/login", Map.of("email", user.email(), "password", "not-the-password"), null);
        Response unknownEmail = api.post(
                "/api/v1/users/login",
                Map.of("email", "nobody" + fresh() + "@example.com", "password", "whatever1"),
                null);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknownEmail.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(wrongPassword.text("detail")).isEqualTo(unknownEmail.text("detail"));
    }

    @Test
    void afterTenFailuresTheEleventhAttemptIsRefusedEvenWithTheRightPassword() {
        TestUser user = api.newUser("reader");
        for (int i = 0; i < 10; i++) {
            Response failure =
                    api.post("/api/v1/users/login", Map.of("email", user.email(), "password", "wrong-" + i), null);
            assertThat(failure.status()).isEqualTo(401);
        }

        Response eleventh =
                api.post("/api/v1/users/login", Map.of("email", user.email(), "password", user.password()), null);

        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(eleventh.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
        // Another account is not affected.
        TestUser other = api.newUser("reader");
        assertThat(api.post("/api/v1/users/login", Map.of("email", other.email(), "password", other.password()), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anUnknownEmailIsThrottledToo() {
        String email = "ghost" + fresh() + "@example.com";
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/api/v1/users/login", Map.of("email", email, "password", "guess-" + i), null)
                            .status())
                    .isEqualTo(401);
        }
        Response eleventh = api.post("/api/v1/users/login", Map.of("email", email, "password", "guess-x"), null);
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.header("Retry-After")).isPresent();
    }

    @Test
    void theOperatorAccountExistsWithRoleAdmin() throws Exception {
        String token = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        JsonNode claims = Api.JSON.readTree(
                Base64.getUrlDecoder().decode(token.split("\\.")[1].getBytes(StandardCharsets.US_ASCII)));

        Response profile = api.get("/api/v1/users/" + claims.path("sub").asText(), token);

        assertThat(claims.path("role").asText()).isEqualTo("admin");
        assertThat(profile.text("role")).isEqualTo("admin");
    }
}
