package dev.platform.query.post;

import dev.platform.api.post.PostId;
import dev.platform.api.post.PostStatus;
import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * A post as its events, folded in order ({@link PostFold}), leave it: what {@code post_view} stores of it and what
 * {@code ?as_of} answers. Folded from the post's first event every field is known. The projection also folds onto a
 * row it has not read ({@link #unread}: its lookup reads versions only, to stay one cheap query per batch): there a
 * field no folded event has set yet is {@code null}, meaning "as stored". {@code status} and {@code publishedAt} are
 * always set together with {@code publishAt} (every event that sets one sets the others), so a known status says
 * that a {@code null} {@code publishedAt} or {@code publishAt} is known too. {@code publishAt} is the instant a
 * scheduled post publishes itself, {@code null} unless the post is scheduled. {@code deletedAt} is set by the post's
 * deletion and by nothing else: {@code null} is "not deleted" on a post folded from its start, "as stored" on an
 * unread row (which is never deleted: a deleted post has no later events).
 */
record FoldedPost(
        PostId id,
        UserId creatorId,
        String title,
        String content,
        PostStatus status,
        Instant publishedAt,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        Instant publishAt) {

    /** A post that is neither deleted nor scheduled. */
    FoldedPost(
            PostId id,
            UserId creatorId,
            String title,
            String content,
            PostStatus status,
            Instant publishedAt,
            Instant createdAt,
            Instant updatedAt) {
        this(id, creatorId, title, content, status, publishedAt, createdAt, updatedAt, null, null);
    }

    /** A post whose row exists but was not read: only its id is known. */
    static FoldedPost unread(PostId id) {
        return new FoldedPost(id, null, null, null, null, null, null, null, null, null);
    }

    /** Whether the post was deleted (by a folded event). */
    boolean deleted() {
        return deletedAt != null;
    }

    /** Whether {@code status} and {@code publishedAt} are known (set by a folded event). */
    boolean statusKnown() {
        return status != null;
    }

    FoldedPost withText(String title, String content, Instant updatedAt) {
        return new FoldedPost(
                id, creatorId, title, content, status, publishedAt, createdAt, updatedAt, deletedAt, publishAt);
    }

    /** Published or a draft: no schedule. */
    FoldedPost withStatus(PostStatus status, Instant publishedAt, Instant updatedAt) {
        return new FoldedPost(
                id, creatorId, title, content, status, publishedAt, createdAt, updatedAt, deletedAt, null);
    }

    /** Scheduled to publish itself at {@code publishAt}: not published. */
    FoldedPost scheduledFor(Instant publishAt, Instant updatedAt) {
        return new FoldedPost(
                id, creatorId, title, content, PostStatus.SCHEDULED, null, createdAt, updatedAt, deletedAt, publishAt);
    }

    /** Deleted: the schedule, if any, ends with it. */
    FoldedPost withDeletion(Instant deletedAt) {
        return new FoldedPost(
                id, creatorId, title, content, status, publishedAt, createdAt, deletedAt, deletedAt, publishAt);
    }
}
