package dev.platform.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counters of e-mail delivery: sent, failed, retried, and sent again while in doubt. */
@Component
class NotificationMetrics {

    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final Counter inDoubt;

    NotificationMetrics(MeterRegistry registry) {
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
}
