package dev.platform.query.post;

import dev.platform.api.post.PostId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.Paging;
import dev.platform.query.audit.EventLog;
import dev.platform.query.audit.HistoryEntry;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /posts/{id}/history}: the post's events straight from the event store, oldest first, one per
 * accepted write, for its creator and admins. A list like every other: {@code limit} (default 20), {@code offset},
 * {@code X-Total-Count}; the window is cut in SQL, so a post edited thousands of times costs one page.
 */
@RestController
class PostHistoryController {

    private final PostAccess access;
    private final EventLog events;

    PostHistoryController(PostAccess access, EventLog events) {
        this.access = access;
        this.events = events;
    }

    @GetMapping(path = "/api/v1/posts/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<HistoryEntry>> history(
            @PathVariable PostId id,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        Paging paging = Paging.of(limit, offset);
        access.creatorOnly(id, caller, PostAccess.Admins.ALLOWED, "history");
        String aggregateId = id.value().toString();
        return paging.answer(
                events.history(aggregateId, paging.limit(), paging.offset()), events.countOfAggregate(aggregateId));
    }
}
