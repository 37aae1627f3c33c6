package dev.platform.command.subscription;

import dev.platform.api.subscription.CancelledVia;
import dev.platform.api.subscription.SubscriptionNotFound;
import dev.platform.api.subscription.Unsubscribe;
import dev.platform.api.user.UserErased;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends the subscriptions of an erased person, both theirs (as subscriber) and those to them (as creator: they publish
 * nothing any more, and their subscribers should not stay attached to nobody), each with a {@code
 * SubscriptionCancelled} whose {@code via} is {@code erasure}. A tracking processor, after the erasure has committed:
 * at least once, and idempotent (cancelling a cancelled subscription stores nothing). Never on a replay: a rebuild
 * sends no command. No subscription can start after the erasure (the person's tokens are refused, and a creator
 * without credentials cannot be subscribed to), so the pairs it reads are all there are.
 */
@Component
@ProcessingGroup(ErasedSubscriptions.GROUP)
class ErasedSubscriptions {

    static final String GROUP = "erasure-subscriptions";

    private static final Logger log = LoggerFactory.getLogger(ErasedSubscriptions.class);

    private final SubscriptionPairs pairs;
    private final CommandGateway commands;

    ErasedSubscriptions(SubscriptionPairs pairs, CommandGateway commands) {
        this.pairs = pairs;
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(UserErased event) {
        int ended = 0;
        for (SubscriptionPairs.Pair pair : pairs.of(event.userId())) {
            try {
                commands.sendAndWait(
                        new Unsubscribe(pair.subscriber(), pair.creator(), event.erasedAt(), CancelledVia.ERASURE));
                ended++;
            } catch (SubscriptionNotFound gone) {
                // Nothing to end.
            }
        }
        if (ended > 0) {
            log.info("ended {} subscriptions of erased user {}", ended, event.userId());
        }
    }
}
