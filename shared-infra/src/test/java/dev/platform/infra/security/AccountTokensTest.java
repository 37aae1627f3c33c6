package dev.platform.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AccountTokensTest {

    private static final String KEY = "an-account-token-key-of-at-least-32-bytes-1";
    private static final String OLD_KEY = "an-older-account-token-key-of-at-least-32-bytes";
    private static final UserId USER = new UserId(UUID.fromString("3f2c1f9e-8f7a-4a55-9a4e-0c8d3b1e2a10"));
    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static AccountTokens tokens(Instant now, String secret, String... previous) {
        return new AccountTokens(
                new AccountTokenProperties(secret, List.of(previous), Duration.ofDays(7), Duration.ofMinutes(30)),
                new MockEnvironment(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aSignedTokenNamesItsUserPurposeRequestAndExpiry() {
        String token = tokens(NOW, KEY).sign(USER, AccountTokenPurpose.PASSWORD_RESET, 7);

        assertThat(token).hasSize(AccountTokens.LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(tokens(NOW, KEY).verify(token, AccountTokenPurpose.PASSWORD_RESET))
                .contains(new AccountToken(
                        USER, AccountTokenPurpose.PASSWORD_RESET, 7, NOW.plus(Duration.ofMinutes(30))));
    }

    @Test
    void aTokenIsRefusedForAnotherPurpose() {
        String verification = tokens(NOW, KEY).sign(USER, AccountTokenPurpose.VERIFY_EMAIL, 1);

        assertThat(tokens(NOW, KEY).verify(verification, AccountTokenPurpose.PASSWORD_RESET))
                .isEmpty();
        assertThat(tokens(NOW, KEY).verify(verification, AccountTokenPurpose.VERIFY_EMAIL))
                .isPresent();
    }

    @Test
    void aResetTokenExpiresAfterItsLifetime() {
        String token = tokens(NOW, KEY).sign(USER, AccountTokenPurpose.PASSWORD_RESET, 1);

        assertThat(tokens(NOW.plus(Duration.ofMinutes(29)), KEY).verify(token, AccountTokenPurpose.PASSWORD_RESET))
                .isPresent();
        assertThat(tokens(NOW.plus(Duration.ofMinutes(30)), KEY).verify(token, AccountTokenPurpose.PASSWORD_RESET))
                .isEmpty();
    }

    @Test
    void everyOneCharacterChangeIsRefused() {
        AccountTokens tokens = tokens(NOW, KEY);
        String token = tokens.sign(USER, AccountTokenPurpose.VERIFY_EMAIL, 3);
        for (int i = 0; i < token.length(); i++) {
            char original = token.charAt(i);
            char other = ALPHABET.charAt((ALPHABET.indexOf(original) + 1 + i % 63) % ALPHABET.length());
            String altered = token.substring(0, i) + other + token.substring(i + 1);
            assertThat(tokens.verify(altered, AccountTokenPurpose.VERIFY_EMAIL))
                    .as("character %d changed", i)
                    .isEmpty();
        }
    }

    @Test
    void malformedTokensAndTokensOfAnotherKeyAreRefused() {
        AccountTokens tokens = tokens(NOW, KEY);
        String token = tokens.sign(USER, AccountTokenPurpose.VERIFY_EMAIL, 1);

        assertThat(tokens.verify(token.substring(1), AccountTokenPurpose.VERIFY_EMAIL))
                .isEmpty();
        assertThat(tokens.verify(token + "A", AccountTokenPurpose.VERIFY_EMAIL)).isEmpty();
        assertThat(tokens.verify(null, AccountTokenPurpose.VERIFY_EMAIL)).isEmpty();
        assertThat(tokens.verify("=".repeat(AccountTokens.LENGTH), AccountTokenPurpose.VERIFY_EMAIL))
                .isEmpty();
        String foreign = tokens(NOW, "someone-elses-key-that-is-long-enough-too")
                .sign(USER, AccountTokenPurpose.VERIFY_EMAIL, 1);
        assertThat(tokens.verify(foreign, AccountTokenPurpose.VERIFY_EMAIL)).isEmpty();
    }

    @Test
    void afterARotationTokensOfTheListedOldKeyStillWork() {
        String old = tokens(NOW, OLD_KEY).sign(USER, AccountTokenPurpose.VERIFY_EMAIL, 1);

        assertThat(tokens(NOW, KEY, OLD_KEY).verify(old, AccountTokenPurpose.VERIFY_EMAIL))
                .isPresent();
        assertThat(tokens(NOW, KEY).verify(old, AccountTokenPurpose.VERIFY_EMAIL))
                .isEmpty();
    }

    @Test
    void aShortSecretAndTheDevelopmentDefaultUnderProdAreRefused() {
        assertThatThrownBy(() -> tokens(NOW, "too-short")).hasMessageContaining("at least 32 bytes");
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> new AccountTokens(
                        new AccountTokenProperties(
                                AccountTokenProperties.DEV_SECRET,
                                List.of(),
                                Duration.ofDays(7),
                                Duration.ofMinutes(30)),
                        prod,
                        Clock.systemUTC()))
                .hasMessageContaining("prod profile");
    }
}
