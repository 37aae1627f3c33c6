package dev.platform.query.analytics;

import java.util.Collection;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Told of every statement that changes posts' view counts ({@code analytics_view_count}), so that whoever keeps
 * posts with their count (the post package's cache of reads) can let go of them. An interface here, implemented
 * above: the analytics package stays below the post package.
 */
public interface ViewCountWrites {

    /** Nobody to tell. */
    ViewCountWrites NONE = new ViewCountWrites() {
        @Override
        public <T> T changing(Collection<UUID> posts, Supplier<T> statement) {
            return statement.get();
        }
    };

    /** Runs {@code statement}, which changes the view counts of {@code posts}, in the caller's transaction if any. */
    <T> T changing(Collection<UUID> posts, Supplier<T> statement);
}
