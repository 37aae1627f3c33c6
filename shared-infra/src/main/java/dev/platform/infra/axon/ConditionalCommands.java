package dev.platform.infra.axon;

import dev.platform.api.common.ConditionalCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends commands that may carry an expected version ({@code If-Match}) so that of two writers holding the same
 * version exactly one succeeds and the other is told its version is stale, on one node or several.
 *
 * <p>Within one JVM the repository's lock serialises commands on an aggregate: the second writer loads the first
 * one's events and its aggregate refuses it ({@code StaleVersion}, 412). Across nodes both can load the same
 * version and pass the check; the unique (aggregate id, sequence) key then lets one append through and the other
 * fails with a {@link ConcurrencyException}. A conditional loser is sent once more: it loads the winner's events,
 * and the aggregate's own check refuses it, because the version it names is no longer current. An unconditional
 * loser stays what it was before (409 {@code CONCURRENT_MODIFICATION}).
 */
@Component
public class ConditionalCommands {

    private static final Logger log = LoggerFactory.getLogger(ConditionalCommands.class);

    private final CommandGateway commands;

    public ConditionalCommands(CommandGateway commands) {
        this.commands = commands;
    }

    public <R> R sendAndWait(ConditionalCommand command) {
        try {
            return commands.sendAndWait(command);
        } catch (ConcurrencyException lostRace) {
            if (command.expectedVersion().isEmpty()) {
                throw lostRace;
            }
            // Once is enough: a second loss would need the command to name the winner's version too (a list of
            // several); it then stays a 409 the client may retry.
            log.debug("{} lost an append race, sending it again for its version check", command);
            return commands.sendAndWait(command);
        }
    }
}
