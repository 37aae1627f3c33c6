package dev.platform.query.post;

import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostDeleted;
import dev.platform.api.post.PostEvent;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostScheduled;
import dev.platform.api.post.PostStatus;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUnscheduled;
import dev.platform.api.post.PostUpdated;

/**
 * The one fold of a post's events ({@code post + event -> post}), used by the posts projection and by
 * {@code ?as_of}, so both show a post by the same rules. Pure: no I/O, no clock. Each event sets some fields to
 * values it carries and never derives one from what was there before, which is what lets the projection fold onto
 * a row it has not read ({@link FoldedPost#unread}):
 *
 * <ul>
 *   <li>{@link PostCreated}: a draft; updated_at = created_at, no published_at.
 *   <li>{@link PostUpdated}: title and content; status and published_at stay.
 *   <li>{@link PostPublished}: published, with the title and content that went out; published_at = updated_at =
 *       the publication's instant.
 *   <li>{@link PostUnpublished}: a draft again, published_at cleared; title and content stay.
 *   <li>{@link PostScheduled}: scheduled, publish_at = the instant it publishes itself, no published_at;
 *       updated_at = the instant it was scheduled.
 *   <li>{@link PostUnscheduled}: a draft again, publish_at cleared.
 *   <li>{@link PostDeleted}: deleted_at; everything else stays as it was (for the audit's {@code ?as_of}), and every
 *       read but the admin's audit treats the post as gone.
 * </ul>
 *
 * Every status event sets status, published_at and publish_at together (publish_at is cleared by all but
 * {@link PostScheduled}).
 *
 * Every event sets updated_at to the instant its write reports, so a folded post's {@code updatedAt} is also the
 * instant of the last event folded into it.
 */
final class PostFold implements PostEvent.Visitor<FoldedPost> {

    private final FoldedPost before;

    private PostFold(FoldedPost before) {
        this.before = before;
    }

    /**
     * The post after one more event; {@code before} is {@code null} before the post's first event.
     *
     * @throws IllegalStateException for an event other than {@link PostCreated} on no post
     */
    static FoldedPost apply(FoldedPost before, PostEvent event) {
        return event.accept(new PostFold(before));
    }

    @Override
    public FoldedPost created(PostCreated event) {
        return new FoldedPost(
                event.postId(),
                event.creatorId(),
                event.title(),
                event.content(),
                PostStatus.DRAFT,
                null,
                event.createdAt(),
                event.createdAt());
    }

    @Override
    public FoldedPost updated(PostUpdated event) {
        return existing(event).withText(event.title(), event.content(), event.updatedAt());
    }

    @Override
    public FoldedPost published(PostPublished event) {
        return existing(event)
                .withText(event.title(), event.content(), event.publishedAt())
                .withStatus(PostStatus.PUBLISHED, event.publishedAt(), event.publishedAt());
    }

    @Override
    public FoldedPost unpublished(PostUnpublished event) {
        return existing(event).withStatus(PostStatus.DRAFT, null, event.unpublishedAt());
    }

    @Override
    public FoldedPost scheduled(PostScheduled event) {
        return existing(event).scheduledFor(event.publishAt(), event.scheduledAt());
    }

    @Override
    public FoldedPost unscheduled(PostUnscheduled event) {
        return existing(event).withStatus(PostStatus.DRAFT, null, event.unscheduledAt());
    }

    @Override
    public FoldedPost deleted(PostDeleted event) {
        return existing(event).withDeletion(event.deletedAt());
    }

    private FoldedPost existing(PostEvent event) {
        if (before == null) {
            throw new IllegalStateException(
                    event.getClass().getSimpleName() + " before the post was created: " + event);
        }
        return before;
    }
}
