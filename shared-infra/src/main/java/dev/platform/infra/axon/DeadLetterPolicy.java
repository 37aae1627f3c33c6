package dev.platform.infra.axon;

import java.time.Clock;
import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Every failure parks the event (never skipped) and counts it in the letter's diagnostics: {@code failures}, and
 * {@code retryAt}, the instant from which {@link DeadLetterRetries} tries it again (the delay doubles per failure up
 * to {@code platform.dead-letters.max-retry-delay}). The cause's message is cut to 1,024 characters, as in Axon's
 * default policy.
 */
final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String FAILURES = "failures";
    static final String RETRY_AT = "retryAt";

    private final DeadLetterProperties properties;
    private final Clock clock;

    DeadLetterPolicy(DeadLetterProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        int failures = failures(letter) + 1;
        Instant retryAt = clock.instant().plus(properties.delayAfter(failures));
        return Decisions.requeue(
                ThrowableCause.truncated(cause),
                l -> l.diagnostics().and(FAILURES, failures).and(RETRY_AT, retryAt.toEpochMilli()));
    }

    static int failures(DeadLetter<?> letter) {
        return number(letter.diagnostics(), FAILURES).intValue();
    }

    /** When the letter is due: its {@code retryAt}, or at once for a letter parked behind another one. */
    static Instant retryAt(DeadLetter<?> letter) {
        return Instant.ofEpochMilli(number(letter.diagnostics(), RETRY_AT).longValue());
    }

    private static Number number(MetaData diagnostics, String key) {
        return diagnostics.get(key) instanceof Number n ? n : 0;
    }
}
