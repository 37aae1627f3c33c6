package dev.platform.query.subscription;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Paging;
import dev.platform.infra.web.Refusals;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own subscriptions, all statuses unless {@code status} filters them, newest activation first (ties by
 * id). Only that user may read them: the contract names no exception, so not even the admin may.
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class SubscriptionQueryController {

    private static final Set<String> STATUSES = Set.of("active", "cancelled");

    private final SubscriptionViewTable table;

    SubscriptionQueryController(SubscriptionViewTable table) {
        this.table = table;
    }

    @GetMapping("/{user_id}/subscriptions")
    ResponseEntity<List<SubscriptionSummary>> list(
            @PathVariable("user_id") UserId userId,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "offset", required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (!caller.is(userId)) {
            throw Refusals.forbidden("Only the subscriber may list their subscriptions.");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw FieldErrors.failure("status", "must be \"active\" or \"cancelled\"");
        }
        Paging paging = Paging.of(limit, offset);

        Optional<String> filter = Optional.ofNullable(status);
        long total = table.countOf(userId, filter);
        List<SubscriptionSummary> items = table.pageOf(userId, filter, paging.limit(), paging.offset());
        return paging.answer(items, total, "status");
    }

    /**
     * The user's subscription to one creator (where subscribe's {@code Location} points), in any status; for that
     * user only, like the list. Never subscribed: 404 {@code SUBSCRIPTION_NOT_FOUND}.
     */
    @GetMapping("/{user_id}/subscriptions/{creator_id}")
    SubscriptionSummary get(
            @PathVariable("user_id") UserId userId,
            @PathVariable("creator_id") UserId creatorId,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (!caller.is(userId)) {
            throw Refusals.forbidden("Only the subscriber may read their subscriptions.");
        }
        return table.find(userId, creatorId)
                .orElseThrow(() -> Refusals.notFound(ErrorCode.SUBSCRIPTION_NOT_FOUND, "Subscription"));
    }
}
