package dev.platform.query.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.RebuildTransactions;
import dev.platform.infra.cluster.ClusterNode;
import dev.platform.query.QueryDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When a post read is answered from memory and when it must be loaded: the cache's rule against putting back what a
 * write changed, its epochs, and the end of a write told by its transaction. The writers' presence is real (a table
 * of the test's database), its clock the test's.
 */
class PostCacheTest {

    @RegisterExtension
    static final QueryDatabase database = new QueryDatabase();

    private static final PostCacheProperties PROPERTIES = new PostCacheProperties(
            true, 100, 10, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(5), false);

    private final AtomicLong clock = new AtomicLong();
    private final PostId post = new PostId(UUID.randomUUID());
    private final UUID other = UUID.randomUUID();
    private final AtomicInteger loads = new AtomicInteger();
    private PostViewWriters writers;
    private PostCache cache;
    private TransactionTemplate transactions;

    @BeforeEach
    void aloneWriter() {
        database.jdbc().update("DELETE FROM post_view_writer");
        writers = new PostViewWriters(
                database.jdbc(), new ClusterNode("node-" + UUID.randomUUID()), PROPERTIES, clock::get);
        writers.beat();
        cache = new PostCache(writers, PROPERTIES);
        transactions = new TransactionTemplate(
                new DataSourceTransactionManager(database.jdbc().getDataSource()));
    }

    private PostCache cacheWith(boolean enabled, Duration maxAge) {
        return new PostCache(
                writers,
                new PostCacheProperties(enabled, 100, 10, maxAge, Duration.ofSeconds(1), Duration.ofSeconds(5), false));
    }

    private Optional<PostViewTable.CurrentPost> load(PostId id) {
        loads.incrementAndGet();
        return Optional.of(new PostViewTable.CurrentPost(
                new PostView(
                        id,
                        new UserId(UUID.randomUUID()),
                        "t",
                        "c",
                        "published",
                        null,
                        null,
                        Instant.EPOCH,
                        Instant.EPOCH,
                        0),
                1));
    }

    private Optional<PostViewTable.CurrentPost> read() {
        return cache.find(post, this::load);
    }

    private Optional<PostViewTable.CurrentPost> read(Function<PostId, Optional<PostViewTable.CurrentPost>> load) {
        return cache.find(post, load);
    }

    private void writeOutsideATransaction(UUID id) {
        cache.writePostView(List.of(id), () -> null);
    }

    @Test
    void aPostIsLoadedOnceAndThenAnsweredFromMemory() {
        PostViewTable.CurrentPost first = read().orElseThrow();

        assertThat(read()).containsSame(first);
        assertThat(loads).hasValue(1);
    }

    @Test
    void aWriteOfThePostRemovesIt() {
        read();

        writeOutsideATransaction(post.value());

        read();
        assertThat(loads).hasValue(2);
    }

    @Test
    void whatWasLoadedWhileAWriteBeganAndEndedIsNotKept() {
        read(id -> {
            writeOutsideATransaction(other);
            return load(id);
        });

        read();
        assertThat(loads).as("loaded again").hasValue(2);
        read();
        assertThat(loads).as("kept by the second load").hasValue(2);
    }

    @Test
    void whatIsLoadedWhileAWriteIsOpenIsNotKept() {
        cache.writePostView(List.of(other), () -> {
            read();
            read();
            return null;
        });
        assertThat(loads).hasValue(2);

        read();
        read();
        assertThat(loads).hasValue(3);
    }

    @Test
    void aWriteInATransactionIsOpenUntilTheTransactionEnds() {
        read();

        transactions.executeWithoutResult(status -> {
            cache.writePostView(List.of(post.value()), () -> null);
            read();
            read();
            assertThat(loads)
                    .as("removed, and not kept while the write is open")
                    .hasValue(3);
        });

        read();
        read();
        assertThat(loads).hasValue(4);
    }

    private final AtomicInteger pageLoads = new AtomicInteger();
    private final PostCache.PageKey page = new PostCache.PageKey(UUID.randomUUID(), null, 20, 0);

    private Optional<PostViewTable.CreatorPage> readPage() {
        return cache.findPage(page, () -> {
            pageLoads.incrementAndGet();
            return Optional.of(new PostViewTable.CreatorPage(0, List.of()));
        });
    }

    @Test
    void aPageOfACreatorsListIsLoadedOnceAndRemovedByAWriteOfAnyPost() {
        PostViewTable.CreatorPage first = readPage().orElseThrow();
        assertThat(readPage()).containsSame(first);
        assertThat(pageLoads).hasValue(1);

        writeOutsideATransaction(other);

        readPage();
        assertThat(pageLoads).as("a post of any creator: every page goes").hasValue(2);
    }

    @Test
    void aWriteOfUserViewThatCanTakeACreatorAwayRemovesThePagesAndIsOpenUntilItsTransactionEnds() {
        readPage();
        read();

        transactions.executeWithoutResult(status -> {
            cache.writeUserView(() -> null);
            readPage();
            readPage();
            assertThat(pageLoads)
                    .as("removed, and not kept while the write is open")
                    .hasValue(3);
        });

        readPage();
        readPage();
        assertThat(pageLoads).hasValue(4);
        read();
        assertThat(loads).as("posts show nothing of user_view: they stay").hasValue(1);
    }

    @Test
    void countedViewsLeaveThePages() {
        readPage();

        cache.adding(Map.of(other, 3L), () -> {});

        readPage();
        assertThat(pageLoads).hasValue(1);
    }

    @Test
    void aWriteWhoseThreadEndedBeforeItsTransactionIsCountedAsEnded() throws Exception {
        // A thread that begins a write inside a transaction's synchronization and ends without completing it: the
        // transaction was bound to the thread, so it can never commit, and its end would never be told.
        Thread writer = new Thread(() -> {
            TransactionSynchronizationManager.initSynchronization();
            cache.writePostView(List.of(other), () -> null);
        });
        writer.start();
        writer.join(5_000);
        assertThat(writer.isAlive()).isFalse();

        assertThat(cache.openWrites()).isZero();
        read();
        read();
        assertThat(loads).as("kept again").hasValue(1);
    }

    @Test
    void aRebuildsTransactionWritesItsOwnCopyOfTheTableAndIsNeitherOpenNorARemoval() {
        read();
        TransactionTemplate rebuild = new TransactionTemplate(
                transactions.getTransactionManager(), RebuildTransactions.definition("rebuild_posts"));

        rebuild.executeWithoutResult(status -> {
            cache.writePostView(List.of(post.value()), () -> null);
            assertThat(cache.openWrites()).isZero();
            read();
        });

        assertThat(loads).as("still the first load").hasValue(1);
        transactions.executeWithoutResult(status -> {
            cache.writePostView(List.of(post.value()), () -> null);
            assertThat(cache.openWrites())
                    .as("a live write, in a transaction of another name")
                    .isOne();
        });
        read();
        assertThat(loads).hasValue(2);
    }

    @Test
    @Timeout(10)
    void viewsAddedByACommittedTransactionAreAddedToTheCachedPostWithoutALoadOrAWaitForThePresence() {
        read();
        clock.set(Duration.ofSeconds(4).toNanos());
        // Not certain to be alone any more, so not writable: views are counted all the same.
        transactions.executeWithoutResult(status -> cache.adding(Map.of(post.value(), 3L, other, 1L), () -> {}));
        clock.set(0);

        assertThat(read().orElseThrow().post().viewCount()).isEqualTo(3);
        assertThat(loads).hasValue(1);
    }

    @Test
    void viewsOfATransactionThatRolledBackAreNotAdded() {
        read();

        transactions.executeWithoutResult(status -> {
            cache.adding(Map.of(post.value(), 3L), () -> {});
            status.setRollbackOnly();
        });

        assertThat(read().orElseThrow().post().viewCount()).isZero();
    }

    @Test
    void whatWasLoadedWhileViewsWereCountedIsNotKept() {
        read(id -> {
            cache.adding(Map.of(other, 1L), () -> {});
            return load(id);
        });

        read();
        assertThat(loads).hasValue(2);
    }

    @Test
    void aPostIsLoadedAgainOnceItIsOlderThanTheMaximumAge() {
        PostCache young = cacheWith(true, Duration.ofMillis(200));
        young.find(post, this::load);
        young.find(post, this::load);
        assertThat(loads).hasValue(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> {
            young.find(post, this::load);
            return loads.get() == 2;
        });
    }

    @Test
    void aReadsQueryHoldsUpNoWriteWhetherOrNotAWriteIsOpen() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Function<PostId, Optional<PostViewTable.CurrentPost>> loadWhileAnotherThreadWrites = id -> {
                Future<?> write = writer.submit(() -> cache.writePostView(List.of(other), () -> null));
                try {
                    write.get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("a write waited for a read's query", e);
                }
                return load(id);
            };
            read(loadWhileAnotherThreadWrites);
            cache.writePostView(List.of(other), () -> read(loadWhileAnotherThreadWrites));
        } finally {
            writer.shutdownNow();
        }
        assertThat(loads).hasValue(2);
    }

    @Test
    void nothingIsAnsweredFromMemoryWhileTheWriterIsNotCertainToBeAlone() {
        read();
        clock.set(Duration.ofSeconds(4).toNanos());

        read();
        read();

        assertThat(loads).hasValue(3);
    }

    @Test
    void whatWasKeptInAnEarlierEpochIsNotAnswered() {
        read();
        clock.set(Duration.ofSeconds(6).toNanos());
        writers.beat();

        read();
        read();

        assertThat(loads).hasValue(2);
    }

    @Test
    void switchedOffEveryReadIsALoad() {
        PostCache off = cacheWith(false, Duration.ofMinutes(1));

        off.find(post, this::load);
        off.find(post, this::load);

        assertThat(loads).hasValue(2);
    }
}
