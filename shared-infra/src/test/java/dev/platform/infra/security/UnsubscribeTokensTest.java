package dev.platform.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.user.UserId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class UnsubscribeTokensTest {

    private static final String KEY = "an-unsubscribe-key-of-at-least-32-bytes-1";
    private static final String OLD_KEY = "an-older-unsubscribe-key-of-at-least-32-bytes";
    private static final UserId READER = new UserId(UUID.fromString("3f2c1f9e-8f7a-4a55-9a4e-0c8d3b1e2a10"));
    private static final UserId CREATOR = new UserId(UUID.fromString("7d3f3b8e-6a4c-4a8e-9d5e-2f1c0b9a8e71"));
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static UnsubscribeTokens tokens(String secret, String... previous) {
        return new UnsubscribeTokens(new UnsubscribeProperties(secret, List.of(previous)), new MockEnvironment());
    }

    @Test
    void aSignedTokenNamesItsSubscriberAndCreator() {
        String token = tokens(KEY).sign(READER, CREATOR);

        assertThat(token).hasSize(UnsubscribeTokens.LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(tokens(KEY).verify(token)).contains(new UnsubscribeTarget(READER, CREATOR));
    }

    @Test
    void everyOneCharacterChangeIsRefused() {
        UnsubscribeTokens tokens = tokens(KEY);
        String token = tokens.sign(READER, CREATOR);
        for (int i = 0; i < token.length(); i++) {
            char original = token.charAt(i);
            char other = ALPHABET.charAt((ALPHABET.indexOf(original) + 1 + i % 63) % ALPHABET.length());
            String altered = token.substring(0, i) + other + token.substring(i + 1);
            assertThat(tokens.verify(altered)).as("character %d changed", i).isEmpty();
        }
    }

    @Test
    void truncatedExtendedMalformedAndMissingTokensAreRefused() {
        UnsubscribeTokens tokens = tokens(KEY);
        String token = tokens.sign(READER, CREATOR);

        assertThat(tokens.verify(token.substring(0, token.length() - 1))).isEmpty();
        assertThat(tokens.verify(token + "A")).isEmpty();
        assertThat(tokens.verify(token.replace(token.charAt(5), '+'))).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("=".repeat(UnsubscribeTokens.LENGTH))).isEmpty();
    }

    @Test
    void aTokenOfAnotherKeyIsRefused() {
        String foreign = tokens("someone-elses-key-that-is-long-enough-too").sign(READER, CREATOR);

        assertThat(tokens(KEY).verify(foreign)).isEmpty();
    }

    @Test
    void afterARotationOldLinksWorkWhileTheirKeyIsListedAndNewOnesUseTheNewKey() {
        String old = tokens(OLD_KEY).sign(READER, CREATOR);
        UnsubscribeTokens rotated = tokens(KEY, OLD_KEY);

        assertThat(rotated.verify(old)).contains(new UnsubscribeTarget(READER, CREATOR));
        String fresh = rotated.sign(READER, CREATOR);
        assertThat(fresh).isNotEqualTo(old);
        assertThat(tokens(KEY).verify(fresh)).isPresent();
        assertThat(tokens(OLD_KEY).verify(fresh)).isEmpty();
        assertThat(tokens(KEY).verify(old)).as("the old key dropped").isEmpty();
    }

    @Test
    void aShortSecretAndTheDevelopmentDefaultUnderProdAreRefused() {
        assertThatThrownBy(() -> tokens("too-short")).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> tokens(KEY, "short")).hasMessageContaining("previous-secrets");
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> new UnsubscribeTokens(
                        new UnsubscribeProperties(UnsubscribeProperties.DEV_SECRET, List.of()), prod))
                .hasMessageContaining("development default");
        assertThat(tokens(UnsubscribeProperties.DEV_SECRET).sign(READER, CREATOR))
                .hasSize(UnsubscribeTokens.LENGTH);
    }
}
