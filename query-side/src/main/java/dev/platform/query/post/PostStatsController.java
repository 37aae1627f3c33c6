package dev.platform.query.post;

import dev.platform.api.post.PostId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.query.analytics.PageViewTable;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /posts/{id}/stats}: a post's views for its creator (an admin is like any other user here). Both
 * counts come from the recorded view events, the same ones that make up {@code view_count}.
 */
@RestController
class PostStatsController {

    private final PageViewTable pageViews;
    private final PostAccess access;

    PostStatsController(PageViewTable pageViews, PostAccess access) {
        this.pageViews = pageViews;
        this.access = access;
    }

    record PostStats(UUID postId, long viewCount, long uniqueViewers) {}

    @GetMapping(path = "/api/v1/posts/{id}/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    PostStats stats(@PathVariable PostId id, @AuthenticationPrincipal AuthenticatedUser caller) {
        access.creatorOnly(id, caller, PostAccess.Admins.REFUSED, "stats");
        PageViewTable.Counts counts = pageViews.of(id);
        return new PostStats(id.value(), counts.views(), counts.uniqueViewers());
    }
}
