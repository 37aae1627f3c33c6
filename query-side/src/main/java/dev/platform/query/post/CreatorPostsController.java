package dev.platform.query.post;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.post.PostStatus;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Paging;
import dev.platform.infra.web.Refusals;
import dev.platform.query.user.UserViewTable;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A creator's posts ({@code GET /creators/{creator_id}/posts}), ordered newest first by the instant that matters for
 * each post (published_at when published, updated_at for a draft), ties broken by id so that pages never overlap.
 * Others see the published posts only; the creator sees all of their own.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class CreatorPostsController {

    private final PostViewTable posts;
    private final UserViewTable users;

    CreatorPostsController(PostViewTable posts, UserViewTable users) {
        this.posts = posts;
        this.users = users;
    }

    @GetMapping("/creators/{creator_id}/posts")
    ResponseEntity<List<PostSummary>> byCreator(
            @PathVariable("creator_id") UserId creatorId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        Optional<PostStatus> filter = Optional.empty();
        if (status != null) {
            filter = PostStatus.fromApiName(status);
            if (filter.isEmpty()) {
                throw FieldErrors.failure("status", "must be \"published\", \"draft\" or \"scheduled\"");
            }
        }
        Paging paging = Paging.of(limit, offset);
        // Others see published posts only; a creator sees all of their own (drafts and scheduled ones too).
        if (!caller.is(creatorId)) {
            if (filter.isPresent() && filter.get() != PostStatus.PUBLISHED) {
                if (!users.isCreator(creatorId)) {
                    throw Refusals.notFound(ErrorCode.USER_NOT_FOUND, "Creator");
                }
                return paging.answer(List.of(), 0, "status");
            }
            filter = Optional.of(PostStatus.PUBLISHED);
        }
        PostViewTable.CreatorPage page = posts.creatorPage(creatorId, filter, paging.limit(), paging.offset())
                .orElseThrow(() -> Refusals.notFound(ErrorCode.USER_NOT_FOUND, "Creator"));
        return paging.answer(page.posts(), page.total(), "status");
    }
}
