package bench.peer;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The platform's HS256 token check as a plain service would write it (signature, algorithm, issuer, expiry), in
 * one place so that every route of the peer pays the same for it as the platform's routes pay for theirs.
 */
@Component
class PeerTokens {

    private static final String BEARER = "Bearer ";

    private final JwtParser tokens;

    PeerTokens(@Value("${platform.jwt.secret}") String secret, @Value("${platform.jwt.issuer}") String issuer) {
        this.tokens = Jwts.parser()
                .verifyWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)))
                .requireIssuer(issuer)
                .build();
    }

    /** The caller a valid token names, with their role. */
    record Caller(UUID id, String role) {}

    /** The caller of an {@code Authorization} header, or a 401. */
    Caller verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new Refused(HttpStatus.UNAUTHORIZED, "A bearer token is required.");
        }
        try {
            Jws<Claims> jws = tokens.parseSignedClaims(
                    authorization.substring(BEARER.length()).trim());
            Claims claims = jws.getPayload();
            if (!"HS256".equals(jws.getHeader().getAlgorithm())
                    || claims.getExpiration() == null
                    || claims.getIssuedAt() == null) {
                throw new Refused(HttpStatus.UNAUTHORIZED, "The access token is invalid.");
            }
            return new Caller(UUID.fromString(claims.getSubject()), claims.get("role", String.class));
        } catch (JwtException | IllegalArgumentException e) {
            throw new Refused(HttpStatus.UNAUTHORIZED, "The access token is invalid or expired.");
        }
    }

    /** Whether a text has 1 to {@code max} characters (code points), as the platform counts them. */
    static boolean within(String value, int max) {
        int length = value.codePointCount(0, value.length());
        return length >= 1 && length <= max;
    }
}
