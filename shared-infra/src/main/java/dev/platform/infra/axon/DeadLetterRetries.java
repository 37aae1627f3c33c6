package dev.platform.infra.axon;

import dev.platform.infra.schedule.PeriodicTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tries parked events again by themselves, so that a transient failure (a deadlock, a lock timeout, a database
 * restart) heals without an operator. Every {@code platform.dead-letters.check-interval} each process takes the
 * sequences of its processing groups whose first letter is due ({@link DeadLetterPolicy}) and handles them again,
 * event by event, in order; a letter that fails again is requeued with a longer delay, the rest of its sequence
 * waits behind it. Several nodes may run this at once: Axon's queue claims a sequence while one node processes it.
 */
@Component
public class DeadLetterRetries extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetries.class);
    /** Sequences one group retries per round at most, so that one round cannot run for long. */
    private static final int SEQUENCES_PER_ROUND = 100;

    private final ObjectProvider<Configuration> axon;
    private final DeadLetterProperties properties;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final ObjectProvider<MeterRegistry> meters;

    DeadLetterRetries(
            ObjectProvider<Configuration> axon,
            DeadLetterProperties properties,
            Clock clock,
            JdbcTemplate jdbc,
            ObjectProvider<MeterRegistry> meters) {
        super("dead-letter-retries", properties.checkInterval());
        this.axon = axon;
        this.properties = properties;
        this.clock = clock;
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** The processing groups of this process with a dead-letter queue. */
    public List<String> groups() {
        EventProcessingConfiguration processing = processing();
        return processing.eventProcessors().keySet().stream()
                .filter(name -> processing.deadLetterQueue(name).isPresent())
                .sorted()
                .toList();
    }

    /**
     * Handles the sequence whose first letter carries the event {@code eventIdentifier} now, whether due or not.
     *
     * @return true when the whole sequence has been applied; false when a letter failed again, the sequence is
     *     being processed elsewhere at this moment, or this process has no dead-letter queue for the group
     */
    public boolean retryNow(String group, String eventIdentifier) {
        return retry(group, letter -> letter.message().getIdentifier().equals(eventIdentifier));
    }

    /**
     * One round: each group's due sequences one after the other, until one fails again (Axon's queue answers false
     * then, as when nothing is due): the others wait for the next round.
     */
    @Override
    protected void round() {
        for (String group : groups()) {
            try {
                int retried = 0;
                while (retried < SEQUENCES_PER_ROUND && retry(group, this::due)) {
                    retried++;
                }
                if (retried > 0) {
                    log.info("retried {} parked sequence(s) of {}", retried, group);
                }
            } catch (RuntimeException e) {
                log.warn("retrying the parked events of {} failed: {}", group, e.toString());
            }
        }
    }

    private boolean due(DeadLetter<? extends EventMessage<?>> letter) {
        return !DeadLetterPolicy.retryAt(letter).isAfter(clock.instant());
    }

    private boolean retry(String group, Predicate<DeadLetter<? extends EventMessage<?>>> first) {
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor =
                processing().sequencedDeadLetterProcessor(group);
        return processor.isPresent()
                && EventByEvent.contained(() -> processor.get().process(first));
    }

    private EventProcessingConfiguration processing() {
        return axon.getObject().eventProcessingConfiguration();
    }

    /** {@code platform_dead_letters{group}}: the parked events of each group, counted when scraped. */
    private void registerGauges() {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return;
        }
        for (String group : groups()) {
            Gauge.builder("platform.dead_letters", () -> parked(group))
                    .description("Events a projection could not apply, parked in its dead-letter queue")
                    .tag("group", group)
                    .register(registry);
        }
    }

    private long parked(String group) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?", Long.class, group);
        return count == null ? 0 : count;
    }

    @Override
    public synchronized void start() {
        registerGauges();
        super.start();
    }
}
