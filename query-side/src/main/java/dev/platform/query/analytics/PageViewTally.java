package dev.platform.query.analytics;

import java.util.Map;
import java.util.UUID;

/**
 * The running count of a post's page views kept beside the post ({@code post_view.view_count}), told by the
 * consumer of each page view it records for the first time, inside the recording's transaction, so a redelivered
 * view counts once. An interface owned here, implemented by the post package, so that analytics depends on no post
 * class: the post reads depend on analytics ({@link PageViews}, {@link PageViewTable}), and a dependency back would
 * be a package cycle.
 */
public interface PageViewTally {

    /**
     * More page views of these posts were recorded: per post, how many (the consumer records a batch of views in one
     * transaction and tells their counts at once).
     */
    void add(Map<UUID, Long> viewsByPost);
}
