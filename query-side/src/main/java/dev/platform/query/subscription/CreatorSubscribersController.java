package dev.platform.query.subscription;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.Paging;
import dev.platform.infra.web.Refusals;
import dev.platform.query.user.UserViewTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A creator's audience, for the creator and the admin only: how many active subscribers they have, and who (user id,
 * username, since when; never an e-mail address), newest activation first. Anyone else gets 403 whatever the id
 * names; an id that is no creator is 404 {@code USER_NOT_FOUND}, as on the creator's posts.
 */
@RestController
@RequestMapping(path = "/api/v1/creators", produces = MediaType.APPLICATION_JSON_VALUE)
class CreatorSubscribersController {

    private final SubscriptionViewTable subscriptions;
    private final UserViewTable users;

    CreatorSubscribersController(SubscriptionViewTable subscriptions, UserViewTable users) {
        this.subscriptions = subscriptions;
        this.users = users;
    }

    record SubscriberCount(UserId creatorId, long active) {}

    record Subscriber(UserId userId, String username, Instant subscribedAt) {}

    @GetMapping("/{creator_id}/subscribers/count")
    SubscriberCount count(
            @PathVariable("creator_id") UserId creatorId, @AuthenticationPrincipal AuthenticatedUser caller) {
        requireCreatorOrAdmin(creatorId, caller);
        requireCreator(creatorId);
        return new SubscriberCount(creatorId, subscriptions.countActiveSubscribersOf(creatorId));
    }

    @GetMapping("/{creator_id}/subscribers")
    ResponseEntity<List<Subscriber>> list(
            @PathVariable("creator_id") UserId creatorId,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "offset", required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        requireCreatorOrAdmin(creatorId, caller);
        Paging paging = Paging.of(limit, offset);
        requireCreator(creatorId);

        long total = subscriptions.countActiveSubscribersOf(creatorId);
        var page = subscriptions.activeSubscribersPageOf(creatorId, paging.limit(), paging.offset());
        Map<UserId, String> usernames = users.usernames(page.stream()
                .map(SubscriptionViewTable.ActiveSubscriber::subscriberId)
                .toList());
        List<Subscriber> items = page.stream()
                .map(s -> new Subscriber(s.subscriberId(), usernames.get(s.subscriberId()), s.subscribedAt()))
                .toList();
        return paging.answer(items, total);
    }

    private static void requireCreatorOrAdmin(UserId creatorId, AuthenticatedUser caller) {
        if (!caller.is(creatorId) && !caller.isAdmin()) {
            throw Refusals.forbidden("Only the creator may see their subscribers.");
        }
    }

    private void requireCreator(UserId creatorId) {
        if (!users.isCreator(creatorId)) {
            throw Refusals.notFound(ErrorCode.USER_NOT_FOUND, "Creator");
        }
    }
}
