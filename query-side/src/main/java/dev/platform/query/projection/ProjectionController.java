package dev.platform.query.projection;

import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.Paging;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's view of the projections and their rebuild. A rebuild answers 202 with the progress right after
 * the reset; it is complete once {@code replaying} is false and {@code position} has reached the {@code head} of
 * that answer. Meanwhile the API keeps answering from the read model as far as it has been rebuilt.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
class ProjectionController {

    private final EventProcessors processors;

    ProjectionController(EventProcessors processors) {
        this.processors = processors;
    }

    @GetMapping
    ResponseEntity<List<ProjectionStatus>> list(
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "offset", required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may operate the projections.");
        Paging paging = Paging.of(limit, offset);
        List<ProjectionStatus> all = processors.all();
        List<ProjectionStatus> window =
                all.stream().skip(paging.offset()).limit(paging.limit()).toList();
        return paging.answer(window, all.size());
    }

    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionStatus rebuild(@PathVariable String name, @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may operate the projections.");
        return processors.rebuild(name);
    }
}
