package dev.platform.api.user;

import java.time.Instant;

/**
 * Emitted when the owner asked for another verification e-mail; the notification side writes it, with a token it
 * signs then (no token is ever in an event: admins export the event store). {@code request} numbers the account's
 * verification e-mails; registration was number 1.
 */
public record VerificationRequested(UserId userId, int request, Instant requestedAt) {}
