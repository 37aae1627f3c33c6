package dev.platform.notification;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces e-mails at a steady rate shared by all workers of this process: a token bucket that refills
 * {@code ratePerSecond} tokens a second and holds at most one second's worth. A rate of 0 or less lets
 * everything through.
 */
final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long refilledAt;

    TokenBucket(double ratePerSecond) {
        this.ratePerNano = ratePerSecond / TimeUnit.SECONDS.toNanos(1);
        this.capacity = Math.max(1, ratePerSecond);
        this.tokens = capacity;
        this.refilledAt = System.nanoTime();
    }

    /** Blocks until a token is available, then takes it. */
    void acquire() throws InterruptedException {
        if (ratePerNano <= 0) {
            return;
        }
        while (true) {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                tokens = Math.min(capacity, tokens + (now - refilledAt) * ratePerNano);
                refilledAt = now;
                if (tokens >= 1) {
                    tokens -= 1;
                    return;
                }
                waitNanos = (long) Math.ceil((1 - tokens) / ratePerNano);
            }
            LockSupport.parkNanos(waitNanos);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
