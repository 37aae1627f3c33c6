package dev.platform.infra.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event store's reading ({@code platform.event-store.*}).
 *
 * @param batchSize events read per query: a processor catching up reads this many per round trip, an aggregate
 *     loads its events in batches of this size
 */
@ConfigurationProperties("platform.event-store")
public record EventStoreProperties(@DefaultValue("1000") int batchSize) {}
