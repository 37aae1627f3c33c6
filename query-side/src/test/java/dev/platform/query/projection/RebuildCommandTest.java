package dev.platform.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.platform.api.common.ErrorCode;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Refusals;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --platform.rebuild=<names>}: which projections it rebuilds, when it is done, and its exit code; the
 * rebuild itself is {@link EventProcessors}' (end to end in RebuildCommandEndToEndTest).
 */
class RebuildCommandTest {

    private final EventProcessors projections = mock(EventProcessors.class);

    private int run(String names) {
        return new RebuildCommand(projections, mock(ConfigurableApplicationContext.class), names).rebuild();
    }

    private void rebuildsUpTo(String name, long head, ProjectionStatus... progress) {
        when(projections.rebuild(name)).thenReturn(ProjectionStatus.of(name, 0, head, true, 0));
        var stubbing = when(projections.status(name));
        for (ProjectionStatus status : progress) {
            stubbing = stubbing.thenReturn(Optional.of(status));
        }
    }

    @Test
    void eachNamedProjectionIsRebuiltAndTheCommandSucceedsOnceAllHaveCaughtUp() {
        rebuildsUpTo("users", 10, ProjectionStatus.of("users", 10, 12, false, 0));
        rebuildsUpTo("subscriptions", 10, ProjectionStatus.of("subscriptions", 10, 10, false, 0));

        // Spaces around names and empty entries are what a shell or a hand-written list leaves.
        assertThat(run(" users , subscriptions,,")).isZero();

        verify(projections).rebuild("users");
        verify(projections).rebuild("subscriptions");
        verify(projections, never()).rebuild("");
    }

    @Test
    void theCommandWaitsUntilTheReplayHasReachedTheHeadOfTheMomentItWasAsked() {
        rebuildsUpTo(
                "users",
                10,
                ProjectionStatus.of("users", 4, 10, true, 0),
                ProjectionStatus.of("users", 10, 10, true, 0),
                ProjectionStatus.of("users", 10, 10, false, 0));

        assertThat(run("users")).isZero();

        // Still replaying at the head is not done: the third answer ended the wait.
        verify(projections, times(3)).status("users");
    }

    @Test
    void anUnknownNameFailsTheCommand() {
        when(projections.rebuild("nope")).thenThrow(Refusals.notFound(ErrorCode.NOT_FOUND, "Projection"));

        assertThat(run("nope")).isEqualTo(1);
    }

    @Test
    void aRefusedRebuildFailsTheCommand() {
        when(projections.rebuild("notification-saga"))
                .thenThrow(FieldErrors.failure("name", "is a processor that is never replayed"));

        assertThat(run("notification-saga")).isEqualTo(1);
    }

    @Test
    void aFailureWhileWaitingFailsTheCommand() {
        when(projections.rebuild("users")).thenReturn(ProjectionStatus.of("users", 0, 10, true, 0));
        when(projections.status(anyString())).thenThrow(new IllegalStateException("database gone"));

        assertThat(run("users")).isEqualTo(1);
    }
}
