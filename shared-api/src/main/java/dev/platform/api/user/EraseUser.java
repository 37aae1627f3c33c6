package dev.platform.api.user;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when a person is erased ({@code DELETE /users/{id}}): by themselves (their password checked at the edge) or
 * by an admin ({@code erasedBy}). Erasing someone already erased is refused as an unknown user.
 */
public record EraseUser(@TargetAggregateIdentifier UserId userId, UserId erasedBy, Instant erasedAt) {

    public EraseUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(erasedBy, "erasedBy");
        Objects.requireNonNull(erasedAt, "erasedAt");
    }
}
