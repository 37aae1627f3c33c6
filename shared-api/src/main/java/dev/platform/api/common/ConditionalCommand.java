package dev.platform.api.common;

import java.util.Optional;

/**
 * A command a client may make conditional on the version of the aggregate it changes ({@code If-Match}). Its
 * aggregate checks {@link #expectedVersion()} against its own version before it changes anything.
 */
public interface ConditionalCommand {

    /** The versions the change is meant for; empty: any version (an unconditional command). */
    Optional<ExpectedVersion> expectedVersion();
}
