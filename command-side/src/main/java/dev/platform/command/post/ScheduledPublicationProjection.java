package dev.platform.command.post;

import dev.platform.api.post.PostDeleted;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostScheduled;
import dev.platform.api.post.PostUnscheduled;
import dev.platform.command.CommandSideTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code scheduled_publication} in the transaction that stores the post's event (a subscribing processor,
 * errors propagate): a post's row exists exactly while the post is scheduled, at the instant of its latest
 * schedule. Publishing (now, by an update, or by the schedule itself), unscheduling and deleting end it.
 */
@Component
@ProcessingGroup(CommandSideTables.POST_SCHEDULE)
class ScheduledPublicationProjection {

    private final ScheduledPublicationTable table;

    ScheduledPublicationProjection(ScheduledPublicationTable table) {
        this.table = table;
    }

    @EventHandler
    void on(PostScheduled event) {
        table.schedule(event.postId(), event.publishAt());
    }

    @EventHandler
    void on(PostUnscheduled event) {
        table.remove(event.postId());
    }

    @EventHandler
    void on(PostPublished event) {
        table.remove(event.postId());
    }

    /** A deleted post's schedule ends with it (a firing would be refused as an unknown post anyway). */
    @EventHandler
    void on(PostDeleted event) {
        table.remove(event.postId());
    }
}
