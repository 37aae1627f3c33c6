package dev.platform.query.analytics;

import java.util.Map;
import java.util.UUID;

/**
 * The running count of a post's page views ({@code analytics_view_count}), told by the consumer of each page view it
 * records for the first time, inside the recording's transaction, so a redelivered view counts once. Kept by
 * {@link PageViewTable}; an interface so that the consumer's tests can tell what it counts.
 */
public interface PageViewTally {

    /**
     * More page views of these posts were recorded: per post, how many (the consumer records a batch of views in one
     * transaction and tells their counts at once).
     */
    void add(Map<UUID, Long> viewsByPost);
}
