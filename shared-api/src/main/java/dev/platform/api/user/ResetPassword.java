package dev.platform.api.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when the token of a password reset e-mail came back with a new password (the token's signature and expiry
 * checked at the edge; whether it is spent is the aggregate's part). The new hash travels in the command only: it is
 * stored in command-side's credentials table, never in an event. Tokens issued before {@code tokensNotBefore} are
 * refused from then on.
 */
public record ResetPassword(
        @TargetAggregateIdentifier UserId userId,
        int request,
        String passwordHash,
        Instant resetAt,
        Instant tokensNotBefore) {

    @Override
    public String toString() {
        return "ResetPassword[userId=" + userId + ", request=" + request + ", resetAt=" + resetAt + "]";
    }
}
