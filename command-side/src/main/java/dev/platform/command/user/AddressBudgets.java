package dev.platform.command.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A budget of requests per minute for each client address, in this process's memory. Each address may spend
 * its whole minute's budget at once and then one request per {@code 60 s / budget}, which is the
 * generic cell rate algorithm: per address only the instant at which its budget would be full again is kept.
 * At most {@code maxAddresses} addresses are remembered (least recently used go first, and an address unseen
 * for a minute has its full budget back anyway), so a flood of distinct addresses costs bounded memory; an
 * address pushed out starts again with a full budget.
 */
final class AddressBudgets {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final Ticker ticker;
    private final long interval;
    private final Cache<String, AtomicLong> fullAgainAt;

    AddressBudgets(int perMinute, long maxAddresses, Ticker ticker) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a budget of at least one request per minute is needed");
        }
        this.ticker = ticker;
        this.interval = MINUTE / perMinute;
        this.fullAgainAt = Caffeine.newBuilder()
                .maximumSize(maxAddresses)
                .expireAfterAccess(Duration.ofMinutes(1))
                .ticker(ticker)
                .build();
    }

    /**
     * Spends one request of this address's budget.
     *
     * @return empty when the request may go on; else the whole seconds (at least 1) until the next one may
     */
    OptionalLong spend(String address) {
        long now = ticker.read();
        AtomicLong full = fullAgainAt.get(address, key -> new AtomicLong(now));
        while (true) {
            long current = full.get();
            long next = Math.max(current, now) + interval;
            if (next - now > MINUTE) {
                long wait = next - now - MINUTE;
                return OptionalLong.of(Math.max(1, (wait + 999_999_999) / 1_000_000_000));
            }
            if (full.compareAndSet(current, next)) {
                return OptionalLong.empty();
            }
        }
    }
}
