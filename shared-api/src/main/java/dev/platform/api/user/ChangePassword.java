package dev.platform.api.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when a logged-in user changed their own password (the current one checked at the edge). The new hash travels
 * in the command only: it is stored in command-side's credentials table, never in an event. Tokens issued before
 * {@code tokensNotBefore} are refused from then on.
 */
public record ChangePassword(
        @TargetAggregateIdentifier UserId userId, String passwordHash, Instant changedAt, Instant tokensNotBefore) {

    @Override
    public String toString() {
        return "ChangePassword[userId=" + userId + ", changedAt=" + changedAt + "]";
    }
}
