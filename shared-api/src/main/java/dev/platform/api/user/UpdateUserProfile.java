package dev.platform.api.user;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when a user changes their own profile. An empty optional leaves that field as it is; a present
 * {@code bio} of {@code null} is not possible, clearing the bio is an empty string.
 */
public record UpdateUserProfile(
        @TargetAggregateIdentifier UserId userId, Optional<String> username, Optional<String> bio, Instant updatedAt) {}
