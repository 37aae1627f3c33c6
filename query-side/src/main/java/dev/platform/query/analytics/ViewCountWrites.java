package dev.platform.query.analytics;

import java.util.Map;
import java.util.UUID;

/**
 * Told of every statement that adds page views to posts' counts ({@code analytics_view_count}), so that whoever
 * keeps posts with their count (the post package's cache of reads) can follow. An interface here, implemented above:
 * the analytics package stays below the post package.
 */
public interface ViewCountWrites {

    /** Nobody to tell. */
    ViewCountWrites NONE = (viewsByPost, statement) -> statement.run();

    /**
     * Runs {@code statement}, which adds {@code viewsByPost} (per post, how many views) to the posts' counts, in the
     * caller's transaction if there is one.
     */
    void adding(Map<UUID, Long> viewsByPost, Runnable statement);
}
