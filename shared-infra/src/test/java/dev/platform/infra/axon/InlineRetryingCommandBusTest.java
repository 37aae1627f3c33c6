package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * The command bus hands a command's first attempt to the inline projections as one without savepoints, sends a
 * command once more (then with savepoints) only when that attempt failed in an inline handler, and never otherwise.
 */
class InlineRetryingCommandBusTest {

    private final SimpleCommandBus bus = new InlineRetryingCommandBus(SimpleCommandBus.builder());
    private final CommandGateway gateway =
            DefaultCommandGateway.builder().commandBus(bus).build();
    /** For each time the handler ran: whether it ran as a first attempt. */
    private final List<Boolean> attempts = new ArrayList<>();

    @Test
    void aFirstAttemptFailedByAnInlineHandlerIsHandledOnceMoreWithSavepoints() {
        bus.subscribe(String.class.getName(), command -> {
            attempts.add(InlineProjections.inFirstAttempt());
            if (attempts.size() == 1) {
                throw new InlineProjections.FirstAttemptFailed("posts", new IllegalStateException("refused"));
            }
            return "stored";
        });

        assertThat((String) gateway.sendAndWait("create")).isEqualTo("stored");
        assertThat(attempts).containsExactly(true, false);
        assertThat(InlineProjections.inFirstAttempt()).isFalse();
    }

    @Test
    void anyOtherFailureIsTheCommandsOutcomeAfterOneAttempt() {
        bus.subscribe(String.class.getName(), command -> {
            attempts.add(InlineProjections.inFirstAttempt());
            throw new IllegalArgumentException("refused by the aggregate");
        });

        assertThatThrownBy(() -> gateway.sendAndWait("create")).hasMessage("refused by the aggregate");
        assertThat(attempts).containsExactly(true);
    }

    @Test
    void aSecondFailureOfAnInlineHandlerIsNotRetriedAgain() {
        bus.subscribe(String.class.getName(), command -> {
            attempts.add(InlineProjections.inFirstAttempt());
            throw new InlineProjections.FirstAttemptFailed("posts", new IllegalStateException("refused"));
        });

        assertThatThrownBy(() -> gateway.sendAndWait("create"))
                .isInstanceOf(InlineProjections.FirstAttemptFailed.class);
        assertThat(attempts).containsExactly(true, false);
    }

    @Test
    void aCommandInsideAnotherUnitOfWorkIsNoFirstAttemptOfItsOwn() {
        bus.subscribe(String.class.getName(), command -> {
            attempts.add(InlineProjections.inFirstAttempt());
            return "stored";
        });

        DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("outer"))
                .execute(() -> gateway.sendAndWait("inner"));

        assertThat(attempts).containsExactly(false);
    }
}
