package dev.platform.query.post;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.post.PostId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.Refusals;
import dev.platform.query.analytics.PageViewTable;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Posts as they stood ({@code GET /posts/{id}?as_of=}): for the post's creator and admins only ({@link PostAccess}),
 * folded from the event store ({@link PostTimeline}), with the page views recorded up to that instant as its
 * {@code view_count}. A post that did not exist yet at the instant, or no longer (deleted at or before it), is a 404
 * {@code POST_NOT_FOUND}; a deleted post's earlier versions are the admin's only.
 */
@Component
class PastPosts {

    private final PostAccess access;
    private final PostTimeline timeline;
    private final PageViewTable pageViews;

    PastPosts(PostAccess access, PostTimeline timeline, PageViewTable pageViews) {
        this.access = access;
        this.timeline = timeline;
        this.pageViews = pageViews;
    }

    PostView asOf(PostId id, Instant instant, AuthenticatedUser caller) {
        access.creatorOnly(id, caller, PostAccess.Admins.ALLOWED, "past versions");
        FoldedPost post = timeline.asOf(id, instant)
                .filter(folded -> !folded.deleted())
                .orElseThrow(() -> Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post"));
        return new PostView(
                post.id(),
                post.creatorId(),
                post.title(),
                post.content(),
                post.status().apiName(),
                post.publishedAt(),
                post.publishAt(),
                post.createdAt(),
                post.updatedAt(),
                pageViews.upTo(id, instant));
    }
}
