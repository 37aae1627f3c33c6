package dev.platform.infra.security;

import dev.platform.api.user.UserId;
import dev.platform.infra.schedule.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * Access tokens issued before their user's last password change, refused on every node. The check runs on every
 * authenticated request, so it reads memory only ({@link TokenCutoffs}); each process polls {@code
 * token_not_before} for changes after the last one it saw, every {@code platform.jwt.cutoff-poll-interval} (250 ms:
 * an index look-up that finds nothing in the steady state), so a change made on another node is refused here within
 * that interval plus one query. The node that made the change knows it at once ({@link #learn}).
 *
 * <p>Clock granularity: {@code iat} has whole seconds. A change at {@code 12:00:05.300} refuses every token issued
 * before {@code 12:00:06} ({@link #notBeforeFor}), so no token issued before the change survives it; the tokens
 * issued after it (the answer of the change, a new login) carry an {@code iat} of at least that cutoff, a fraction of
 * a second ahead of the clock at most. Only the cutoff's second is compared with {@code iat}, so node clocks never
 * take part.
 *
 * <p>While the database is out of reach the copy stays as it was (a round that fails is logged, the next one comes)
 * and no password can be changed through this database either. The first load happens before the web server takes
 * requests.
 */
@Component
public class RevokedTokens extends PeriodicTask {

    // Kept beyond a token's lifetime, for a verifying clock behind the issuing one.
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final TokenCutoffTable table;
    private final TokenCutoffs cutoffs = new TokenCutoffs();
    private final Duration keep;
    private final Clock clock;
    // Only the polling thread (and start(), before it runs) reads and writes it.
    private long lastSeen;

    RevokedTokens(TokenCutoffTable table, JwtProperties properties, Clock clock) {
        super("token-cutoffs", properties.cutoffPollInterval());
        this.table = table;
        this.keep = properties.ttl().plus(CLOCK_MARGIN);
        this.clock = clock;
    }

    /** The cutoff of a password change made at {@code changedAt}: the next whole second. */
    public static Instant notBeforeFor(Instant changedAt) {
        return changedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /** Whether this user's token issued at {@code issuedAt} is refused. */
    public boolean refuses(UserId user, Instant issuedAt) {
        return cutoffs.refuses(user, issuedAt);
    }

    /** A change this node has just committed: refused here at once, before the next poll. */
    public void learn(UserId user, Instant notBefore) {
        cutoffs.learn(user, notBefore);
    }

    @Override
    public synchronized void start() {
        for (TokenCutoffTable.Cutoff cutoff :
                table.recentAndLatest(clock.instant().minus(keep))) {
            cutoffs.learn(cutoff.userId(), cutoff.notBefore());
            lastSeen = Math.max(lastSeen, cutoff.seq());
        }
        super.start();
    }

    /** Before the web server's lifecycle phase: no request is checked against an empty copy. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    protected void round() {
        for (TokenCutoffTable.Cutoff cutoff : table.after(lastSeen)) {
            cutoffs.learn(cutoff.userId(), cutoff.notBefore());
            lastSeen = cutoff.seq();
        }
        cutoffs.forgetBefore(clock.instant().minus(keep));
    }
}
