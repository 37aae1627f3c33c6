package dev.platform.api.user;

import java.time.Instant;

/**
 * Emitted when a password reset e-mail was asked for this account's address; the notification side writes it, with a
 * token it signs then (no token is ever in an event: admins export the event store). {@code request} numbers the
 * account's reset e-mails from 1; a reset spends the tokens of every request made before it.
 */
public record PasswordResetRequested(UserId userId, int request, Instant requestedAt) {}
