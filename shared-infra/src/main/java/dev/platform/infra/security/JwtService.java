package dev.platform.infra.security;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/** Issues and verifies the API's access tokens: HS256, with {@code sub}, {@code role}, {@code iat}, {@code exp}, {@code iss}. */
@Component
public class JwtService {

    private static final Logger log = LoggerFactory.getLogger(JwtService.class);
    private static final String ALGORITHM = "HS256";

    private final SecretKey key;
    private final JwtProperties properties;
    private final Clock clock;
    private final VerifiedTokens verified;

    public JwtService(JwtProperties properties, Clock clock, Environment environment) {
        byte[] secret = properties.secret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("platform.jwt.secret must be at least 32 bytes, it has " + secret.length);
        }
        if (JwtProperties.DEV_SECRET.equals(properties.secret())) {
            if (environment.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException(
                        "platform.jwt.secret is the development default; the prod profile requires a real secret");
            }
            log.warn("*** platform.jwt.secret is the DEVELOPMENT DEFAULT: anyone can forge tokens. "
                    + "Set PLATFORM_JWT_SECRET before exposing this service. ***");
        }
        this.key = Keys.hmacShaKeyFor(secret);
        Arrays.fill(secret, (byte) 0);
        this.properties = properties;
        this.clock = clock;
        this.verified = new VerifiedTokens(properties.verifiedCacheSize());
    }

    /** A signed access token for this user, valid for {@code platform.jwt.ttl}. */
    public String issue(UserId userId, Role role) {
        return issue(userId, role, null);
    }

    /**
     * A signed access token for this user, valid for {@code platform.jwt.ttl}, issued no earlier than {@code
     * notBefore} (the user's token cutoff, {@link RevokedTokens}; {@code null}: none): in the second of a password
     * change the clock's own second would be refused, so the token names the cutoff's.
     */
    public String issue(UserId userId, Role role, Instant notBefore) {
        Instant now = clock.instant();
        Instant issuedAt = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        return Jwts.builder()
                .subject(userId.toString())
                .claim("role", role.apiName())
                .issuer(properties.issuer())
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(now.plus(properties.ttl())))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    JwtProperties properties() {
        return properties;
    }

    /** The token's lifetime in seconds, as answered in {@code expires_in}. */
    public long ttlSeconds() {
        return properties.ttl().toSeconds();
    }

    /**
     * Verifies signature, algorithm, issuer and expiry.
     *
     * @throws InvalidToken for anything but a valid token of ours
     */
    public AuthenticatedUser verify(String token) {
        return verifyWithIssueTime(token).user();
    }

    /** A verified token: who it names, and when it was issued ({@code iat}, whole seconds). */
    record VerifiedToken(AuthenticatedUser user, Instant issuedAt) {}

    /**
     * As {@link #verify}, with the token's issue time. A token verified before and not expired yet is answered from
     * {@link VerifiedTokens} without checking its signature again.
     */
    VerifiedToken verifyWithIssueTime(String token) {
        Instant now = clock.instant();
        VerifiedToken known = verified.find(token, now);
        if (known != null) {
            return known;
        }
        try {
            Jws<Claims> jws = Jwts.parser()
                    .verifyWith(key)
                    .requireIssuer(properties.issuer())
                    .clock(() -> Date.from(now))
                    .build()
                    .parseSignedClaims(token);
            if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
                throw new InvalidToken("unexpected algorithm");
            }
            Claims claims = jws.getPayload();
            if (claims.getExpiration() == null) {
                throw new InvalidToken("the token has no expiry");
            }
            if (claims.getIssuedAt() == null) {
                throw new InvalidToken("the token has no issue time");
            }
            Role role = Role.fromApiName(claims.get("role", String.class))
                    .orElseThrow(() -> new InvalidToken("unknown role"));
            VerifiedToken result = new VerifiedToken(
                    new AuthenticatedUser(UserId.of(claims.getSubject()), role),
                    claims.getIssuedAt().toInstant());
            verified.remember(token, result, claims.getExpiration().toInstant());
            return result;
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidToken(e.getMessage());
        }
    }

    /** The token was missing parts, tampered with, signed otherwise, or expired. */
    public static class InvalidToken extends RuntimeException {
        InvalidToken(String reason) {
            super(reason, null, false, false);
        }
    }
}
