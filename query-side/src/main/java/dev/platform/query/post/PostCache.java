package dev.platform.query.post;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.platform.api.post.PostId;
import dev.platform.query.analytics.ViewCountWrites;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The posts {@code GET /posts/{id}} answered last, kept in memory (Caffeine, bounded, each for at most {@code
 * max-age}) while this process is the only one that writes {@code post_view} ({@link PostViewWriters}). Every write
 * of {@code post_view} goes through {@link PostViewTable}, and every change of a view count through the analytics
 * table ({@link ViewCountWrites}); both tell the cache before the statement and again when its transaction has ended.
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
public class PostCache implements ViewCountWrites {

    private final PostViewWriters writers;
    private final boolean enabled;
    private final Cache<UUID, Entry> entries;
    private final Object lock = new Object();
    /** Writes of post_view begun and not ended, and writes ended so far: guarded by {@link #lock}. */
    private int open;

    private long ended;

    private record Entry(PostViewTable.CurrentPost post, long epoch) {}

    PostCache(PostViewWriters writers, PostCacheProperties properties) {
        this.writers = writers;
        this.enabled = properties.enabled();
        this.entries = Caffeine.newBuilder()
                .maximumSize(properties.size())
                .expireAfterWrite(properties.maxAge())
                .build();
    }

    /** No cache and no presence: every read is a load, every write goes ahead (a table used without Spring). */
    static PostCache none() {
        return new PostCache(
                null,
                new PostCacheProperties(
                        false,
                        1,
                        java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofSeconds(2)));
    }

    /** The post as {@code load} reads it from {@code post_view}, or as cached when that is certain to be the same. */
    Optional<PostViewTable.CurrentPost> find(PostId id, Function<PostId, Optional<PostViewTable.CurrentPost>> load) {
        long epoch = enabled ? writers.aloneEpoch() : -1;
        if (epoch < 0) {
            return load.apply(id);
        }
        Entry hit = entries.getIfPresent(id.value());
        if (hit != null && hit.epoch() == epoch) {
            return Optional.of(hit.post());
        }
        long endedBefore;
        synchronized (lock) {
            if (open > 0) {
                return load.apply(id);
            }
            endedBefore = ended;
        }
        Optional<PostViewTable.CurrentPost> found = load.apply(id);
        found.ifPresent(post -> {
            synchronized (lock) {
                if (open == 0 && ended == endedBefore && writers.aloneEpoch() == epoch) {
                    entries.put(id.value(), new Entry(post, epoch));
                }
            }
        });
        return found;
    }

    /** Runs a statement that changes the view counts of {@code posts} (no event does): as a write of them. */
    @Override
    public <T> T changing(Collection<UUID> posts, Supplier<T> statement) {
        return write(posts, false, statement);
    }

    /**
     * Runs {@code statement}, which writes {@code post_view} rows of {@code posts} (null: every row), after this
     * process may write {@code post_view} ({@link PostViewWriters#awaitWritable()}).
     */
    <T> T writePostView(Collection<UUID> posts, Supplier<T> statement) {
        return write(posts, true, statement);
    }

    /**
     * Removes the posts and counts the write open until its transaction ends (or the statement, without one); a
     * gated write first waits until this process may write {@code post_view}.
     */
    private <T> T write(Collection<UUID> posts, boolean gated, Supplier<T> statement) {
        if (gated && writers != null) {
            writers.awaitWritable();
        }
        synchronized (lock) {
            open++;
            remove(posts);
        }
        boolean inTransaction = TransactionSynchronizationManager.isSynchronizationActive();
        if (inTransaction) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    ended(posts);
                }
            });
        }
        try {
            return statement.get();
        } finally {
            if (!inTransaction) {
                ended(posts);
            }
        }
    }

    private void ended(Collection<UUID> posts) {
        synchronized (lock) {
            remove(posts);
            open--;
            ended++;
        }
    }

    private void remove(Collection<UUID> posts) {
        if (posts == null) {
            entries.invalidateAll();
        } else {
            entries.invalidateAll(posts);
        }
    }
}
