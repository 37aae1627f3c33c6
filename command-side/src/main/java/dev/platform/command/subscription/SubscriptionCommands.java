package dev.platform.command.subscription;

import dev.platform.api.subscription.Subscribe;
import dev.platform.api.subscription.Unsubscribe;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends subscription commands and retries the one failure a retry cures. Within one JVM the repository's lock
 * serialises commands on a subscription; across nodes two of them can load the same version and both append,
 * and the unique (aggregate id, sequence) key lets only one through. The loser (a {@link ConcurrencyException},
 * or an {@link AggregateStreamCreationException} when both tried to start the subscription) is sent again: it
 * then loads what the winner stored and decides afresh (a second first-subscribe becomes "already active").
 */
@Component
class SubscriptionCommands {

    static final int MAX_ATTEMPTS = 10;

    private static final Logger log = LoggerFactory.getLogger(SubscriptionCommands.class);

    private final CommandGateway commands;

    SubscriptionCommands(CommandGateway commands) {
        this.commands = commands;
    }

    SubscriptionResult subscribe(Subscribe command) {
        return send(command);
    }

    SubscriptionResult unsubscribe(Unsubscribe command) {
        return send(command);
    }

    private SubscriptionResult send(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(command);
            } catch (ConcurrencyException | AggregateStreamCreationException lostRace) {
                if (attempt >= MAX_ATTEMPTS) {
                    // Practically unreachable; a 409 the client may retry is still better than a 500.
                    throw new ConcurrencyException(
                            "subscription still contended after " + attempt + " attempts", lostRace);
                }
                log.debug("{} lost an append race (attempt {}), sending it again", command, attempt);
            }
        }
    }
}
