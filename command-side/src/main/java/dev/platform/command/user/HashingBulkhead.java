package dev.platform.command.user;

import dev.platform.infra.web.Overloaded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that runs at most {@code max-concurrent} hashes and checks at once. A request waits for a
 * slot (first come, first served) up to {@code acquire-timeout}; when none frees up in time, or when
 * {@code max-waiting} requests are already waiting, it is refused with {@link Overloaded} (503 with
 * {@code Retry-After}) before any memory is taken. Metrics: {@code platform.password.hashing} (a timer per
 * {@code operation}, encode or verify: how many ran and how long), {@code platform.password.hashing.refused},
 * and the gauges {@code platform.password.hashing.active} and {@code .waiting}.
 */
final class HashingBulkhead implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiting;
    private final Duration acquireTimeout;
    private final long retryAfterSeconds;
    private final Timer encodes;
    private final Timer verifications;
    private final Counter refused;

    HashingBulkhead(PasswordEncoder delegate, PasswordHashingProperties properties, MeterRegistry meters) {
        this.delegate = delegate;
        int capacity = properties.slots();
        this.slots = new Semaphore(capacity, true);
        this.maxWaiting = properties.maxWaiting();
        this.acquireTimeout = properties.acquireTimeout();
        // By then the waiters ahead have been served or refused: asking again sooner would likely be refused again.
        this.retryAfterSeconds = Math.max(1, (acquireTimeout.toMillis() + 999) / 1000);
        this.encodes = Timer.builder("platform.password.hashing")
                .tag("operation", "encode")
                .register(meters);
        this.verifications = Timer.builder("platform.password.hashing")
                .tag("operation", "verify")
                .register(meters);
        this.refused = Counter.builder("platform.password.hashing.refused")
                .description("hashes and checks refused with 503 because every slot stayed busy")
                .register(meters);
        Gauge.builder("platform.password.hashing.active", slots, s -> capacity - s.availablePermits())
                .register(meters);
        Gauge.builder("platform.password.hashing.waiting", waiting, AtomicInteger::get)
                .register(meters);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return inSlot(encodes, () -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return inSlot(verifications, () -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T inSlot(Timer timer, Supplier<T> hashing) {
        acquire();
        try {
            return timer.record(hashing);
        } finally {
            slots.release();
        }
    }

    private void acquire() {
        boolean acquired;
        try {
            if (waiting.incrementAndGet() > maxWaiting) {
                throw busy();
            }
            // The timed form, even for a zero wait, keeps the order fair: no newcomer overtakes a waiting request.
            acquired = slots.tryAcquire(acquireTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } finally {
            waiting.decrementAndGet();
        }
        if (!acquired) {
            throw busy();
        }
    }

    private Overloaded busy() {
        refused.increment();
        return new Overloaded(
                "Too many password checks at once; retry after " + retryAfterSeconds + " s.", retryAfterSeconds);
    }
}
