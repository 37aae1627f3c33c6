package dev.platform.infra.axon;

import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's command bus, handling each command in the caller's thread, with one change: a command's first attempt
 * applies the inline projections without a savepoint per handler ({@link InlineProjections#firstAttempt}), two round
 * trips to the database fewer per write, and a command whose first attempt failed in an inline handler (its
 * transaction rolled back, nothing stored) is handled once more with a savepoint around each handler, so that a
 * handler that fails again parks its event in the dead-letter queue while the write commits. A command is retried
 * for nothing else; its callback hears the outcome of the attempt that counts.
 */
public class InlineRetryingCommandBus extends SimpleCommandBus {

    private static final Logger log = LoggerFactory.getLogger(InlineRetryingCommandBus.class);

    protected InlineRetryingCommandBus(Builder builder) {
        super(builder);
    }

    @Override
    protected <C, R> void handle(
            CommandMessage<C> command,
            MessageHandler<? super CommandMessage<?>> handler,
            CommandCallback<? super C, ? super R> callback) {
        AtomicReference<CommandResultMessage<? extends R>> first = new AtomicReference<>();
        InlineProjections.firstAttempt(
                () -> super.<C, R>handle(command, handler, (message, result) -> first.set(result)));
        CommandResultMessage<? extends R> result = first.get();
        if (result == null) {
            throw new IllegalStateException(
                    "the command bus handled " + command.getCommandName() + " without a result");
        }
        if (result.isExceptional() && InlineProjections.failedFirstAttempt(result.exceptionResult())) {
            log.info(
                    "an inline projection failed in {}; handling it once more with each projection handler in a savepoint",
                    command.getCommandName(),
                    result.exceptionResult());
            super.handle(command, handler, callback);
            return;
        }
        callback.onResult(command, result);
    }
}
