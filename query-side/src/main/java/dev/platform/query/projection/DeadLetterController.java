package dev.platform.query.projection;

import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.Paging;
import java.util.List;
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
 * The admin's view of parked events: list them, try one's sequence again now (they are also tried again by
 * themselves, see {@code platform.dead-letters.*}), or drop one.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    ResponseEntity<List<DeadLetterView>> list(
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "offset", required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may operate the dead letters.");
        Paging paging = Paging.of(limit, offset);
        return paging.answer(deadLetters.list(paging.limit(), paging.offset()), deadLetters.count());
    }

    /** 200 with {@code resolved} true once the event is applied, false (and the letter) when it failed again. */
    @PostMapping("/{id}/retry")
    RetryOutcome retry(@PathVariable String id, @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may operate the dead letters.");
        return deadLetters
                .retry(id)
                .map(letter -> new RetryOutcome(id, false, letter))
                .orElseGet(() -> new RetryOutcome(id, true, null));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void drop(@PathVariable String id, @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may operate the dead letters.");
        deadLetters.drop(id);
    }

    /** The answer to a retry: whether the event has been applied, else the letter as it stands now. */
    record RetryOutcome(String id, boolean resolved, DeadLetterView letter) {}
}
