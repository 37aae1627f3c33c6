package dev.platform.command.post;

import dev.platform.api.post.PostDeleted;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostScheduled;
import dev.platform.api.post.PostUnscheduled;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code scheduled_publication} in the transaction that stores the post's event (a subscribing processor,
 * errors propagate): a post's row exists exactly while the post is scheduled, at the instant of its latest
 * schedule. Publishing (now, by an update, or by the schedule itself), unscheduling and deleting end it.
 */
@Component
@ProcessingGroup(ScheduledPublicationProjection.GROUP)
class ScheduledPublicationProjection {

    /** Subscribing (see {@code META-INF/platform/command-side.yml}): no tokens, no replay, no lag. */
    static final String GROUP = "post-schedule";

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

    @Configuration
    static class ErrorsRollBack {
        /** Axon's default for subscribing processors logs a failing handler and commits anyway. */
        @Bean
        ConfigurerModule postScheduleErrorsRollBack() {
            return configurer -> configurer
                    .eventProcessing()
                    .registerListenerInvocationErrorHandler(GROUP, config -> PropagatingErrorHandler.instance());
        }
    }
}
