package dev.platform.query.post;

import dev.platform.api.common.ReadModels;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUpdated;
import dev.platform.infra.axon.StorableText;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects posts into {@code post_view}. Idempotent under redelivery: each row remembers the last applied
 * sequence number and older events leave it alone. An event for a row that is missing is an error (the event
 * parks in the dead-letter queue), never silently skipped. {@code view_count} belongs to analytics: no event
 * here changes it, and a row starts with the views analytics recorded for the post ({@code analytics_post_view}),
 * so a rebuild, which truncates the table, keeps every post's count.
 *
 * <p>The rows a batch of events changes are written together when the batch commits ({@link PostViewChanges}).
 * Text an old event carries that the table cannot store (a NUL) is stored without it ({@link StorableText}).
 */
@Component
@ProcessingGroup(ReadModels.POSTS)
class PostProjection {

    private static final Set<Class<?>> EVENTS =
            Set.of(PostCreated.class, PostUpdated.class, PostPublished.class, PostUnpublished.class);

    private final JdbcTemplate jdbc;

    PostProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether events of this type change a post's row (the lookup of a batch reads those posts' rows). */
    static boolean handles(Class<?> payloadType) {
        return EVENTS.contains(payloadType);
    }

    @EventHandler
    void on(PostCreated event, @SequenceNumber long sequence) {
        PostViewChanges changes = PostViewChanges.current(jdbc);
        changes.create(
                event.postId().value(),
                event.creatorId().value(),
                StorableText.of(event.title(), "title", event.postId()),
                StorableText.of(event.content(), "content", event.postId()),
                event.createdAt(),
                sequence);
        changes.writeUnlessBatched();
    }

    @EventHandler
    void on(PostUpdated event, @SequenceNumber long sequence) {
        PostViewChanges changes = PostViewChanges.current(jdbc);
        changes.change(event.postId().value(), sequence, event.updatedAt(), row -> {
            row.title = StorableText.of(event.title(), "title", event.postId());
            row.content = StorableText.of(event.content(), "content", event.postId());
        });
        changes.writeUnlessBatched();
    }

    @EventHandler
    void on(PostPublished event, @SequenceNumber long sequence) {
        PostViewChanges changes = PostViewChanges.current(jdbc);
        changes.change(event.postId().value(), sequence, event.publishedAt(), row -> {
            row.status = "published";
            row.title = StorableText.of(event.title(), "title", event.postId());
            row.content = StorableText.of(event.content(), "content", event.postId());
            row.publishedAtSet = true;
            row.publishedAt = event.publishedAt();
        });
        changes.writeUnlessBatched();
    }

    @EventHandler
    void on(PostUnpublished event, @SequenceNumber long sequence) {
        PostViewChanges changes = PostViewChanges.current(jdbc);
        changes.change(event.postId().value(), sequence, event.unpublishedAt(), row -> {
            row.status = "draft";
            row.publishedAtSet = true;
            row.publishedAt = null;
        });
        changes.writeUnlessBatched();
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE post_view");
    }
}
