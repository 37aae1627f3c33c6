package dev.platform.api.user;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when someone asked for a password reset e-mail to this account's address (anyone may ask, no login).
 * {@code maxEmails} and {@code window} are the configured pace (the aggregate holds no configuration): a request
 * that would make more than {@code maxEmails} reset e-mails within {@code window} is not recorded.
 */
public record RequestPasswordReset(
        @TargetAggregateIdentifier UserId userId, Instant requestedAt, int maxEmails, Duration window) {

    /** The largest {@code maxEmails} a command may carry: the aggregate remembers that many request times. */
    public static final int MAX_EMAILS_LIMIT = 10;
}
