package dev.platform.query.analytics;

import dev.platform.api.post.PostId;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The recorded page views ({@code analytics_post_view}) and their running count per post ({@code
 * analytics_view_count}): every statement on the two tables but the post read's join of the count. {@link
 * PageViewConsumer} records through it; the post reads ask here rather than query the tables themselves, so analytics
 * stays below the post package.
 */
@Component
public class PageViewTable implements PageViewTally {

    private final JdbcTemplate jdbc;
    private final ViewCountWrites countWrites;

    /** The table with nobody told of count changes (tests of the statements). */
    PageViewTable(JdbcTemplate jdbc) {
        this(jdbc, ViewCountWrites.NONE);
    }

    @Autowired
    PageViewTable(JdbcTemplate jdbc, ViewCountWrites countWrites) {
        this.jdbc = jdbc;
        this.countWrites = countWrites;
    }

    /** One page view as it arrived. */
    record View(UUID eventId, UUID userId, UUID postId, Instant timestamp) {}

    /**
     * Records page views in one statement and answers, per post, how many of them were new: a view whose event id
     * was recorded before (a redelivery, also twice in the same batch) is not.
     */
    Map<UUID, Long> record(List<View> views) {
        int n = views.size();
        Object[] events = new Object[n];
        Object[] posts = new Object[n];
        Object[] users = new Object[n];
        Object[] times = new Object[n];
        for (int i = 0; i < n; i++) {
            View view = views.get(i);
            events[i] = view.eventId();
            posts[i] = view.postId();
            users[i] = view.userId();
            times[i] = Timestamp.from(view.timestamp());
        }
        Map<UUID, Long> counted = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO analytics_post_view (event_id, post_id, user_id, viewed_at)"
                                    + " SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::timestamptz[])"
                                    + " ON CONFLICT (event_id) DO NOTHING RETURNING post_id");
                    insert.setArray(1, connection.createArrayOf("uuid", events));
                    insert.setArray(2, connection.createArrayOf("uuid", posts));
                    insert.setArray(3, connection.createArrayOf("uuid", users));
                    insert.setArray(4, connection.createArrayOf("timestamptz", times));
                    return insert;
                },
                rs -> {
                    counted.merge(rs.getObject(1, UUID.class), 1L, Long::sum);
                });
        return counted;
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

    /**
     * More page views recorded for these posts, inside the recording's transaction, in one statement (a post's first
     * views make its row). The rows are locked in the order of their ids, so two consumers counting overlapping
     * batches never deadlock.
     */
    @Override
    public void add(Map<UUID, Long> viewsByPost) {
        if (viewsByPost.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(viewsByPost.keySet());
        ids.sort(null);
        Long[] counts = ids.stream().map(viewsByPost::get).toArray(Long[]::new);
        countWrites.adding(
                viewsByPost,
                () -> jdbc.update(connection -> {
                    PreparedStatement upsert =
                            connection.prepareStatement("INSERT INTO analytics_view_count (post_id, view_count)"
                                    + " SELECT id, n FROM unnest(?::uuid[], ?::bigint[]) AS t(id, n) ORDER BY id"
                                    + " ON CONFLICT (post_id) DO UPDATE SET view_count = analytics_view_count.view_count"
                                    + " + EXCLUDED.view_count");
                    upsert.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                    upsert.setArray(2, connection.createArrayOf("bigint", counts));
                    return upsert;
                }));
    }
}
