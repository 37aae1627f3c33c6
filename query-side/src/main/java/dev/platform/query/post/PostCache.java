package dev.platform.query.post;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.platform.api.post.PostId;
import dev.platform.infra.axon.RebuildTransactions;
import dev.platform.query.analytics.ViewCountWrites;
import dev.platform.query.user.UserViewWrites;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The posts {@code GET /posts/{id}} answered last, and the pages of creators' lists ({@code GET
 * /creators/{id}/posts}), kept in memory (Caffeine, bounded, each for at most {@code max-age}) while this process is
 * the only one that writes {@code post_view} ({@link PostViewWriters}). Every write of {@code post_view} goes through
 * {@link PostViewTable}, every change of a view count through the analytics table ({@link ViewCountWrites}), and every
 * write of {@code user_view} that can take a creator away through {@link UserViewWrites}; each tells the cache before
 * the statement and again when its transaction has ended.
 * So the cache knows every change while the process is alone, and a read never answers a post older than a change
 * committed before it began (read-your-writes, for a write through any process: while another writer is live nothing
 * is answered from here).
 *
 * <p>The rule that keeps a read from putting back what a write just changed: a read puts what it loaded only when no
 * write was open when it began, none is open when it puts, and none ended in between (one counter of open writes and
 * one of ended writes, under one lock; a write of any post counts, which under a stream of writes caches less but
 * never wrongly). A write removes its posts when it begins and when it ends. What is put belongs to the epoch of the
 * writers' presence in which it was loaded and is answered only in that epoch.
 *
 * <p>What the cache does not see, and {@code max-age} bounds: a change made behind the platform (SQL by hand, a
 * process of an earlier version), and the switch of a blue-green rebuild, which puts rows equal to the live ones in
 * every field the projection wrote the same way. View counts are recorded by the analytics consumers, which run in
 * the processes that run the posts projection: alone, this process records them all.
 */
public class PostCache implements ViewCountWrites, UserViewWrites {

    private static final Logger log = LoggerFactory.getLogger(PostCache.class);

    private final PostViewWriters writers;
    private final boolean enabled;
    private final Cache<UUID, Kept<PostViewTable.CurrentPost>> entries;
    private final Cache<PageKey, Kept<PostViewTable.CreatorPage>> pages;
    private final long maxAgeNanos;
    private final Object lock = new Object();
    private final boolean traceWrites;
    /** Writes of post_view begun and not ended, and writes ended so far: guarded by {@link #lock}. */
    private final Map<Long, OpenWrite> open = new HashMap<>();

    private long nextWrite;

    private long ended;

    /**
     * A write begun and not ended: when it began, on which thread and, with {@code trace-writes}, where. A write whose
     * thread has ended is counted as ended (its transaction, bound to that thread, can no longer commit), and so is one
     * whose end has not come after {@link #OPEN_LIMIT_NANOS} (both logged): no transaction of this process lives that
     * long (Axon's units of work are limited to 60 s), and counting it open for good would keep the cache from ever
     * keeping anything again.
     */
    private record OpenWrite(long began, Throwable trace, Thread thread) {}

    private static final long OPEN_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    /**
     * A post (views added since) or a page of a creator's list as loaded, the epoch it was loaded in, and when
     * (System.nanoTime).
     */
    private record Kept<V>(V value, long epoch, long loadedAt) {
        Kept<V> with(V changed) {
            return new Kept<>(changed, epoch, loadedAt);
        }
    }

    /** A page of a creator's list as asked for: the creator, the status (null: every status), limit and offset. */
    record PageKey(UUID creator, String status, int limit, int offset) {}

    PostCache(PostViewWriters writers, PostCacheProperties properties) {
        this.writers = writers;
        this.enabled = properties.enabled();
        this.traceWrites = properties.traceWrites();
        this.maxAgeNanos = properties.maxAge().toNanos();
        this.entries = Caffeine.newBuilder()
                .maximumSize(properties.size())
                // The age is checked on every hit (adding views replaces an entry, which Caffeine counts as a
                // write); expiry here only frees the memory of entries nobody reads.
                .expireAfterAccess(properties.maxAge())
                .build();
        this.pages = Caffeine.newBuilder()
                .maximumSize(properties.lists())
                .expireAfterAccess(properties.maxAge())
                .build();
    }

    /** No cache and no presence: every read is a load, every write goes ahead (a table used without Spring). */
    static PostCache none() {
        return new PostCache(
                null,
                new PostCacheProperties(
                        false,
                        1,
                        1,
                        java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofSeconds(2),
                        false));
    }

    /** The post as {@code load} reads it from {@code post_view}, or as cached when that is certain to be the same. */
    Optional<PostViewTable.CurrentPost> find(PostId id, Function<PostId, Optional<PostViewTable.CurrentPost>> load) {
        return find(entries, id.value(), () -> load.apply(id));
    }

    /**
     * The page of a creator's list as {@code load} reads it, or as cached when that is certain to be the same: every
     * write of {@code post_view} removes every page, and so does every write of {@code user_view} that can take a
     * creator away ({@link #writeUserView}). The page shows no view count: counted views leave it.
     */
    Optional<PostViewTable.CreatorPage> findPage(PageKey key, Supplier<Optional<PostViewTable.CreatorPage>> load) {
        return find(pages, key, load);
    }

    private <K, V> Optional<V> find(Cache<K, Kept<V>> cache, K key, Supplier<Optional<V>> load) {
        long epoch = enabled ? writers.aloneEpoch() : -1;
        if (epoch < 0) {
            return load.get();
        }
        Kept<V> hit = cache.getIfPresent(key);
        if (hit != null && hit.epoch() == epoch && System.nanoTime() - hit.loadedAt() < maxAgeNanos) {
            return Optional.of(hit.value());
        }
        long endedBefore;
        boolean keepable;
        long loadedAt = System.nanoTime();
        synchronized (lock) {
            keepable = openNow() == 0;
            endedBefore = ended;
        }
        // Loaded outside the lock: writes and other reads never wait for this read's query.
        Optional<V> found = load.get();
        if (!keepable) {
            return found;
        }
        found.ifPresent(value -> {
            synchronized (lock) {
                if (openNow() == 0 && ended == endedBefore && writers.aloneEpoch() == epoch) {
                    cache.put(key, new Kept<>(value, epoch, loadedAt));
                }
            }
        });
        return found;
    }

    /**
     * Runs a statement that adds page views to posts' counts (no event does): counted as an open write like any
     * other, but the cached posts stay and get the views added when the transaction commits, so that a post read
     * by many readers is not loaded again for every batch of their views.
     */
    @Override
    public void adding(Map<UUID, Long> viewsByPost, Runnable statement) {
        if (RebuildTransactions.current()) {
            statement.run();
            return;
        }
        tracked(
                () -> {},
                committed -> {
                    if (committed) {
                        viewsByPost.forEach((id, views) -> entries.asMap()
                                .computeIfPresent(
                                        id,
                                        (key, kept) -> kept.with(kept.value().withMoreViews(views))));
                    }
                },
                () -> {
                    statement.run();
                    return null;
                });
    }

    /**
     * Runs {@code statement}, which writes {@code post_view} rows of {@code posts} (null: every row), once this process
     * may write {@code post_view} ({@link PostViewWriters#awaitWritable()}): removes the posts and counts the write
     * open until its transaction ends (or the statement, without one). A rebuild's transaction ({@link
     * RebuildTransactions}) writes its own copy of the table: its statement just runs.
     */
    <T> T writePostView(Collection<UUID> posts, Supplier<T> statement) {
        if (RebuildTransactions.current()) {
            // A blue-green rebuild's copy of the table, not the one reads are answered from (its switch is not
            // seen here: the cache's max-age bounds that).
            return statement.get();
        }
        if (writers != null) {
            writers.awaitWritable();
        }
        return tracked(() -> remove(posts), committed -> remove(posts), statement);
    }

    /**
     * Runs {@code statement}, which writes {@code user_view} so that a creator's list can change (an erasure, the
     * table emptied): removes every page and counts the write open until its transaction ends.
     */
    @Override
    public <T> T writeUserView(Supplier<T> statement) {
        if (RebuildTransactions.current()) {
            return statement.get();
        }
        return tracked(this::removePages, committed -> removePages(), statement);
    }

    /**
     * Runs a write's {@code statement} counted open: {@code atBegin} once it is counted (from then on no read puts
     * anything until it ends), {@code atEnd} (committed or not) when it is over, before it is counted ended. Both run
     * outside the lock: while the write is counted open, no read puts anything back.
     */
    private <T> T tracked(Runnable atBegin, Consumer<Boolean> atEnd, Supplier<T> statement) {
        long write = begin();
        atBegin.run();
        return untilEnded(
                committed -> {
                    atEnd.accept(committed);
                    synchronized (lock) {
                        end(write);
                    }
                },
                statement);
    }

    /**
     * Runs a write's statement and tells {@code ended} (committed or not) when the write is over: when the caller's
     * transaction completes, or right after the statement when there is none.
     */
    private static <T> T untilEnded(Consumer<Boolean> ended, Supplier<T> statement) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    ended.accept(status == STATUS_COMMITTED);
                }
            });
            return statement.get();
        }
        boolean done = false;
        try {
            T result = statement.get();
            done = true;
            return result;
        } finally {
            ended.accept(done);
        }
    }

    /** Counts a write open; answers the write's number. */
    private long begin() {
        Throwable trace = traceWrites ? new Throwable("a write of post_view or of view counts began here") : null;
        synchronized (lock) {
            long write = nextWrite++;
            open.put(write, new OpenWrite(System.nanoTime(), trace, Thread.currentThread()));
            return write;
        }
    }

    /** The write is over (under the lock). */
    private void end(long write) {
        open.remove(write);
        ended++;
    }

    /** The writes open now (call under the lock), after counting those open past the limit as ended. */
    private int openNow() {
        if (!open.isEmpty()) {
            long now = System.nanoTime();
            open.values().removeIf(write -> {
                if (!write.thread().isAlive()) {
                    // Its transaction was bound to that thread: it can no longer commit, and no end will come.
                    log.warn(
                            "a write of post_view or of view counts lost its thread {} before its end: counted as"
                                    + " ended",
                            write.thread().getName(),
                            write.trace());
                    ended++;
                    return true;
                }
                if (now - write.began() < OPEN_LIMIT_NANOS) {
                    return false;
                }
                // Where its thread is now tells a write that is stuck (still in its statement or its transaction,
                // waiting for a lock, say) from one whose end was lost (the thread has gone on to other work).
                log.warn(
                        "a write of post_view or of view counts has not ended after 2 minutes: counted as ended;"
                                + " its thread {} is {} at {}",
                        write.thread().getName(),
                        write.thread().getState(),
                        top(write.thread().getStackTrace()),
                        write.trace());
                ended++;
                return true;
            });
        }
        return open.size();
    }

    /** The first frames of a stack, for a log line. */
    private static String top(StackTraceElement[] stack) {
        return Arrays.asList(stack).subList(0, Math.min(12, stack.length)).toString();
    }

    /** Writes begun and not ended now (a gauge: a count that never returns to 0 is a write whose end was lost). */
    int openWrites() {
        synchronized (lock) {
            return openNow();
        }
    }

    /** Whether reads may be answered from memory now (a gauge). */
    boolean answering() {
        return enabled && writers.aloneEpoch() >= 0;
    }

    /** Removes these posts (null: every post) and every page of a list. */
    private void remove(Collection<UUID> posts) {
        if (posts == null) {
            entries.invalidateAll();
        } else {
            entries.invalidateAll(posts);
        }
        removePages();
    }

    /** Every page of a list: a write of posts removes them all, so under a stream of writes there is rarely one. */
    private void removePages() {
        if (pages.estimatedSize() > 0) {
            pages.invalidateAll();
        }
    }
}
