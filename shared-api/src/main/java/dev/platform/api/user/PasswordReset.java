package dev.platform.api.user;

import java.time.Instant;

/**
 * Emitted when a user set a new password with the token of reset e-mail number {@code request}. Like {@link
 * PasswordChanged} it holds no password and no hash; access tokens issued before {@code tokensNotBefore} are refused
 * from then on, and the tokens of every reset e-mail asked for until then are spent.
 */
public record PasswordReset(UserId userId, int request, Instant resetAt, Instant tokensNotBefore) {}
