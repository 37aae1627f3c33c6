package dev.platform.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
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
 * rebuild itself is {@link Rebuilds}' (end to end in RebuildCommandEndToEndTest and BlueGreenRebuildEndToEndTest).
 */
class RebuildCommandTest {

    private final Rebuilds rebuilds = mock(Rebuilds.class);

    private int run(String names) {
        return new RebuildCommand(rebuilds, mock(ConfigurableApplicationContext.class), names).rebuild();
    }

    private static RebuildStatus status(String name, String state) {
        return new RebuildStatus(
                name, "auto", state, null, null, 10, RebuildProgress.of(state, 4, 10, 1), 0, null, null);
    }

    private void rebuildsAfter(String name, Boolean... done) {
        when(rebuilds.start(name, false)).thenReturn(status(name, "building"));
        when(rebuilds.status(name)).thenReturn(Optional.of(status(name, "building")));
        var stubbing = when(rebuilds.done(name));
        for (Boolean answer : done) {
            stubbing = stubbing.thenReturn(answer);
        }
    }

    @Test
    void eachNamedProjectionIsRebuiltAutomaticallyAndTheCommandSucceedsOnceAllAreDone() {
        rebuildsAfter("users", true);
        rebuildsAfter("subscriptions", true);

        // Spaces around names and empty entries are what a shell or a hand-written list leaves.
        assertThat(run(" users , subscriptions,,")).isZero();

        verify(rebuilds).start("users", false);
        verify(rebuilds).start("subscriptions", false);
        verify(rebuilds, never()).start("", false);
    }

    @Test
    void theCommandWaitsUntilTheRebuildIsDone() {
        rebuildsAfter("users", false, false, true);

        assertThat(run("users")).isZero();

        verify(rebuilds, times(3)).done("users");
    }

    @Test
    void anUnknownNameFailsTheCommand() {
        when(rebuilds.start("nope", false)).thenThrow(Refusals.notFound(ErrorCode.NOT_FOUND, "Projection"));

        assertThat(run("nope")).isEqualTo(1);
    }

    @Test
    void aRefusedRebuildFailsTheCommand() {
        when(rebuilds.start("notification-saga", false))
                .thenThrow(FieldErrors.failure("name", "is a processor that is never replayed"));

        assertThat(run("notification-saga")).isEqualTo(1);
    }

    @Test
    void aFailedRebuildFailsTheCommand() {
        when(rebuilds.start(anyString(), anyBoolean())).thenReturn(status("users", "building"));
        when(rebuilds.done(anyString())).thenThrow(new IllegalStateException("the rebuild of users failed"));

        assertThat(run("users")).isEqualTo(1);
    }
}
