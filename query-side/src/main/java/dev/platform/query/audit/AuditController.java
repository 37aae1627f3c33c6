package dev.platform.query.audit;

import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Paging;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's audit export: the global event stream in order, paged by position. A client exports everything by
 * asking again with {@code after} = the last position it got, until an answer is empty. {@code offset} is
 * accepted like on every list (it skips within the events after {@code after}); {@code X-Total-Count} counts the
 * events after {@code after}.
 */
@RestController
@RequestMapping(path = "/api/v1/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    private final EventLog events;

    AuditController(EventLog events) {
        this.events = events;
    }

    @GetMapping("/events")
    ResponseEntity<List<StoredEvent>> events(
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "offset", required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may read the event stream.");
        FieldErrors errors = new FieldErrors();
        long from = position(after, errors);
        Paging paging = Paging.of(limit, offset, errors);
        errors.throwIfAny();
        return paging.answer(
                events.after(from, paging.limit(), paging.offset()),
                events.countAfter(from),
                "after",
                StoredEvent::position);
    }

    /** {@code after}: absent means from the start; otherwise a position, an integer of at least 0. */
    private static long position(String raw, FieldErrors errors) {
        if (raw == null) {
            return 0;
        }
        try {
            long position = Long.parseLong(raw.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below like a negative number
        }
        errors.add("after", "must be an event position: an integer of at least 0");
        return 0;
    }
}
