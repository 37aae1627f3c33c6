package dev.platform.api.user;

import dev.platform.api.common.ConditionalCommand;
import dev.platform.api.common.ExpectedVersion;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when a user changes their own profile. An empty optional leaves that field as it is; a present
 * {@code bio} of {@code null} is not possible, clearing the bio is an empty string. A present
 * {@code expectedVersion} ({@code If-Match}) makes the change conditional on the account's version.
 */
public record UpdateUserProfile(
        @TargetAggregateIdentifier UserId userId,
        Optional<String> username,
        Optional<String> bio,
        Instant updatedAt,
        Optional<ExpectedVersion> expectedVersion)
        implements ConditionalCommand {

    /** An unconditional update. */
    public UpdateUserProfile(UserId userId, Optional<String> username, Optional<String> bio, Instant updatedAt) {
        this(userId, username, bio, updatedAt, Optional.empty());
    }
}
