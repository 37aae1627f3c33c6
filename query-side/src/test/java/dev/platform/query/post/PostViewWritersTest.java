package dev.platform.query.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.infra.cluster.ClusterNode;
import dev.platform.query.QueryDatabase;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * The presence of the writers of {@code post_view} over a real table, each writer's clock in the test's hands (the
 * database's clock is real): interval 1 s, timeout 5 s, so a fence of 4 s.
 */
class PostViewWritersTest {

    @RegisterExtension
    static final QueryDatabase database = new QueryDatabase();

    private static final PostCacheProperties PROPERTIES = new PostCacheProperties(
            true, 100, 10, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5), false);

    private final AtomicLong clockA = new AtomicLong();
    private final AtomicLong clockB = new AtomicLong();

    @BeforeEach
    void noWriters() {
        database.jdbc().update("DELETE FROM post_view_writer");
    }

    private PostViewWriters writer(AtomicLong clock) {
        return new PostViewWriters(
                database.jdbc(), new ClusterNode("node-" + UUID.randomUUID()), PROPERTIES, clock::get);
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }

    @Test
    void aWriterAloneMayWriteAtOnceAndCachesUntilItsFenceRunsOut() {
        PostViewWriters a = writer(clockA);
        assertThat(a.mayWrite()).as("no heartbeat yet").isFalse();
        assertThat(a.aloneEpoch()).isNegative();

        a.beat();

        assertThat(a.mayWrite()).isTrue();
        long epoch = a.aloneEpoch();
        assertThat(epoch).isNotNegative();
        clockA.set(seconds(3.9));
        assertThat(a.aloneEpoch()).isEqualTo(epoch);
        assertThat(a.mayWrite()).isTrue();
        clockA.set(seconds(4));
        assertThat(a.aloneEpoch()).as("fence run out without a heartbeat").isNegative();
        assertThat(a.mayWrite()).isFalse();
    }

    @Test
    void aSecondWriterWaitsOutTheFenceBeforeItsFirstWriteAndTheFirstStopsCachingAtItsNextHeartbeat() {
        PostViewWriters a = writer(clockA);
        PostViewWriters b = writer(clockB);
        a.beat();
        long epoch = a.aloneEpoch();

        b.beat();

        assertThat(b.aloneEpoch()).isNegative();
        assertThat(b.mayWrite()).as("A may still be answering from its cache").isFalse();
        // A's last heartbeat before B's started at 0: its cache is over by 4 s, and B writes from 4 s after its own.
        clockB.set(seconds(3.9));
        b.beat();
        assertThat(b.mayWrite()).isFalse();
        clockB.set(seconds(4));
        assertThat(b.mayWrite()).isTrue();
        assertThat(a.aloneEpoch()).isEqualTo(epoch);

        clockA.set(seconds(1));
        a.beat();
        assertThat(a.aloneEpoch()).as("A has seen B").isNegative();
        assertThat(a.mayWrite()).isTrue();
    }

    @Test
    void aWriterThatFindsTheOtherGoneIsAloneInANewEpochAndOneThatFindsNobodyWritesAtOnce() {
        ClusterNode nodeA = new ClusterNode("node-" + UUID.randomUUID());
        PostViewWriters a = new PostViewWriters(database.jdbc(), nodeA, PROPERTIES, clockA::get);
        a.beat();
        long before = a.aloneEpoch();
        writer(clockB).beat();
        a.beat();
        assertThat(a.aloneEpoch()).isNegative();

        // B's heartbeat is 6 s old: gone.
        database.jdbc()
                .update(
                        "UPDATE post_view_writer SET last_seen = now() - interval '6 seconds' WHERE node_id <> ?",
                        nodeA.id());
        clockA.set(seconds(1));
        a.beat();

        assertThat(a.aloneEpoch()).isGreaterThan(before);
        database.jdbc().update("DELETE FROM post_view_writer");
        PostViewWriters c = writer(new AtomicLong());
        c.beat();
        assertThat(c.mayWrite()).as("nobody else live: no wait").isTrue();
    }

    @Test
    void aHeartbeatAfterALapseStartsANewEpoch() {
        PostViewWriters a = writer(clockA);
        a.beat();
        long first = a.aloneEpoch();
        clockA.set(seconds(1));
        a.beat();
        assertThat(a.aloneEpoch()).as("unbroken").isEqualTo(first);

        clockA.set(seconds(6));
        a.beat();

        assertThat(a.aloneEpoch())
                .as("what another writer did in the lapse was not seen")
                .isGreaterThan(first);
    }

    @Test
    void aWriteWaitsForTheHeartbeatAtMostTheTimeoutThenFailsAsAnAbsentDatabase() {
        PostViewWriters never = new PostViewWriters(
                database.jdbc(),
                new ClusterNode("node-" + UUID.randomUUID()),
                new PostCacheProperties(
                        true, 100, 10, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(300), false),
                System::nanoTime);
        long started = System.nanoTime();

        assertThatThrownBy(never::awaitWritable).isInstanceOf(TransientDataAccessResourceException.class);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(250L, 5_000L);
    }

    @Test
    void aNewcomersWriteWaitsOutItsFenceAndThenGoesAhead() {
        PostCacheProperties fast = new PostCacheProperties(
                true, 100, 10, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(400), false);
        PostViewWriters a = new PostViewWriters(
                database.jdbc(), new ClusterNode("node-" + UUID.randomUUID()), fast, System::nanoTime);
        PostViewWriters b = new PostViewWriters(
                database.jdbc(), new ClusterNode("node-" + UUID.randomUUID()), fast, System::nanoTime);
        a.start();
        b.start();
        try {
            long started = System.nanoTime();

            b.awaitWritable();

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .as("the fence, 300 ms from B's first heartbeat")
                    .isBetween(200L, 5_000L);
        } finally {
            a.stop();
            b.stop();
        }
    }
}
