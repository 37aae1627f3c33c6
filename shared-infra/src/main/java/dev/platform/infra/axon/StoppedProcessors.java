package dev.platform.infra.axon;

import dev.platform.infra.schedule.PeriodicTask;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Starts again a streaming processor that stopped by itself. Axon's tracking processor retries an {@link
 * Exception} for ever, but a thrown {@link Error} ends its processing loop ("Pausing processor in Error State") and
 * nothing starts it again: its read model would stop for good. Seen when PostgreSQL terminated a batch's connection
 * while the JVM ran with assertions on (the driver's own assertion failed on the closed connection). Every {@value
 * #CHECK_SECONDS} s each processor in that state is started again; it resumes from its last committed token.
 */
@Component
class StoppedProcessors extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(StoppedProcessors.class);
    private static final long CHECK_SECONDS = 5;

    private final ObjectProvider<Configuration> axon;

    StoppedProcessors(ObjectProvider<Configuration> axon) {
        super("stopped-processors", Duration.ofSeconds(CHECK_SECONDS));
        this.axon = axon;
    }

    @Override
    protected void round() {
        for (var processor : axon.getObject()
                .eventProcessingConfiguration()
                .eventProcessors()
                .values()) {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isError()) {
                log.error("event processor {} stopped after an error; starting it again", streaming.getName());
                streaming.shutDown();
                streaming.start();
            }
        }
    }
}
