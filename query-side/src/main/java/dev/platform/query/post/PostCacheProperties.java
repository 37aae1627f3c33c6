package dev.platform.query.post;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.posts.cache.*}: the cache of post reads ({@link PostCache}) and the presence of the processes
 * that write {@code post_view} ({@link PostViewWriters}).
 *
 * @param enabled whether this process answers {@code GET /posts/{id}} from its cache while it is the only writer
 * @param size posts kept at most, the least used leaving first
 * @param lists pages of creators' lists ({@code GET /creators/{id}/posts}) kept at most, the least used leaving first
 * @param maxAge how long a cached post or page is answered at most before it is read again: a safety net, since every
 *     change of a post's row or of its view count made by this process removes it (a page: every page) at once
 * @param presenceInterval how often each writer records its heartbeat and looks for the others
 * @param presenceTimeout a writer whose heartbeat is older than this counts as gone; longer than the interval by
 *     a margin: a writer's own writes and cache stop {@code presence-timeout - presence-interval} after the start
 *     of its last heartbeat that succeeded
 * @param traceWrites each write told to the cache remembers where it began, so that one whose end never comes (it is
 *     counted as ended after 2 minutes, with a warning) names its caller in the log; for finding such a write only
 */
@ConfigurationProperties("platform.posts.cache")
record PostCacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10000") int size,
        @DefaultValue("1000") int lists,
        @DefaultValue("10s") Duration maxAge,
        @DefaultValue("1s") Duration presenceInterval,
        @DefaultValue("5s") Duration presenceTimeout,
        @DefaultValue("false") boolean traceWrites) {

    PostCacheProperties {
        if (presenceTimeout.compareTo(presenceInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(
                    "platform.posts.cache.presence-timeout must be at least twice presence-interval");
        }
    }

    /**
     * How long after the start of its last successful heartbeat a writer still trusts what it found: another
     * process counts it as gone only {@code presence-timeout} after that heartbeat.
     */
    Duration fence() {
        return presenceTimeout.minus(presenceInterval);
    }
}
