package dev.platform.command.user;

import dev.platform.api.user.RequestPasswordReset;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.password-reset.*}: the pace of password reset e-mails and the queue of requests waiting to be
 * handled ({@link PasswordResetRequests}). The token's lifetime is {@code platform.account-tokens.reset-ttl}.
 *
 * @param maxEmails reset e-mails one account may be sent within {@code window} (1 to 10); a request beyond is
 *     answered like any other (202) and sends nothing, so nobody can mail-bomb an address through this endpoint
 * @param window the sliding window of {@code maxEmails}
 * @param queueCapacity requests accepted and not yet handled, per process; beyond, 503 with {@code Retry-After}
 */
@ConfigurationProperties("platform.password-reset")
record PasswordResetProperties(
        @DefaultValue("3") int maxEmails,
        @DefaultValue("15m") Duration window,
        @DefaultValue("1000") int queueCapacity) {

    PasswordResetProperties {
        if (maxEmails < 1 || maxEmails > RequestPasswordReset.MAX_EMAILS_LIMIT) {
            throw new IllegalArgumentException(
                    "platform.password-reset.max-emails must be 1 to " + RequestPasswordReset.MAX_EMAILS_LIMIT);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("platform.password-reset.window must be positive");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("platform.password-reset.queue-capacity must be at least 1");
        }
    }
}
