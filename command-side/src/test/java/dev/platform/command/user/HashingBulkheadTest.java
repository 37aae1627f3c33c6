package dev.platform.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.common.ErrorCode;
import dev.platform.infra.web.Overloaded;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class HashingBulkheadTest {

    /** A stand-in for Argon2 that records how many run at once and can be held until released. */
    static final class SlowEncoder implements PasswordEncoder {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered;

        SlowEncoder(int expectedEntries) {
            entered = new CountDownLatch(expectedEntries);
        }

        @Override
        public String encode(CharSequence raw) {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return "hash:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return encoded.equals(encode(raw));
        }
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private HashingBulkhead bulkhead(PasswordEncoder delegate, int slots, Duration timeout, int maxWaiting) {
        return new HashingBulkhead(delegate, new PasswordHashingProperties(slots, timeout, maxWaiting), meters);
    }

    @Test
    void noMoreThanTheConfiguredNumberRunAtOnceAndTheRestWaitForASlot() throws Exception {
        SlowEncoder slow = new SlowEncoder(2);
        HashingBulkhead bulkhead = bulkhead(slow, 2, Duration.ofSeconds(10), 100);

        List<Future<Boolean>> checks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            checks.add(threads.submit(() -> bulkhead.matches("pw", "hash:pw")));
        }
        assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();
        slow.release.countDown();

        for (Future<Boolean> check : checks) {
            assertThat(check.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(slow.mostAtOnce.get()).isEqualTo(2);
        assertThat(meters.get("platform.password.hashing")
                        .tag("operation", "verify")
                        .timer()
                        .count())
                .isEqualTo(8);
    }

    @Test
    void aRequestThatFindsNoSlotWithinTheTimeoutIs503WithRetryAfterAndHashesNothing() throws Exception {
        SlowEncoder slow = new SlowEncoder(1);
        HashingBulkhead bulkhead = bulkhead(slow, 1, Duration.ofMillis(200), 100);
        Future<String> holder = threads.submit(() -> bulkhead.encode("first"));
        assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> bulkhead.encode("second")).isInstanceOfSatisfying(Overloaded.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(e.retryAfterSeconds()).isEqualTo(1);
        });
        slow.release.countDown();
        assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("hash:first");
        assertThat(slow.mostAtOnce.get()).isEqualTo(1);
        assertThat(meters.get("platform.password.hashing.refused").counter().count())
                .isEqualTo(1);
        // The slot is free again.
        assertThat(bulkhead.matches("third", "hash:third")).isTrue();
    }

    @Test
    void whenMaxWaitingRequestsWaitAlreadyTheNextIsRefusedAtOnce() throws Exception {
        SlowEncoder slow = new SlowEncoder(1);
        HashingBulkhead bulkhead = bulkhead(slow, 1, Duration.ofSeconds(30), 1);
        threads.submit(() -> bulkhead.encode("holds the slot"));
        assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();
        Future<String> waiter = threads.submit(() -> bulkhead.encode("waits"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (meters.get("platform.password.hashing.waiting").gauge().value() < 1) {
            assertThat(System.nanoTime()).as("the second request waits").isLessThan(deadline);
            Thread.onSpinWait();
        }

        long started = System.nanoTime();
        assertThatThrownBy(() -> bulkhead.encode("one too many")).isInstanceOf(Overloaded.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        slow.release.countDown();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo("hash:waits");
    }
}
