package dev.platform.infra.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.account-tokens.*}: the key and lifetimes of the tokens in account e-mails ({@link AccountTokens}),
 * separate from the JWT and unsubscribe secrets so each can be rotated alone.
 *
 * @param secret signs new tokens; at least 32 bytes. The default is for a developer's machine only; the {@code prod}
 *     profile refuses it
 * @param previousSecrets still accepted when a token is checked, never used to sign (a rotation keeps the e-mails
 *     already sent working until their tokens expire)
 * @param verifyTtl how long an address verification link is valid
 * @param resetTtl how long a password reset token is valid
 */
@ConfigurationProperties("platform.account-tokens")
public record AccountTokenProperties(
        @DefaultValue(DEV_SECRET) String secret,
        @DefaultValue List<String> previousSecrets,
        @DefaultValue("7d") Duration verifyTtl,
        @DefaultValue("30m") Duration resetTtl) {

    public static final String DEV_SECRET = "dev-only-account-token-secret-do-not-use-in-production-0123";

    /** How long a token of this purpose is valid. */
    public Duration ttl(AccountTokenPurpose purpose) {
        return switch (purpose) {
            case VERIFY_EMAIL -> verifyTtl;
            case PASSWORD_RESET -> resetTtl;
        };
    }
}
