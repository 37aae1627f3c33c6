package dev.platform.query.post;

import dev.platform.api.common.ReadModels;
import dev.platform.api.post.PostEvent;
import dev.platform.infra.axon.StorableText;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Projects posts into {@code post_view}. Idempotent under redelivery: each row remembers the last applied
 * sequence number and older events leave it alone. An event for a row that is missing is an error (the event
 * parks in the dead-letter queue), never silently skipped. A post's view count is analytics' own table ({@code
 * analytics_view_count}, joined by the read): no event here touches it, and a rebuild, which truncates {@code
 * post_view}, leaves every post's count as it is.
 *
 * <p>One handler for the whole {@link PostEvent} family: each event is folded into its post's row by the fold
 * {@code ?as_of} uses too ({@link PostFold}), so a new post event reaches the table without a handler to forget.
 * The rows a batch of events changes are written together when the batch commits ({@link PostChanges}). Text an old
 * event carries that the table cannot store (a NUL) is stored without it ({@link StorableText}).
 */
@Component
@ProcessingGroup(ReadModels.POSTS)
class PostProjection {

    private final PostViewTable table;

    PostProjection(PostViewTable table) {
        this.table = table;
    }

    @EventHandler
    void on(PostEvent event, @SequenceNumber long sequence) {
        PostChanges changes = PostChanges.current(table);
        changes.apply(event, sequence);
        changes.writeUnlessBatched();
    }

    @ResetHandler
    void reset() {
        table.truncate();
    }
}
