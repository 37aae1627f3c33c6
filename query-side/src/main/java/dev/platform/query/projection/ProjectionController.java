package dev.platform.query.projection;

import dev.platform.api.common.ErrorCode;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Paging;
import dev.platform.infra.web.Refusals;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's view of the projections and their rebuild ({@link Rebuilds}). A rebuild answers 202 with its status;
 * it builds the read model beside the live one, which keeps answering, compares the two once it has caught up, and
 * switches them at once (or, with {@code ?switch=manual}, waits for {@code POST .../rebuild/switch} or {@code DELETE
 * .../rebuild}). Its progress is in the list ({@code rebuild}) and in {@code GET .../rebuild}.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
class ProjectionController {

    private final EventProcessors processors;
    private final Rebuilds rebuilds;

    ProjectionController(EventProcessors processors, Rebuilds rebuilds) {
        this.processors = processors;
        this.rebuilds = rebuilds;
    }

    @GetMapping
    ResponseEntity<List<ProjectionStatus>> list(
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "offset", required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may operate the projections.");
        Paging paging = Paging.of(limit, offset);
        Map<String, RebuildProgress> rebuilding = rebuilds.progress();
        List<ProjectionStatus> all = processors.all().stream()
                .map(status -> status.with(rebuilding.get(status.name())))
                .toList();
        List<ProjectionStatus> window =
                all.stream().skip(paging.offset()).limit(paging.limit()).toList();
        return paging.answer(window, all.size());
    }

    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RebuildStatus rebuild(
            @PathVariable String name,
            @RequestParam(name = "switch", required = false) String mode,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may operate the projections.");
        boolean manual;
        if (mode == null || mode.equals("auto")) {
            manual = false;
        } else if (mode.equals("manual")) {
            manual = true;
        } else {
            throw FieldErrors.failure("switch", "must be auto or manual");
        }
        return rebuilds.start(name, manual);
    }

    @GetMapping("/{name}/rebuild")
    RebuildStatus rebuildStatus(@PathVariable String name, @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may operate the projections.");
        return rebuilds.status(name).orElseThrow(() -> Refusals.notFound(ErrorCode.NOT_FOUND, "Rebuild"));
    }

    @PostMapping("/{name}/rebuild/switch")
    RebuildStatus switchRebuild(@PathVariable String name, @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may operate the projections.");
        return rebuilds.switchNow(name);
    }

    @DeleteMapping("/{name}/rebuild")
    RebuildStatus discardRebuild(@PathVariable String name, @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may operate the projections.");
        return rebuilds.discard(name);
    }
}
