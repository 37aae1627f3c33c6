package dev.platform.infra.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.dead-letters.*}: when a parked event (an event a projection could not apply) is tried again.
 *
 * @param retryDelay the wait after the first failure; it doubles with every failed retry
 * @param maxRetryDelay the longest wait between two retries of one event
 * @param checkInterval how often each process looks for parked events that are due
 */
@ConfigurationProperties("platform.dead-letters")
public record DeadLetterProperties(
        @DefaultValue("30s") Duration retryDelay,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("5s") Duration checkInterval) {

    /** The wait after {@code failures} failed attempts (1 = the first failure). */
    public Duration delayAfter(int failures) {
        Duration delay = retryDelay;
        for (int i = 1; i < failures && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
