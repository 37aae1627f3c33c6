package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;

class DeadLetterPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private final DeadLetterProperties properties =
            new DeadLetterProperties(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(5));
    private final DeadLetterPolicy policy = new DeadLetterPolicy(properties, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void delaysDoubleFromTheFirstUpToTheLongest() {
        assertThat(properties.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.delayAfter(5)).isEqualTo(Duration.ofSeconds(480));
        assertThat(properties.delayAfter(8)).isEqualTo(Duration.ofSeconds(3600));
        assertThat(properties.delayAfter(1_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void everyFailureParksTheEventAndCountsTowardsTheNextRetry() {
        DeadLetter<EventMessage<?>> letter = new GenericDeadLetter<>("seq", GenericEventMessage.asEventMessage("e"));

        DeadLetter<? extends EventMessage<?>> first = parked(letter, new IllegalStateException("boom"));
        assertThat(DeadLetterPolicy.failures(first)).isEqualTo(1);
        assertThat(DeadLetterPolicy.retryAt(first)).isEqualTo(NOW.plusSeconds(30));

        DeadLetter<? extends EventMessage<?>> second = parked(first, new IllegalStateException("boom"));
        assertThat(DeadLetterPolicy.failures(second)).isEqualTo(2);
        assertThat(DeadLetterPolicy.retryAt(second)).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void aLetterParkedBehindAnotherIsDueAtOnce() {
        DeadLetter<EventMessage<?>> behind = new GenericDeadLetter<>("seq", GenericEventMessage.asEventMessage("e"));
        assertThat(DeadLetterPolicy.failures(behind)).isZero();
        assertThat(DeadLetterPolicy.retryAt(behind)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void longCausesAreCut() {
        DeadLetter<EventMessage<?>> letter = new GenericDeadLetter<>("seq", GenericEventMessage.asEventMessage("e"));
        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter, new IllegalStateException("x".repeat(5000)));
        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause().orElseThrow().getMessage()).hasSizeLessThanOrEqualTo(1024);
    }

    private DeadLetter<? extends EventMessage<?>> parked(DeadLetter<? extends EventMessage<?>> letter, Throwable e) {
        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter, e);
        assertThat(decision.shouldEnqueue()).isTrue();
        return decision.withDiagnostics(letter);
    }
}
