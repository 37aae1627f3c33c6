package dev.platform.command.subscription;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ReadModels;
import dev.platform.api.subscription.Subscribe;
import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.subscription.Unsubscribe;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Refusals;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subscribing to a creator and cancelling it. The caller is always the subscriber: the subscription id is
 * derived from the caller and the creator, so nobody can touch another user's subscription. Both endpoints take
 * no body. Listing subscriptions is the query side's.
 */
@RestController
@RequestMapping(path = "/api/v1/creators", produces = MediaType.APPLICATION_JSON_VALUE)
class SubscriptionController {

    private final SubscriptionCommands commands;
    private final Creators creators;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    SubscriptionController(
            SubscriptionCommands commands, Creators creators, ReadYourWrites readYourWrites, Clock clock) {
        this.commands = commands;
        this.creators = creators;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    record SubscriptionAnswer(SubscriptionId id, UserId subscriberId, UserId creatorId, String status) {}

    /** 201 when the pair's subscription starts for the first time; 200 when it was active or is re-activated. */
    @PostMapping("/{creator_id}/subscribe")
    ResponseEntity<SubscriptionAnswer> subscribe(
            @PathVariable("creator_id") UserId creatorId, @AuthenticationPrincipal AuthenticatedUser caller) {
        if (caller.is(creatorId)) {
            throw FieldErrors.failure("creator_id", "must be another user: you cannot subscribe to yourself");
        }
        if (!creators.isCreator(creatorId)) {
            throw Refusals.notFound(ErrorCode.USER_NOT_FOUND, "Creator");
        }
        SubscriptionResult result = commands.subscribe(new Subscribe(caller.id(), creatorId, ApiTime.now(clock)));
        readYourWrites.await(ReadModels.SUBSCRIPTIONS, result.id().toString(), result.version());
        if (!result.created()) {
            return ResponseEntity.ok(answer(result));
        }
        return ResponseEntity.created(
                        URI.create("/api/v1/users/" + result.subscriberId() + "/subscriptions/" + creatorId))
                .body(answer(result));
    }

    /** 200 and cancelled, also when it already was; 404 when the caller never subscribed to this creator. */
    @PostMapping("/{creator_id}/unsubscribe")
    SubscriptionAnswer unsubscribe(
            @PathVariable("creator_id") UserId creatorId, @AuthenticationPrincipal AuthenticatedUser caller) {
        SubscriptionResult result = commands.unsubscribe(new Unsubscribe(caller.id(), creatorId, ApiTime.now(clock)));
        readYourWrites.await(ReadModels.SUBSCRIPTIONS, result.id().toString(), result.version());
        return answer(result);
    }

    private static SubscriptionAnswer answer(SubscriptionResult result) {
        return new SubscriptionAnswer(result.id(), result.subscriberId(), result.creatorId(), result.status());
    }
}
