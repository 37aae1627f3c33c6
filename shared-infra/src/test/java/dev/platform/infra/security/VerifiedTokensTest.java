package dev.platform.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/** The cache of verified tokens never outlives a token's expiry nor lets a revoked token through. */
class VerifiedTokensTest {

    private static final UserId ADA = new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final Instant START = Instant.parse("2026-12-06T08:00:00.250Z");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final JwtService jwt = new JwtService(
            new JwtProperties(JwtProperties.DEV_SECRET, Duration.ofMinutes(10), "test", Duration.ofMillis(250), 100),
            clock,
            new MockEnvironment());

    @Test
    void aCachedTokenIsRefusedOnceItHasExpired() {
        String token = jwt.issue(ADA, Role.READER);
        assertThat(jwt.verify(token).id()).isEqualTo(ADA);
        clock.now = START.plus(Duration.ofMinutes(9));
        assertThat(jwt.verify(token).id()).isEqualTo(ADA);

        clock.now = START.plus(Duration.ofMinutes(10)).plusSeconds(1);

        assertThatThrownBy(() -> jwt.verify(token)).isInstanceOf(JwtService.InvalidToken.class);
    }

    @Test
    void aCachedTokenIsRefusedInTheSecondItExpires() {
        VerifiedTokens cache = new VerifiedTokens(10);
        JwtService.VerifiedToken verified =
                new JwtService.VerifiedToken(new AuthenticatedUser(ADA, Role.READER), START);
        Instant expiry = Instant.parse("2026-12-06T08:10:00Z");
        cache.remember("t", verified, expiry);

        assertThat(cache.find("t", expiry.minusMillis(1))).isEqualTo(verified);
        assertThat(cache.find("t", expiry)).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void onlyTheWholeTokenHits() {
        String token = jwt.issue(ADA, Role.READER);
        jwt.verify(token);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        assertThatThrownBy(() -> jwt.verify(tampered)).isInstanceOf(JwtService.InvalidToken.class);
    }

    @Test
    void theCacheIsBounded() {
        VerifiedTokens cache = new VerifiedTokens(5);
        JwtService.VerifiedToken verified =
                new JwtService.VerifiedToken(new AuthenticatedUser(ADA, Role.READER), START);
        for (int i = 0; i < 50; i++) {
            cache.remember("token-" + i, verified, START.plusSeconds(600));
        }

        assertThat(cache.size()).isLessThanOrEqualTo(5);
    }

    @Test
    void aCachedTokenIsStillRefusedAfterAPasswordChangeOfItsUser() throws Exception {
        RevokedTokens revoked = new RevokedTokens(null, jwt.properties(), clock);
        BearerTokenFilter filter = new BearerTokenFilter(jwt, revoked);
        String token = jwt.issue(ADA, Role.READER);
        assertThat(authenticates(filter, token)).isTrue();
        assertThat(authenticates(filter, token)).isTrue();

        clock.now = START.plusSeconds(5);
        revoked.learn(ADA, RevokedTokens.notBeforeFor(clock.instant()));

        assertThat(authenticates(filter, token)).isFalse();
        assertThat(authenticates(filter, jwt.issue(ADA, Role.READER, RevokedTokens.notBeforeFor(clock.instant()))))
                .isTrue();
    }

    private static boolean authenticates(BearerTokenFilter filter, String token) throws Exception {
        SecurityContextHolder.clearContext();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/posts/x");
        request.addHeader("Authorization", "Bearer " + token);
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        boolean authenticated = SecurityContextHolder.getContext().getAuthentication() != null;
        SecurityContextHolder.clearContext();
        return authenticated;
    }
}
