package dev.platform.api.user;

import java.time.Instant;

/**
 * Emitted when a user changed their password. It holds no password and no hash (those live in command-side's
 * credentials table only); access tokens issued before {@code tokensNotBefore} are refused from then on.
 */
public record PasswordChanged(UserId userId, Instant changedAt, Instant tokensNotBefore) {}
