package dev.platform.api.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when someone signs up (or when the operator account is made at start). The password hash travels in
 * the command only: it is stored in command-side's credentials table, never in an event.
 */
public record RegisterUser(
        @TargetAggregateIdentifier UserId userId,
        String email,
        String username,
        Role role,
        String passwordHash,
        Instant registeredAt) {

    @Override
    public String toString() {
        return "RegisterUser[userId=" + userId + ", username=" + username + ", role=" + role + "]";
    }
}
