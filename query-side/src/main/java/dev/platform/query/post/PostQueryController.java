package dev.platform.query.post;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.post.PostId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.ClientInstants;
import dev.platform.infra.web.EntityTags;
import dev.platform.infra.web.Refusals;
import dev.platform.query.analytics.PageViews;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads one post. A draft is visible to its creator only: to anyone else it does not exist. A past version
 * ({@code ?as_of}) is folded from the event store ({@link PastPosts}) and follows the rules of a post's creator-only
 * resources. The creator's list is {@link CreatorPostsController}'s.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class PostQueryController {

    private final PostViewTable posts;
    private final PastPosts past;
    private final PageViews pageViews;
    private final Clock clock;

    PostQueryController(PostViewTable posts, PastPosts past, PageViews pageViews, Clock clock) {
        this.posts = posts;
        this.past = past;
        this.pageViews = pageViews;
        this.clock = clock;
    }

    /**
     * The post now, with its {@code ETag}, or with {@code as_of} as it stood at that instant (its creator and admins
     * only; no {@code ETag}). A read of the current post by anyone but its creator is a page view for analytics,
     * sent without waiting; a 304 (the caller's {@code If-None-Match} names the current tag) sends no post and counts
     * no view.
     */
    @GetMapping("/posts/{id}")
    ResponseEntity<PostView> get(
            @PathVariable PostId id,
            @RequestParam(name = "as_of", required = false) String asOf,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (asOf != null) {
            return ResponseEntity.ok(past.asOf(id, ClientInstants.parse("as_of", asOf), caller));
        }
        PostViewTable.CurrentPost found = posts.find(id)
                .filter(post -> post.visibleTo(caller))
                .orElseThrow(() -> Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post"));
        String tag = found.entityTag();
        if (EntityTags.noneMatchHits(ifNoneMatch, tag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
        }
        PostView post = found.post();
        if (!caller.is(post.creatorId())) {
            pageViews.viewed(id.value(), caller.id().value(), ApiTime.now(clock));
        }
        return ResponseEntity.ok().eTag(tag).body(post);
    }
}
