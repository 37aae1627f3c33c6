package dev.platform.infra.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event store's reading ({@code platform.event-store.*}).
 *
 * @param batchSize events read per query: a processor catching up reads this many per round trip, an aggregate
 *     loads its events in batches of this size
 * @param headFetchInterval the shortest time between two reads of the stream's head for the processors at the head
 *     (zero: a read as soon as the last one found events); the longest a processor at the head waits beyond an
 *     event's commit while writes stream in
 */
@ConfigurationProperties("platform.event-store")
public record EventStoreProperties(
        @DefaultValue("1000") int batchSize,
        @DefaultValue("5ms") Duration headFetchInterval) {}
