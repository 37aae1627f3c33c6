package dev.platform.query.analytics;

import dev.platform.api.post.PostId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The recorded page views ({@code analytics_post_view}): every statement on the table. {@link PageViewConsumer}
 * records through it; the post reads ask here rather than query the table themselves, so analytics stays below the
 * post package.
 */
@Component
public class PageViewTable {

    private final JdbcTemplate jdbc;

    PageViewTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records one page view; false when its event id was recorded before (a redelivery). */
    boolean record(UUID eventId, UUID postId, UUID userId, Instant viewedAt) {
        return jdbc.update(
                        "INSERT INTO analytics_post_view (event_id, post_id, user_id, viewed_at) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (event_id) DO NOTHING",
                        eventId,
                        postId,
                        userId,
                        Timestamp.from(viewedAt))
                == 1;
    }

    /** A post's page views and the distinct readers behind them. */
    public record Counts(long views, long uniqueViewers) {}

    public Counts of(PostId post) {
        return jdbc.queryForObject(
                "SELECT count(*), count(DISTINCT user_id) FROM analytics_post_view WHERE post_id = ?",
                (rs, row) -> new Counts(rs.getLong(1), rs.getLong(2)),
                post.value());
    }

    /** The page views recorded up to and including {@code instant} (a past version's {@code view_count}). */
    public long upTo(PostId post, Instant instant) {
        Long views = jdbc.queryForObject(
                "SELECT count(*) FROM analytics_post_view WHERE post_id = ? AND viewed_at <= ?",
                Long.class,
                post.value(),
                Timestamp.from(instant));
        return views == null ? 0 : views;
    }
}
