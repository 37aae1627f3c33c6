package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class PlatformRateTest {

    /**
     * The shared bucket's rule in memory (refill at the rate, at most {@code capacity}, empty at first), counting
     * the takes: the database's part is {@code SharedRateBucketTest}'s.
     */
    private static final class MemoryBucket implements PlatformRate.Source {
        private final double ratePerNano;
        private final int capacity;
        private double tokens;
        private long refilledAt = System.nanoTime();
        final AtomicInteger takes = new AtomicInteger();

        MemoryBucket(double ratePerSecond, int capacity) {
            this.ratePerNano = ratePerSecond / TimeUnit.SECONDS.toNanos(1);
            this.capacity = capacity;
        }

        @Override
        public synchronized SharedRateBucket.Grant take(int wanted) {
            takes.incrementAndGet();
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAt) * ratePerNano);
            refilledAt = now;
            int granted = (int) Math.min(wanted, Math.floor(tokens));
            tokens -= granted;
            return new SharedRateBucket.Grant(granted, tokens);
        }
    }

    @Test
    void twoNodesWithManyWorkersTogetherStayWithinTheRatePlusThreeChunksInEverySecond() throws Exception {
        double rate = 2000;
        int chunk = PlatformRate.defaultChunk(rate);
        MemoryBucket bucket = new MemoryBucket(rate, PlatformRate.capacity(chunk));
        List<Long> spentAt = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
        List<Thread> workers = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            PlatformRate pace = new PlatformRate(bucket, rate, 0);
            for (int worker = 0; worker < 8; worker++) {
                workers.add(started(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            pace.acquire();
                            spentAt.add(System.nanoTime());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
        }
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(chunk).isEqualTo(40);
        int busiestSecond = busiestSecond(spentAt);
        // The bound, and 1 % for the moment between a token and its time being taken here (a busy machine may
        // preempt a thread in between); a rate per node would be 2 × 2000.
        assertThat(busiestSecond)
                .isLessThanOrEqualTo((int) ((rate + 3 * chunk) * 1.01))
                .isGreaterThanOrEqualTo(1500);
        // Tokens come in chunks: a few dozen trips a second per node whatever the rate, not one per e-mail.
        assertThat(bucket.takes.get()).isLessThan(spentAt.size() / 10);
        System.out.printf(
                "platform rate: %d spent in 2.5 s, busiest second %d, %d takes%n",
                spentAt.size(), busiestSecond, bucket.takes.get());
    }

    @Test
    void aNodeThatCannotReachTheBucketSendsNothingAndGoesOnOnceItCan() throws Exception {
        AtomicBoolean reachable = new AtomicBoolean(false);
        AtomicInteger takes = new AtomicInteger();
        PlatformRate pace = new PlatformRate(
                wanted -> {
                    takes.incrementAndGet();
                    if (!reachable.get()) {
                        throw new DataAccessResourceFailureException("database down");
                    }
                    return new SharedRateBucket.Grant(wanted, 0);
                },
                100,
                5);

        assertThatThrownBy(pace::acquire).isInstanceOf(DataAccessResourceFailureException.class);
        assertThatThrownBy(pace::acquire).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(takes.get()).isEqualTo(2);

        reachable.set(true);
        for (int i = 0; i < 5; i++) {
            pace.acquire();
        }
        assertThat(takes.get()).isEqualTo(3);
    }

    @Test
    void tokensNotSpentWithinTheHoldTimeAreDroppedAndTheNextTakeAsksOnlyForWhatWasSpent() throws Exception {
        AtomicLong now = new AtomicLong();
        List<Integer> asked = new ArrayList<>();
        // rate 100, chunk 5: a token must be spent within 50 ms of its take.
        PlatformRate pace = new PlatformRate(
                wanted -> {
                    asked.add(wanted);
                    return new SharedRateBucket.Grant(wanted, 0);
                },
                100,
                5,
                now::get);

        pace.acquire();
        pace.acquire();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(49));
        pace.acquire();
        assertThat(asked).containsExactly(5);

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
        pace.acquire();
        // The two tokens left were dropped; 3 of 5 spent, so 3 asked for.
        assertThat(asked).containsExactly(5, 3);
        pace.acquire();
        pace.acquire();
        pace.acquire();
        // All 3 spent: twice as many, capped at the chunk.
        assertThat(asked).containsExactly(5, 3, 5);
    }

    @Test
    void aShortBucketIsAskedAgainOnlyOnceItShouldHoldWhatWasAskedFor() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicInteger takes = new AtomicInteger();
        // The bucket grants 2 of 5, leaving 0.5: 4.5 more tokens at 100/s take 45 ms.
        PlatformRate pace = new PlatformRate(
                wanted -> {
                    takes.incrementAndGet();
                    return new SharedRateBucket.Grant(2, 0.5);
                },
                100,
                5,
                now::get);
        pace.acquire();
        pace.acquire();
        Thread third = started(() -> {
            try {
                pace.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        third.join(200);
        assertThat(third.isAlive()).isTrue();
        assertThat(takes.get()).isEqualTo(1);

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(45));
        third.join(10_000);
        assertThat(third.isAlive()).isFalse();
        assertThat(takes.get()).isEqualTo(2);
    }

    @Test
    void noRateMeansNoPacingAndNoTrips() throws Exception {
        PlatformRate pace = new PlatformRate(
                wanted -> {
                    throw new AssertionError("no trip without a rate");
                },
                0,
                0);
        for (int i = 0; i < 1000; i++) {
            pace.acquire();
        }
        assertThat(pace.enabled()).isFalse();
    }

    @Test
    void theDefaultChunkIsAFiftiethOfTheRateAndAtLeastOne() {
        assertThat(PlatformRate.defaultChunk(100)).isEqualTo(2);
        assertThat(PlatformRate.defaultChunk(2000)).isEqualTo(40);
        assertThat(PlatformRate.defaultChunk(30)).isEqualTo(1);
        assertThat(PlatformRate.defaultChunk(0.5)).isEqualTo(1);
        assertThat(new PlatformRate(wanted -> new SharedRateBucket.Grant(0, 0), 1000, 0).chunk())
                .isEqualTo(20);
        assertThat(new PlatformRate(wanted -> new SharedRateBucket.Grant(0, 0), 100, 7).chunk())
                .isEqualTo(7);
    }

    /** The most instants within any one second. */
    static int busiestSecond(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int most = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) >= TimeUnit.SECONDS.toNanos(1)) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }
}
