package dev.platform.query.projection;

import dev.platform.api.common.ReadModels;
import dev.platform.infra.axon.InlineGroupEventSource;
import dev.platform.infra.axon.InlineProjectionProperties;
import dev.platform.infra.axon.InlineProjections;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event sources of the query side's streaming processors (named by {@code source} in {@code query-side.yml}):
 * the event store, read through {@link InlineGroupEventSource}: these are the groups a write may apply inline, and while
 * this process does so and writes, their threads look for new events every interval instead of being woken by each.
 */
@Configuration
class ProjectionSources {

    @Bean
    InlineGroupEventSource postsEvents(
            EventStore events, InlineProjections inline, InlineProjectionProperties properties) {
        return source(events, inline, ReadModels.POSTS, properties);
    }

    @Bean
    InlineGroupEventSource usersEvents(
            EventStore events, InlineProjections inline, InlineProjectionProperties properties) {
        return source(events, inline, ReadModels.USERS, properties);
    }

    @Bean
    InlineGroupEventSource commentsEvents(
            EventStore events, InlineProjections inline, InlineProjectionProperties properties) {
        return source(events, inline, ReadModels.COMMENTS, properties);
    }

    @Bean
    InlineGroupEventSource subscriptionsEvents(
            EventStore events, InlineProjections inline, InlineProjectionProperties properties) {
        return source(events, inline, ReadModels.SUBSCRIPTIONS, properties);
    }

    private static InlineGroupEventSource source(
            EventStore events, InlineProjections inline, String group, InlineProjectionProperties properties) {
        return new InlineGroupEventSource(events, () -> inline.writingInline(group), properties.inlineWakeInterval());
    }
}
