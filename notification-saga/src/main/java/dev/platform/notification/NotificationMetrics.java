package dev.platform.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counters of e-mail delivery. New-post deliveries: sent, failed (parked), retried, and sent again while in doubt.
 * Account e-mails (verification, ...) have a counter of their own, tagged with their kind, so that they never mix
 * with new-post figures: sent, failed (an attempt that failed and is tried again) and dead (given up, parked in
 * the dead-letter queue).
 */
@Component
class NotificationMetrics {

    static final String ACCOUNT_EMAILS = "platform.notifications.account_emails";

    private final MeterRegistry registry;

    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final Counter inDoubt;

    NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sent = registry.counter("platform.notifications.emails", "outcome", "sent");
        this.failed = registry.counter("platform.notifications.emails", "outcome", "failed");
        this.retried = registry.counter("platform.notifications.emails", "outcome", "retried");
        this.inDoubt = registry.counter("platform.notifications.emails.in_doubt");
    }

    void sent() {
        sent.increment();
    }

    void failed() {
        failed.increment();
    }

    void retried() {
        retried.increment();
    }

    void inDoubt() {
        inDoubt.increment();
    }

    void accountSent(String kind) {
        account(kind, "sent");
    }

    void accountFailed(String kind) {
        account(kind, "failed");
    }

    void accountDead(String kind) {
        account(kind, "dead");
    }

    private void account(String kind, String outcome) {
        registry.counter(ACCOUNT_EMAILS, "kind", kind, "outcome", outcome).increment();
    }
}
