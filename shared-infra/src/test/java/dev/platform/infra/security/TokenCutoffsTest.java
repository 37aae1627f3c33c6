package dev.platform.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class TokenCutoffsTest {

    private static final UserId ADA = new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final UserId BOB = new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
    private static final Instant CHANGE = Instant.parse("2026-11-25T12:00:05.300Z");

    @Test
    void theCutoffOfAChangeIsTheNextWholeSecond() {
        assertThat(RevokedTokens.notBeforeFor(CHANGE)).isEqualTo(Instant.parse("2026-11-25T12:00:06Z"));
        assertThat(RevokedTokens.notBeforeFor(Instant.parse("2026-11-25T12:00:05Z")))
                .isEqualTo(Instant.parse("2026-11-25T12:00:06Z"));
    }

    @Test
    void tokensOfTheChangesSecondAndBeforeAreRefusedLaterOnesPass() {
        TokenCutoffs cutoffs = new TokenCutoffs();
        cutoffs.learn(ADA, RevokedTokens.notBeforeFor(CHANGE));

        assertThat(cutoffs.refuses(ADA, Instant.parse("2026-11-25T12:00:04Z"))).isTrue();
        // iat 12:00:05 may be a token issued at 12:00:05.100, before the change.
        assertThat(cutoffs.refuses(ADA, Instant.parse("2026-11-25T12:00:05Z"))).isTrue();
        assertThat(cutoffs.refuses(ADA, Instant.parse("2026-11-25T12:00:06Z"))).isFalse();
        assertThat(cutoffs.refuses(BOB, Instant.parse("2026-11-25T12:00:04Z"))).isFalse();
    }

    @Test
    void aCutoffOnlyRises() {
        TokenCutoffs cutoffs = new TokenCutoffs();
        cutoffs.learn(ADA, Instant.parse("2026-11-25T12:00:10Z"));
        cutoffs.learn(ADA, Instant.parse("2026-11-25T12:00:06Z"));

        assertThat(cutoffs.refuses(ADA, Instant.parse("2026-11-25T12:00:08Z"))).isTrue();
    }

    @Test
    void cutoffsOlderThanTheHorizonAreForgotten() {
        TokenCutoffs cutoffs = new TokenCutoffs();
        cutoffs.learn(ADA, Instant.parse("2026-11-25T11:00:00Z"));
        cutoffs.learn(BOB, Instant.parse("2026-11-25T12:00:00Z"));

        cutoffs.forgetBefore(Instant.parse("2026-11-25T11:30:00Z"));

        assertThat(cutoffs.size()).isEqualTo(1);
        assertThat(cutoffs.refuses(BOB, Instant.parse("2026-11-25T11:59:59Z"))).isTrue();
    }

    @Test
    void aTokenIssuedInTheSecondOfAChangeNamesTheCutoffAndPasses() {
        Clock clock = Clock.fixed(CHANGE.plusMillis(200), ZoneOffset.UTC);
        JwtService jwt = new JwtService(
                new JwtProperties(JwtProperties.DEV_SECRET, Duration.ofHours(1), "test", Duration.ofMillis(250), 100),
                clock,
                new MockEnvironment());
        Instant cutoff = RevokedTokens.notBeforeFor(CHANGE);
        TokenCutoffs cutoffs = new TokenCutoffs();
        cutoffs.learn(ADA, cutoff);

        JwtService.VerifiedToken plain = jwt.verifyWithIssueTime(jwt.issue(ADA, Role.READER));
        JwtService.VerifiedToken afterChange = jwt.verifyWithIssueTime(jwt.issue(ADA, Role.READER, cutoff));

        assertThat(plain.issuedAt()).isEqualTo(Instant.parse("2026-11-25T12:00:05Z"));
        assertThat(cutoffs.refuses(ADA, plain.issuedAt())).isTrue();
        assertThat(afterChange.issuedAt()).isEqualTo(cutoff);
        assertThat(afterChange.user().id()).isEqualTo(ADA);
        assertThat(cutoffs.refuses(ADA, afterChange.issuedAt())).isFalse();
    }

    @Test
    void aPastCutoffDoesNotMoveTheIssueTime() {
        Clock clock = Clock.fixed(CHANGE.plusSeconds(3600), ZoneOffset.UTC);
        JwtService jwt = new JwtService(
                new JwtProperties(JwtProperties.DEV_SECRET, Duration.ofHours(1), "test", Duration.ofMillis(250), 100),
                clock,
                new MockEnvironment());

        Instant issued = jwt.verifyWithIssueTime(jwt.issue(ADA, Role.READER, RevokedTokens.notBeforeFor(CHANGE)))
                .issuedAt();

        assertThat(issued).isEqualTo(CHANGE.plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
