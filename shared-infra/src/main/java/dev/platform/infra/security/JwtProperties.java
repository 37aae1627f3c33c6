package dev.platform.infra.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.jwt.*}: the HS256 secret (at least 32 bytes), the token lifetime and the issuer claim.
 * The default secret is for a developer's machine only; the {@code prod} profile refuses it. {@code
 * cutoff-poll-interval}: how often each process reads the password changes of other processes ({@link
 * RevokedTokens}); a token issued before a change is refused everywhere within about this long. {@code
 * verified-cache-size}: how many verified tokens each process remembers so as not to verify them again ({@link
 * VerifiedTokens}; 0: none).
 */
@ConfigurationProperties("platform.jwt")
public record JwtProperties(
        @DefaultValue(DEV_SECRET) String secret,
        @DefaultValue("1h") Duration ttl,
        @DefaultValue("creator-platform") String issuer,
        @DefaultValue("250ms") Duration cutoffPollInterval,
        @DefaultValue("10000") int verifiedCacheSize) {

    public static final String DEV_SECRET = "dev-only-secret-do-not-use-in-production-0123456789";
}
