package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.platform.api.common.ConditionalCommand;
import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.common.StaleVersion;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** What becomes of a command that lost an append race to another node (the gateway plays both nodes' store). */
class ConditionalCommandsTest {

    private record Edit(Optional<ExpectedVersion> expectedVersion) implements ConditionalCommand {}

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final ConditionalCommands commands = new ConditionalCommands(gateway);

    @Test
    void aConditionalLoserIsSentAgainAndRefusedByItsAggregatesVersionCheck() {
        Edit edit = new Edit(Optional.of(ExpectedVersion.of(3)));
        when(gateway.sendAndWait(edit))
                .thenThrow(new ConcurrencyException("sequence 4 taken"))
                .thenThrow(new StaleVersion());

        assertThatThrownBy(() -> commands.sendAndWait(edit)).isInstanceOf(StaleVersion.class);
        verify(gateway, times(2)).sendAndWait(edit);
    }

    @Test
    void anUnconditionalLoserStaysAConcurrentModification() {
        Edit edit = new Edit(Optional.empty());
        when(gateway.sendAndWait(edit)).thenThrow(new ConcurrencyException("sequence 4 taken"));

        assertThatThrownBy(() -> commands.sendAndWait(edit)).isInstanceOf(ConcurrencyException.class);
        verify(gateway, times(1)).sendAndWait(edit);
    }

    @Test
    void aWinnerIsAnsweredAtOnce() {
        Edit edit = new Edit(Optional.of(ExpectedVersion.of(3)));
        when(gateway.sendAndWait(edit)).thenReturn("done");

        assertThat(commands.<String>sendAndWait(edit)).isEqualTo("done");
        verify(gateway, times(1)).sendAndWait(edit);
    }
}
